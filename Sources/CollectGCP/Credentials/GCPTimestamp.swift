import Foundation

/// RFC 3339 times as Google writes them (`2025-03-01T13:00:00Z`, up to nine fractional digits,
/// or an offset), parsed without depending on how many fractional digits a formatter accepts.
enum GCPTimestamp {
    static func parse(_ text: String) -> Date? {
        guard let dot = text.firstIndex(of: ".") else { return whole(text) }
        let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
        guard !digits.isEmpty, let fraction = Double("0." + digits) else { return nil }
        let rest = text[text.index(dot, offsetBy: digits.count + 1)...]
        return whole(String(text[..<dot]) + rest).map { $0.addingTimeInterval(fraction) }
    }

    private static func whole(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
