import Foundation

/// The time formats of the AWS wire protocols.
enum AWSWireTime {
    /// Epoch seconds, as the JSON protocols send timestamps.
    static func epoch(_ date: Date) -> AWSJSONValue {
        .number((date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// ISO 8601 with milliseconds, as restJson1 (Bedrock) and the query protocol send timestamps.
    static func iso8601(_ date: Date) -> String {
        let parts = Calendar.awsWire.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let millis = min(999, (parts.nanosecond ?? 0) / 1_000_000)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0, millis
        )
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 IMF-fixdate), for the `Date` header.
    static func httpDate(_ date: Date) -> String {
        let parts = Calendar.awsWire.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d GMT", days[((parts.weekday ?? 1) - 1) % 7], parts.day ?? 0,
            months[((parts.month ?? 1) - 1) % 12], parts.year ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0
        )
    }

    /// `yyyy-MM-dd`, Cost Explorer's dates (UTC days).
    static func day(_ date: Date) -> String {
        let parts = Calendar.awsWire.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Parses `yyyy-MM-dd` (or `yyyy-MM-ddTHH:mm:ssZ`, which Cost Explorer accepts for hourly data) as UTC.
    static func parseDay(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            let slice = bytes[range]
            guard slice.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int(String(decoding: slice, as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else {
            return nil
        }
        var components = DateComponents(year: year, month: month, day: day)
        if bytes.count == 20 {
            guard bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"), let hour = number(11..<13),
                let minute = number(14..<16), let second = number(17..<19)
            else { return nil }
            components.hour = hour
            components.minute = minute
            components.second = second
        }
        guard let date = Calendar.awsWire.date(from: components), AWSWireTime.day(date) == String(text.prefix(10)) else { return nil }
        return date
    }
}
