import Foundation

/// ISO-8601 timestamps as the credential sources write them: `2025-01-01T12:00:00Z`, with or
/// without fractional seconds, with an offset, or with the legacy `UTC` suffix of old SSO caches.
enum AWSTimestamp {
    static func parse(_ text: String) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("UTC") { text = String(text.dropLast(3)).trimmingCharacters(in: .whitespaces) + "Z" }
        // A formatter per call: ISO8601DateFormatter is not Sendable, and this runs once per refresh.
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
