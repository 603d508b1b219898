import BurnwatchCore
import Foundation
import Testing

/// Builds a UTC date; tests never read the clock.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

func usd(_ text: String) -> Money { Money(Decimal(string: text)!, "USD") }

@Suite struct BurnCalculatorTests {
    // November 2026 has 30 days; the 16th at 00:00 is exactly half-way.
    let halfway = utc(2026, 11, 16)

    @Test func expectedToDateIsForecastTimesElapsedFraction() {
        let result = BurnCalculator.assess(spend: usd("1200"), forecast: (usd("3000"), .configured), burnRatePerHour: nil, now: halfway)
        #expect(result.expectedToDate == usd("1500"))
        #expect(result.ratio == Decimal(string: "0.8"))
        #expect(result.band == .ok)
    }

    @Test(arguments: [("1499.99", BurnBand.ok), ("1500", .over), ("2249.99", .over), ("2250", .alarm), ("9000", .alarm)])
    func bandsFollowTheRatio(spend: String, band: BurnBand) {
        let result = BurnCalculator.assess(spend: usd(spend), forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: halfway)
        #expect(result.band == band)
    }

    @Test func alarmRatioIsConfigurable() {
        let result = BurnCalculator.assess(
            spend: usd("1800"), forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: halfway, alarmRatio: 1.2)
        #expect(result.band == .alarm)
    }

    @Test func timeToAlarmSolvesAgainstTheRisingLine() {
        // Line slope: 1.5 × 3000 / 720 h = 6.25 $/h; line at day 15 = 2250. (2250 − 1500) / (16.25 − 6.25) = 75 h.
        let result = BurnCalculator.assess(spend: usd("1500"), forecast: (usd("3000"), .provider), burnRatePerHour: usd("16.25"), now: halfway)
        #expect(result.timeToAlarm.map { ($0 - 75 * 3600).magnitude < 1 } == true)
        // Projected month end: 1500 + 16.25 × 360 h = 7350.
        #expect(result.projectedMonthEnd.map { (NSDecimalNumber(decimal: $0.amount).doubleValue - 7350).magnitude < 0.01 } == true)
    }

    @Test func slowerThanTheLineNeverAlarms() {
        let result = BurnCalculator.assess(spend: usd("1500"), forecast: (usd("3000"), .provider), burnRatePerHour: usd("5"), now: halfway)
        #expect(result.timeToAlarm == nil)
    }

    @Test func crossingAfterMonthEndIsNotReported() {
        // 750 / (7.25 − 6.25) = 750 h, beyond the 360 h left in the month.
        let result = BurnCalculator.assess(spend: usd("1500"), forecast: (usd("3000"), .provider), burnRatePerHour: usd("7.25"), now: halfway)
        #expect(result.timeToAlarm == nil)
    }

    @Test func alreadyAcrossMeansZero() {
        let result = BurnCalculator.assess(spend: usd("2300"), forecast: (usd("3000"), .provider), burnRatePerHour: usd("1"), now: halfway)
        #expect(result.timeToAlarm == 0)
        #expect(result.band == .alarm)
    }

    @Test func missingSpendOrForecastIsUnknownNotOK() {
        #expect(BurnCalculator.assess(spend: nil, forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: halfway).band == .unknown)
        #expect(BurnCalculator.assess(spend: usd("10"), forecast: nil, burnRatePerHour: nil, now: halfway).band == .unknown)
    }

    @Test func currenciesAreNeverMixed() {
        let result = BurnCalculator.assess(spend: Money(100, "EUR"), forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: halfway)
        #expect(result.band == .unknown)
        #expect(result.ratio == nil)
    }

    @Test func staleDataHoldsTheLastFreshBand() {
        let raised = BurnCalculator.assess(
            spend: usd("3000"), forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: halfway, stale: true, heldBand: .ok)
        #expect(raised.band == .ok, "stale data must not raise an alarm")
        #expect(raised.stale)
        let cleared = BurnCalculator.assess(
            spend: usd("10"), forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: halfway, stale: true, heldBand: .alarm)
        #expect(cleared.band == .alarm, "stale data must not clear an alarm")
    }

    @Test func firstInstantOfTheMonthHasNoExpectedSpend() {
        let result = BurnCalculator.assess(spend: usd("5"), forecast: (usd("3000"), .provider), burnRatePerHour: nil, now: utc(2026, 12, 1))
        #expect(result.expectedToDate == usd("0"))
        #expect(result.band == .unknown)
    }

    @Test func forecastPrefersProviderThenConfigThenRunRate() {
        let month = BillingMonth(year: 2026, month: 11)
        var record = CostRecord(scope: .account(AccountID(cloud: .aws, account: "1")), month: month, billedToDate: usd("1"),
                                billedThrough: halfway, providerForecast: usd("900"), trailingDailyAverage: usd("10"), fetchedAt: halfway)
        #expect(BurnCalculator.forecast(record: record, configured: usd("800"), month: month)! == (usd("900"), .provider))
        record.providerForecast = nil
        #expect(BurnCalculator.forecast(record: record, configured: usd("800"), month: month)! == (usd("800"), .configured))
        // Run rate: 10 $/day × 30 days.
        #expect(BurnCalculator.forecast(record: record, configured: nil, month: month)! == (usd("300"), .runRate))
        record.trailingDailyAverage = nil
        #expect(BurnCalculator.forecast(record: record, configured: nil, month: month) == nil)
    }
}

@Suite struct BillingMonthTests {
    @Test func leapFebruaryHas29Days() {
        #expect(BillingMonth(year: 2024, month: 2).days == 29)
        #expect(BillingMonth(year: 2023, month: 2).days == 28)
        #expect(BillingMonth(year: 2100, month: 2).days == 28)
        #expect(BillingMonth(year: 2000, month: 2).days == 29)
    }

    @Test func decemberRollsIntoTheNextYear() {
        let december = BillingMonth(year: 2026, month: 12)
        #expect(december.next == BillingMonth(year: 2027, month: 1))
        #expect(december.end == utc(2027, 1, 1))
        #expect(BillingMonth(year: 2027, month: 1).previous == december)
    }

    @Test func elapsedFractionAtEdges() {
        let february = BillingMonth(year: 2024, month: 2)
        #expect(february.elapsedFraction(at: utc(2024, 2, 1)) == 0)
        #expect(february.elapsedFraction(at: utc(2024, 3, 1)) == 1)
        #expect(february.elapsedFraction(at: utc(2024, 1, 31)) == 0)
        // Noon on the 29th: 28.5 of 29 days.
        #expect((february.elapsedFraction(at: utc(2024, 2, 29, 12)) - 28.5 / 29).magnitude < 1e-12)
        #expect(BillingMonth.containing(utc(2024, 2, 29, 23, 59)) == february)
        #expect(BillingMonth.containing(utc(2024, 3, 1)) == BillingMonth(year: 2024, month: 3))
    }

    @Test func expectedOnLeapDayUsesTwentyNineDays() {
        // Forecast 2900 over 29 days = 100/day; at Feb 29 00:00, 28 days elapsed → 2800 expected.
        let result = BurnCalculator.assess(spend: usd("2800"), forecast: (usd("2900"), .configured), burnRatePerHour: nil, now: utc(2024, 2, 29))
        #expect(result.expectedToDate.map { (NSDecimalNumber(decimal: $0.amount).doubleValue - 2800).magnitude < 1e-6 } == true)
        #expect(result.band == .over)
    }
}
