/// Fast fixed-point text for the render path, where Foundation's `String(format:)` costs
/// microseconds a call: `FixedText.format(12.345, digits: 2)` is `"12.35"` (half away from zero).
public enum FixedText {
    private static let powers: [Double] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

    public static func format(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let digits = max(0, min(6, digits))
        let scaled = (abs(value) * powers[digits]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(value) }
        let units = UInt64(scaled)
        let negative = value < 0 && units != 0
        let whole = units / UInt64(powers[digits])
        var text = negative ? "-" : ""
        text += String(whole)
        if digits > 0 {
            let fraction = String(units % UInt64(powers[digits]))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// An integer padded with zeros to `width` digits: `padded(7, width: 2)` is `"07"`.
    public static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
