import BurnwatchCore
import Foundation

/// Number and time formatting shared by every screen and width: short, fixed, unit-bearing.
public enum Format {
    public static func latency(_ ms: Double) -> String {
        if ms >= 100_000 { return String(format: "%.0fs", ms / 1000) }
        if ms >= 10_000 { return String(format: "%.1fs", ms / 1000) }
        if ms >= 1000 { return String(format: "%.2fs", ms / 1000) }
        return String(format: "%.0fms", ms)
    }

    /// Counts per minute: `950`, `12.3k`, `1.20M`.
    public static func count(_ value: Double) -> String {
        let v = abs(value)
        let sign = value < 0 ? "-" : ""
        if v >= 1_000_000 { return sign + String(format: "%.2fM", v / 1_000_000) }
        if v >= 10_000 { return sign + String(format: "%.1fk", v / 1000) }
        if v >= 1000 { return sign + String(format: "%.2fk", v / 1000) }
        if v >= 100 || v == v.rounded() { return sign + String(format: "%.0f", v) }
        return sign + String(format: "%.1f", v)
    }

    /// A fraction as a percentage: `0.4%`, `12%`, `<0.1%` for tiny non-zero rates.
    public static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        if p == 0 { return "0%" }
        if p < 0.1 { return "<0.1%" }
        if p < 10 { return String(format: "%.1f%%", p) }
        return String(format: "%.0f%%", p)
    }

    public static func ratio(_ ratio: Decimal, times: String) -> String {
        let value = NSDecimalNumber(decimal: ratio).doubleValue
        if value >= 100 { return String(format: "%.0f", value) + times }
        if value >= 10 { return String(format: "%.1f", value) + times }
        return String(format: "%.2f", value) + times
    }

    /// A duration as the two largest units: `45s`, `12m`, `3h05m`, `2d04h`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds).rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        return String(format: "%dd%02dh", s / 86_400, (s % 86_400) / 3600)
    }

    /// Minute-grain age for labels that must not change every second (bytes over SSH): `<1m`, `4m`, `2h10m`.
    public static func coarseAge(_ seconds: TimeInterval) -> String {
        seconds < 60 ? "<1m" : duration(seconds)
    }

    public static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d", day / 3600, (day / 60) % 60)
    }

    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    public static func signedPercentChange(from old: Double, to new: Double) -> String? {
        guard old != 0 else { return nil }
        let change = (new - old) / abs(old) * 100
        return String(format: "%+.0f%%", change)
    }
}
