import BurnwatchCore
import Foundation

/// Every knob of the scheduler, with the defaults from the reliability anchors.
public struct SchedulerPolicy: Sendable, Hashable {
    public var retry: RetryPolicy
    /// One bucket per provider (collectors with the same `Cloud`; a collector without one has its own).
    public var retryBudget: RetryBudget.Configuration
    public var circuitBreaker: CircuitBreaker.Configuration
    /// The first round of each loop starts after a random delay in `[0, min(fraction × cadence, cap)]`,
    /// so collectors do not all call at the same instant.
    public var initialJitterFraction: Double
    public var initialJitterCap: TimeInterval
    /// A Retry-After longer than this is treated as this long (a broken header must not stop polling for days).
    public var maxRetryAfter: TimeInterval
    /// When set, replaces the collectors' own cadences for the data classes they serve (config `refresh`, etc.).
    public var cadenceOverride: Cadences?

    public init(
        retry: RetryPolicy = RetryPolicy(),
        retryBudget: RetryBudget.Configuration = RetryBudget.Configuration(),
        circuitBreaker: CircuitBreaker.Configuration = CircuitBreaker.Configuration(),
        initialJitterFraction: Double = 0.1,
        initialJitterCap: TimeInterval = 5,
        maxRetryAfter: TimeInterval = 3600,
        cadenceOverride: Cadences? = nil
    ) {
        self.retry = retry
        self.retryBudget = retryBudget
        self.circuitBreaker = circuitBreaker
        self.initialJitterFraction = min(max(0, initialJitterFraction), 1)
        self.initialJitterCap = max(0, initialJitterCap)
        self.maxRetryAfter = max(0, maxRetryAfter)
        self.cadenceOverride = cadenceOverride
    }

    func initialJitterCeiling(cadence: TimeInterval) -> TimeInterval {
        min(cadence * initialJitterFraction, initialJitterCap)
    }
}
