import Foundation

/// Where the scheduler, the ledger and the caches read the time and wait.
///
/// Production uses `SystemTimeSource`, the demo `ScaledTimeSource`, tests `ManualTimeSource`.
/// Sleeps are cancellation-aware: a cancelled task's sleep throws `CancellationError` promptly.
public protocol TimeSource: Sendable {
    func now() -> Date
    /// Suspends for `seconds` of this source's time; returns at once when `seconds <= 0`.
    func sleep(for seconds: Double) async throws
    /// Suspends until this source's clock reaches `deadline`.
    ///
    /// The scheduler always waits for absolute deadlines, so a clock that moves between reading
    /// `now()` and starting the sleep cannot stretch a wait. The default reads `now()` once.
    func sleep(until deadline: Date) async throws
}

extension TimeSource {
    public func sleep(until deadline: Date) async throws {
        try await sleep(for: deadline.timeIntervalSince(now()))
    }
}

/// The wall clock.
public struct SystemTimeSource: TimeSource {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for seconds: Double) async throws {
        guard seconds > 0, seconds.isFinite else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .seconds(seconds))
    }
}
