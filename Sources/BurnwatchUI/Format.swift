import BurnwatchCore
import Foundation

/// Number and time formatting shared by every screen and width: short, fixed, unit-bearing.
public enum Format {
    public static func latency(_ ms: Double) -> String {
        if ms >= 100_000 { return FixedText.format(ms / 1000, digits: 0) + "s" }
        if ms >= 10_000 { return FixedText.format(ms / 1000, digits: 1) + "s" }
        if ms >= 1000 { return FixedText.format(ms / 1000, digits: 2) + "s" }
        return FixedText.format(ms, digits: 0) + "ms"
    }

    /// Counts per minute: `950`, `12.3k`, `1.20M`.
    public static func count(_ value: Double) -> String {
        let v = abs(value)
        let sign = value < 0 ? "-" : ""
        if v >= 1_000_000 { return sign + FixedText.format(v / 1_000_000, digits: 2) + "M" }
        if v >= 10_000 { return sign + FixedText.format(v / 1000, digits: 1) + "k" }
        if v >= 1000 { return sign + FixedText.format(v / 1000, digits: 2) + "k" }
        if v >= 100 || v == v.rounded() { return sign + FixedText.format(v, digits: 0) }
        return sign + FixedText.format(v, digits: 1)
    }

    /// A fraction as a percentage: `0.4%`, `12%`, `<0.1%` for tiny non-zero rates.
    public static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        if p == 0 { return "0%" }
        if p < 0.1 { return "<0.1%" }
        if p < 10 { return FixedText.format(p, digits: 1) + "%" }
        return FixedText.format(p, digits: 0) + "%"
    }

    public static func ratio(_ ratio: Decimal, times: String) -> String {
        let value = NSDecimalNumber(decimal: ratio).doubleValue
        if value >= 100 { return FixedText.format(value, digits: 0) + times }
        if value >= 10 { return FixedText.format(value, digits: 1) + times }
        return FixedText.format(value, digits: 2) + times
    }

    /// Minute-grain age for labels that must not change every second (bytes over SSH): `<1m`, `4m`, `2h10m`.
    public static func coarseAge(_ seconds: TimeInterval) -> String {
        seconds < 60 ? "<1m" : TimeText.duration(seconds)
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
