import BurnwatchCore
import Foundation

/// The date ranges of one cost round, in UTC days, with Cost Explorer's edges handled:
///
/// - month to date: `Start` = the 1st, `End` = tomorrow (exclusive), never past the 1st of next
///   month. Using tomorrow keeps `Start < End` on the 1st (an MTD query with `Start == End` is
///   refused) and includes today's partial day.
/// - forecast: `Start` = today, `End` = the 1st of next month. On the last day of the month that
///   would forecast only the day in progress, so there is no forecast call (`forecast == nil`).
public struct CostExplorerPeriod: Sendable, Hashable {
    public var month: BillingMonth
    /// 00:00 UTC today.
    public var today: Date
    public var usage: CostExplorerShapes.DateInterval
    public var forecast: CostExplorerShapes.DateInterval?

    public init(now: Date) {
        month = BillingMonth.containing(now)
        today = Self.startOfDay(now)
        let tomorrow = today.addingTimeInterval(86_400)
        let usageEnd = min(tomorrow, month.end)
        usage = CostExplorerShapes.DateInterval(start: Self.day(month.start), end: Self.day(usageEnd))
        forecast = tomorrow < month.end
            ? CostExplorerShapes.DateInterval(start: Self.day(today), end: Self.day(month.end)) : nil
    }

    static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// `YYYY-MM-DD` in UTC.
    public static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = civil(fromDays: days)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Parses `YYYY-MM-DD` (optionally followed by `THH:MM:SSZ`, which is ignored) as 00:00 UTC.
    public static func date(_ text: String) -> Date? {
        let parts = text.prefix(10).split(separator: "-")
        guard text.count >= 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return Date(timeIntervalSince1970: Double(days(fromCivil: year, month, day)) * 86_400)
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
