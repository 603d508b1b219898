import Foundation

/// The state of one collector as the Collectors screen shows it.
public enum CollectorState: Sendable, Hashable, Codable {
    case starting
    case ok
    /// The last success is older than twice the cadence.
    case stale
    case throttled(until: Date)
    case authFailed(hint: String)
    case unreachable
    case misconfigured
    case noCredentials(hint: String)
    /// Circuit breaker open: no calls until the probe time.
    case circuitOpen(until: Date)
    case failing

    public var label: String {
        switch self {
        case .starting: "starting"
        case .ok: "ok"
        case .stale: "stale"
        case .throttled: "throttled"
        case .authFailed: "auth failed"
        case .unreachable: "unreachable"
        case .misconfigured: "misconfigured"
        case .noCredentials: "no credentials"
        case .circuitOpen: "circuit open"
        case .failing: "failing"
        }
    }

    public var isHealthy: Bool {
        switch self {
        case .ok, .starting: true
        default: false
        }
    }
}

/// Everything the Collectors screen knows about one collector.
public struct CollectorHealth: Sendable, Hashable, Codable {
    public var id: CollectorID
    public var cloud: Cloud?
    /// Human description, e.g. "AWS ml-prod (us-east-1, eu-west-1)".
    public var title: String
    /// The identity in use (account id, role, project, tenant, client id); never a secret.
    public var identity: String?
    public var state: CollectorState
    public var lastSuccess: [DataClass: Date]
    public var nextPoll: [DataClass: Date]
    public var callsToday: Int
    /// Estimated price of today's calls, in USD.
    public var spendToday: Decimal
    public var lastError: String?
    public var retries: Int
    public var clockSkew: TimeInterval?
    /// What a day of polling at the current cadences costs, in USD, from the collector's declared prices.
    public var pollingCostPerDay: Decimal?

    public init(
        id: CollectorID,
        cloud: Cloud? = nil,
        title: String,
        identity: String? = nil,
        state: CollectorState = .starting,
        lastSuccess: [DataClass: Date] = [:],
        nextPoll: [DataClass: Date] = [:],
        callsToday: Int = 0,
        spendToday: Decimal = 0,
        lastError: String? = nil,
        retries: Int = 0,
        clockSkew: TimeInterval? = nil,
        pollingCostPerDay: Decimal? = nil
    ) {
        self.id = id
        self.cloud = cloud
        self.title = title
        self.identity = identity
        self.state = state
        self.lastSuccess = lastSuccess
        self.nextPoll = nextPoll
        self.callsToday = callsToday
        self.spendToday = spendToday
        self.lastError = lastError.map(Sanitizer.clean)
        self.retries = retries
        self.clockSkew = clockSkew
        self.pollingCostPerDay = pollingCostPerDay
    }
}
