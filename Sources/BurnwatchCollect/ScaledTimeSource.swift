import Foundation

/// Simulated time that runs `speed` times faster than the wall clock, for `burnwatch demo --speed`.
///
/// Simulated now = `start` + wall time elapsed since creation × `speed`; a sleep of `s`
/// simulated seconds lasts `s / speed` wall seconds. Everything measured in this source's
/// seconds scales with it, including the scheduler's attempt timeout.
public struct ScaledTimeSource: TimeSource {
    public let speed: Double
    public let start: Date
    private let wallStart: ContinuousClock.Instant

    /// Throws when `speed` is not a finite number above zero.
    public init(speed: Double, start: Date = Date()) throws {
        guard speed.isFinite, speed > 0 else { throw InvalidSpeed(speed: speed) }
        self.speed = speed
        self.start = start
        self.wallStart = ContinuousClock.now
    }

    public func now() -> Date {
        let elapsed = ContinuousClock.now - wallStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return start.addingTimeInterval(seconds * speed)
    }

    public func sleep(for seconds: Double) async throws {
        guard seconds > 0, seconds.isFinite else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .seconds(seconds / speed))
    }

    public struct InvalidSpeed: Error, Sendable, Hashable, CustomStringConvertible {
        public let speed: Double
        public var description: String { "speed must be a number above 0, got \(speed)" }
    }
}
