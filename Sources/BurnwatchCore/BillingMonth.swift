import Foundation

/// A calendar month in UTC, the period every provider bills and forecasts by.
public struct BillingMonth: Sendable, Hashable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month))
        self.year = year
        self.month = month
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public static func containing(_ date: Date) -> BillingMonth {
        let parts = utc.dateComponents([.year, .month], from: date)
        return BillingMonth(year: parts.year!, month: parts.month!)
    }

    public var start: Date {
        BillingMonth.utc.date(from: DateComponents(year: year, month: month, day: 1))!
    }

    /// The first instant of the next month.
    public var end: Date { next.start }

    public var next: BillingMonth {
        month == 12 ? BillingMonth(year: year + 1, month: 1) : BillingMonth(year: year, month: month + 1)
    }

    public var previous: BillingMonth {
        month == 1 ? BillingMonth(year: year - 1, month: 12) : BillingMonth(year: year, month: month - 1)
    }

    public var length: TimeInterval { end.timeIntervalSince(start) }

    public var days: Int { Int((length / 86_400).rounded()) }

    /// How far through the month `date` is, clamped to 0...1.
    public func elapsedFraction(at date: Date) -> Double {
        min(1, max(0, date.timeIntervalSince(start) / length))
    }

    public var description: String { String(format: "%04d-%02d", year, month) }
}
