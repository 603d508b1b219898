import Foundation

/// Capped exponential backoff with full jitter: the delay before retry `n` (0 for the first
/// retry) is uniform in `[0, min(cap, base · 2^n)]`.
///
/// Full jitter spreads the retries of many clients over the whole window, which is what keeps
/// a regional outage from turning into synchronised waves of retries.
public struct Backoff: Sendable, Hashable {
    public var base: TimeInterval
    public var cap: TimeInterval

    public init(base: TimeInterval = 1, cap: TimeInterval = 20) {
        self.base = max(0, base)
        self.cap = max(0, cap)
    }

    /// The upper bound of the delay before retry `retry`: `min(cap, base · 2^retry)`.
    public func ceiling(forRetry retry: Int) -> TimeInterval {
        // 2^62 already exceeds any cap; clamping keeps pow away from infinity.
        let exponent = Double(min(max(retry, 0), 62))
        return min(cap, base * pow(2, exponent))
    }

    /// One full-jitter draw for retry `retry`.
    public func delay<Generator: RandomNumberGenerator>(
        forRetry retry: Int,
        using generator: inout Generator
    ) -> TimeInterval {
        let ceiling = ceiling(forRetry: retry)
        guard ceiling > 0 else { return 0 }
        return Double.random(in: 0...ceiling, using: &generator)
    }
}
