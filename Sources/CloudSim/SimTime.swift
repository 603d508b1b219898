import Foundation

/// Minute and hour arithmetic on absolute indices (minutes or hours since 1970, UTC).
enum SimTime {
    static func minute(containing date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }

    static func hour(containing date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 3600).rounded(.down))
    }

    static func date(minute: Int64) -> Date {
        Date(timeIntervalSince1970: Double(minute) * 60)
    }

    static func date(hour: Int64) -> Date {
        Date(timeIntervalSince1970: Double(hour) * 3600)
    }

    /// Floor division, correct for negative numerators too.
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func mod(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDiv(a, b) * b
    }
}
