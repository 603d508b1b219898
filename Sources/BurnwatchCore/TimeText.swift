import Foundation

/// Short time text shared by the screens, the status messages and the reports.
public enum TimeText {
    /// A duration as the two largest units: `45s`, `12m`, `3h05m`, `2d04h`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds).rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" + FixedText.padded((s % 3600) / 60, width: 2) + "m" }
        return "\(s / 86_400)d" + FixedText.padded((s % 86_400) / 3600, width: 2) + "h"
    }

    /// The UTC time of day as `HH:MM`.
    public static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return FixedText.padded(day / 3600, width: 2) + ":" + FixedText.padded((day / 60) % 60, width: 2)
    }
}
