import BurnwatchCollect
import Foundation

/// The difference between AWS's clock and ours, learnt from the `Date` header of answers.
///
/// SigV4 signatures carry the time and AWS refuses any more than 5 minutes off. When an answer's
/// `Date` differs from our clock by more than that, later requests are signed with the corrected
/// time and the Collectors screen says so. Smaller differences are left alone.
public final class AWSClockSkew: Sendable {
    public static let tolerance: TimeInterval = 5 * 60
    private let offset = LockedState<TimeInterval>(0)

    public init() {}

    /// Seconds to add to our clock to get AWS's (0 until a skew beyond the tolerance is seen).
    public var correction: TimeInterval { offset.withLock { $0 } }

    /// A note for the Collectors screen while a correction is applied.
    public var note: String? {
        let value = correction
        guard value != 0 else { return nil }
        let direction = value > 0 ? "behind" : "ahead of"
        return "local clock \(Int(abs(value).rounded())) s \(direction) AWS; signing with AWS time"
    }

    /// Learns from an answer's `Date` header, received at `localNow`. Returns true when the
    /// correction changed (so a request refused for its time is worth one retry).
    @discardableResult
    public func observe(dateHeader: String?, localNow: Date) -> Bool {
        guard let dateHeader, let serverDate = Self.parseHTTPDate(dateHeader) else { return false }
        let difference = serverDate.timeIntervalSince(localNow)
        return offset.withLock { current in
            let wanted = abs(difference) > Self.tolerance ? difference : 0
            // HTTP dates have one-second resolution: ignore jitter inside a few seconds.
            guard abs(wanted - current) > 2 else { return false }
            current = wanted
            return true
        }
    }

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}
