import BurnwatchCore
import Foundation

/// What the scheduler knows about one collector, as a value: the outcome of each data class's
/// last round, the breaker, the timestamps. `health(tally:)` turns it into the `CollectorHealth`
/// the Collectors screen shows.
struct CollectorHealthBook: Sendable {
    enum ClassStatus: Sendable, Hashable {
        case pending
        case ok
        /// The last round failed; `throttledUntil` is when polling resumes (used when throttled).
        case failed(CollectorError, throttledUntil: Date)
    }

    let descriptor: CollectorDescriptor
    var breaker: CircuitBreaker
    var status: [DataClass: ClassStatus] = [:]
    var lastSuccess: [DataClass: Date] = [:]
    var nextPoll: [DataClass: Date] = [:]
    var lastError: String?
    /// Set when the collector cannot be scheduled at all (a duplicate id).
    var rejection: String?
    /// What the collector learnt about itself from its answers (the caller's ARN), beating the descriptor's guess.
    var learntIdentity: String?
    /// The provider clock's lead over ours, while the collector corrects for it.
    var clockSkew: TimeInterval?

    /// The cadences in force (the descriptor's, or the config's override), for the daily polling cost.
    let cadences: [DataClass: TimeInterval]

    init(descriptor: CollectorDescriptor, breaker: CircuitBreaker, cadences: [DataClass: TimeInterval]? = nil) {
        self.descriptor = descriptor
        self.breaker = breaker
        self.cadences = cadences ?? descriptor.cadences
    }

    /// Σ price of a round × rounds a day, over the data classes the collector serves.
    var pollingCostPerDay: Decimal? {
        guard !descriptor.pricePerRound.isEmpty else { return nil }
        return cadences.reduce(Decimal(0)) { total, entry in
            guard let price = descriptor.pricePerRound[entry.key], entry.value > 0 else { return total }
            return total + price * Decimal(86_400 / entry.value)
        }
    }

    mutating func recordSuccess(_ dataClass: DataClass, fetchedAt: Date) {
        status[dataClass] = .ok
        lastSuccess[dataClass] = max(fetchedAt, lastSuccess[dataClass] ?? fetchedAt)
    }

    /// Keeps the identity and clock skew a fresh batch reports (a cached batch says nothing new).
    mutating func learn(from batch: CollectBatch) {
        if let identity = batch.identity { learntIdentity = identity }
        clockSkew = batch.clockSkew
    }

    mutating func recordFailure(_ dataClass: DataClass, error: CollectorError, throttledUntil: Date) {
        status[dataClass] = .failed(error, throttledUntil: throttledUntil)
        lastError = "\(dataClass.rawValue): \(error.description)"
    }

    /// A failed attempt that will be retried: the error shows, and a throttle shows as such,
    /// but the round has not failed yet.
    mutating func recordRetrying(_ dataClass: DataClass, error: CollectorError, throttledUntil: Date?) {
        lastError = "\(dataClass.rawValue): \(error.description)"
        if let throttledUntil {
            status[dataClass] = .failed(error, throttledUntil: throttledUntil)
        }
    }

    /// Precedence, most important first: problems only the user can fix (auth failed, no
    /// credentials, misconfigured, with their hints), an open breaker, throttled, unreachable,
    /// failing; then ok when any data class succeeded, else starting.
    var state: CollectorState {
        if rejection != nil { return .misconfigured }
        let failures: [CollectorState] = status.values.compactMap { status in
            guard case .failed(let error, let until) = status else { return nil }
            return error.collectorState(throttledUntil: until)
        }
        let worst = failures.max { Self.rank($0) < Self.rank($1) }
        if let worst, Self.rank(worst) > Self.circuitRank { return worst }
        if case .open(let until) = breaker.state { return .circuitOpen(until: until) }
        if let worst { return worst }
        if status.values.contains(.ok) { return .ok }
        return .starting
    }

    func health(tally: CallLedger.Tally) -> CollectorHealth {
        CollectorHealth(
            id: descriptor.id,
            cloud: descriptor.cloud,
            title: descriptor.title,
            identity: learntIdentity ?? descriptor.identity,
            state: state,
            lastSuccess: lastSuccess,
            nextPoll: nextPoll,
            callsToday: tally.calls,
            spendToday: tally.spend,
            lastError: rejection ?? lastError,
            retries: tally.retries,
            clockSkew: clockSkew,
            pollingCostPerDay: pollingCostPerDay
        )
    }

    private static let circuitRank: Double = 40

    /// Higher is more important. Among throttles, the later end date wins.
    private static func rank(_ state: CollectorState) -> Double {
        switch state {
        case .authFailed: 70
        case .noCredentials: 60
        case .misconfigured: 50
        case .circuitOpen: circuitRank
        case .throttled(let until): 30 + min(until.timeIntervalSince1970 / 1e12, 0.9)
        case .unreachable: 20
        case .failing: 10
        case .stale, .ok, .starting: 0
        }
    }
}
