import Foundation

/// One Fleet row: the latest value of each measure with its age, and the endpoint's burn.
/// Derived from the state by the reducer; the UI and the report read it, never recompute it.
public struct EndpointRow: Sendable, Equatable, Identifiable {
    public var endpoint: Endpoint
    public var collector: CollectorID
    public var p99: Observed<Double>?
    public var invocations: Observed<Double>?
    /// Errors per invocation (0...1) in the same minute.
    public var errorRate: Observed<Double>?
    public var replicas: Observed<Double>?
    public var concurrency: Observed<Double>?
    public var coldStarts: Observed<Double>?
    public var tokens: Observed<Double>?
    public var burn: BurnAssessment
    /// When the cost figure was fetched, nil when there is none.
    public var costFetchedAt: Date?
    /// Whether the unbilled estimate is part of the spend figure.
    public var includesEstimate: Bool

    public var id: EndpointID { endpoint.id }

    /// Azure OpenAI publishes no percentile: its latency column shows an average, and says so.
    public var latencyIsPercentile: Bool { endpoint.id.service != .azureOpenAI }

    public init(
        endpoint: Endpoint, collector: CollectorID, p99: Observed<Double>? = nil, invocations: Observed<Double>? = nil,
        errorRate: Observed<Double>? = nil, replicas: Observed<Double>? = nil, concurrency: Observed<Double>? = nil,
        coldStarts: Observed<Double>? = nil, tokens: Observed<Double>? = nil, burn: BurnAssessment = .unknown,
        costFetchedAt: Date? = nil, includesEstimate: Bool = false
    ) {
        self.endpoint = endpoint
        self.collector = collector
        self.p99 = p99
        self.invocations = invocations
        self.errorRate = errorRate
        self.replicas = replicas
        self.concurrency = concurrency
        self.coldStarts = coldStarts
        self.tokens = tokens
        self.burn = burn
        self.costFetchedAt = costFetchedAt
        self.includesEstimate = includesEstimate
    }
}

/// One Budgets row: an account / project / subscription.
public struct AccountRow: Sendable, Equatable, Identifiable {
    public var account: AccountID
    public var burn: BurnAssessment
    public var budget: Money?
    public var dailySpend: [Money]
    public var billedThrough: Date?
    public var estimatedUnbilled: Money?
    public var costFetchedAt: Date?
    public var endpointCount: Int
    public var alarmCount: Int

    public var id: AccountID { account }

    public init(
        account: AccountID, burn: BurnAssessment = .unknown, budget: Money? = nil, dailySpend: [Money] = [],
        billedThrough: Date? = nil, estimatedUnbilled: Money? = nil, costFetchedAt: Date? = nil,
        endpointCount: Int = 0, alarmCount: Int = 0
    ) {
        self.account = account
        self.burn = burn
        self.budget = budget
        self.dailySpend = dailySpend
        self.billedThrough = billedThrough
        self.estimatedUnbilled = estimatedUnbilled
        self.costFetchedAt = costFetchedAt
        self.endpointCount = endpointCount
        self.alarmCount = alarmCount
    }
}

/// The fleet's total month-to-date spend against forecast, per currency (never mixed).
public struct FleetTotal: Sendable, Equatable {
    public var spend: Money
    public var forecast: Money?
    public var burn: BurnAssessment

    public init(spend: Money, forecast: Money?, burn: BurnAssessment) {
        self.spend = spend
        self.forecast = forecast
        self.burn = burn
    }
}
