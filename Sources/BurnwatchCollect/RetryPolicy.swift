import Foundation

/// When to try a failed collection round again within the same round.
///
/// A dashboard polls again anyway, so the next tick is the real retry: inside a round we make at
/// most `maxAttempts` attempts in total, and only while the wait fits before the next tick.
/// A throttle's Retry-After is a floor for the wait; when it reaches past the next tick we stop
/// and the scheduler does not poll again before it expires.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per round, the first one included (AWS SDK standard mode: 3).
    public var maxAttempts: Int
    public var backoff: Backoff
    /// How long one `collect` call may take before it counts as a timeout.
    public var attemptTimeout: TimeInterval

    public init(maxAttempts: Int = 3, backoff: Backoff = Backoff(), attemptTimeout: TimeInterval = 10) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.attemptTimeout = attemptTimeout > 0 ? attemptTimeout : 10
    }

    public enum Decision: Sendable, Hashable {
        /// Wait this long, then try again.
        case retry(after: TimeInterval)
        case stop(StopReason)
    }

    public enum StopReason: Sendable, Hashable {
        /// Auth, configuration and decoding errors do not get better by asking again.
        case notRetryable
        case attemptsExhausted
        /// The wait (backoff or Retry-After) would reach the next scheduled tick: that tick retries.
        case nextTickSooner
    }

    /// Decides after a failed attempt.
    /// - Parameters:
    ///   - attemptsMade: attempts made so far in this round, the failed one included (≥ 1).
    ///   - timeToNextTick: seconds until the next scheduled round (or the report's deadline).
    ///   - jitteredDelay: a full-jitter draw for this retry, `backoff.delay(forRetry: attemptsMade - 1, …)`.
    public func decide(
        after error: CollectorError,
        attemptsMade: Int,
        timeToNextTick: TimeInterval,
        jitteredDelay: TimeInterval
    ) -> Decision {
        guard error.isRetryable else { return .stop(.notRetryable) }
        guard attemptsMade < maxAttempts else { return .stop(.attemptsExhausted) }
        var delay = max(0, jitteredDelay)
        if let retryAfter = Self.usableRetryAfter(error.retryAfter) {
            delay = max(delay, retryAfter)
        }
        guard delay < timeToNextTick else { return .stop(.nextTickSooner) }
        return .retry(after: delay)
    }

    /// Decides after a failed attempt, drawing the jitter from `generator`.
    public func decide<Generator: RandomNumberGenerator>(
        after error: CollectorError,
        attemptsMade: Int,
        timeToNextTick: TimeInterval,
        using generator: inout Generator
    ) -> Decision {
        let jitter = backoff.delay(forRetry: max(0, attemptsMade - 1), using: &generator)
        return decide(after: error, attemptsMade: attemptsMade, timeToNextTick: timeToNextTick, jitteredDelay: jitter)
    }

    /// A Retry-After we can act on: finite and not negative.
    static func usableRetryAfter(_ value: TimeInterval?) -> TimeInterval? {
        guard let value, value.isFinite, value >= 0 else { return nil }
        return value
    }
}
