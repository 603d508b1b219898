import Foundation

/// The burn band of a scope, from its spend against the expected spend to date.
public enum BurnBand: String, Sendable, Hashable, Codable, Comparable {
    case ok
    case over
    case alarm
    case unknown

    private var rank: Int {
        switch self {
        case .unknown: 0
        case .ok: 1
        case .over: 2
        case .alarm: 3
        }
    }

    public static func < (lhs: BurnBand, rhs: BurnBand) -> Bool { lhs.rank < rhs.rank }
}

/// The outcome of the burn maths for one scope at one instant.
public struct BurnAssessment: Sendable, Hashable {
    public var spendToDate: Money?
    public var forecast: Money?
    public var forecastSource: ForecastSource?
    public var expectedToDate: Money?
    /// spend / expected; nil when either is unknown or expected is zero.
    public var ratio: Decimal?
    public var band: BurnBand
    /// Seconds until spend crosses `alarmRatio × expected` at the current burn rate: 0 when
    /// already across, nil when it will not happen this month (or the rate is unknown).
    public var timeToAlarm: TimeInterval?
    /// Spend at month end at the current rate (or the month-to-date average when no rate is known).
    public var projectedMonthEnd: Money?
    /// True when the cost data is older than its staleness limit: the band is then held, not re-evaluated.
    public var stale: Bool

    public static let unknown = BurnAssessment(
        spendToDate: nil, forecast: nil, forecastSource: nil, expectedToDate: nil, ratio: nil,
        band: .unknown, timeToAlarm: nil, projectedMonthEnd: nil, stale: false
    )

    public init(
        spendToDate: Money?, forecast: Money?, forecastSource: ForecastSource?, expectedToDate: Money?,
        ratio: Decimal?, band: BurnBand, timeToAlarm: TimeInterval?, projectedMonthEnd: Money?, stale: Bool
    ) {
        self.spendToDate = spendToDate
        self.forecast = forecast
        self.forecastSource = forecastSource
        self.expectedToDate = expectedToDate
        self.ratio = ratio
        self.band = band
        self.timeToAlarm = timeToAlarm
        self.projectedMonthEnd = projectedMonthEnd
        self.stale = stale
    }
}

/// The burn maths of the product document ("Burn, precisely"), as a pure function.
public enum BurnCalculator {
    /// Picks the month's forecast: the provider's, else the configured one, else the run-rate baseline.
    public static func forecast(
        record: CostRecord?,
        configured: Money?,
        month: BillingMonth
    ) -> (Money, ForecastSource)? {
        if let provided = record?.providerForecast { return (provided, .provider) }
        if let configured { return (configured, .configured) }
        if let daily = record?.trailingDailyAverage {
            return (daily.multiplied(by: Decimal(month.days)), .runRate)
        }
        return nil
    }

    /// Assesses one scope.
    /// - Parameters:
    ///   - spend: spend to date this month, or nil when unknown.
    ///   - forecast: the whole month's forecast and its source, or nil when unknown.
    ///   - burnRatePerHour: spend per hour over the last hour, when known.
    ///   - now: the instant of evaluation (passed in; Core reads no clock).
    ///   - alarmRatio: the alarm line as a multiple of expected spend (default 1.5).
    ///   - stale: whether the cost data is stale; a stale assessment keeps `heldBand`.
    ///   - heldBand: the band from the last fresh evaluation.
    public static func assess(
        spend: Money?,
        forecast: (Money, ForecastSource)?,
        burnRatePerHour: Money?,
        now: Date,
        alarmRatio: Decimal = 1.5,
        stale: Bool = false,
        heldBand: BurnBand = .unknown
    ) -> BurnAssessment {
        let month = BillingMonth.containing(now)
        let fraction = month.elapsedFraction(at: now)
        var result = BurnAssessment.unknown
        result.spendToDate = spend
        result.stale = stale
        guard let spend else {
            result.band = stale ? heldBand : .unknown
            return result
        }
        let elapsedHours = now.timeIntervalSince(month.start) / 3600
        let remainingHours = max(0, month.end.timeIntervalSince(now) / 3600)
        if let rate = burnRatePerHour, rate.currency == spend.currency {
            result.projectedMonthEnd = Money(spend.amount + rate.amount * decimal(remainingHours), spend.currency)
        } else if elapsedHours > 0 {
            result.projectedMonthEnd = Money(spend.amount / decimal(fraction), spend.currency)
        }
        guard let (forecastMoney, source) = forecast, forecastMoney.currency == spend.currency else {
            result.band = stale ? heldBand : .unknown
            return result
        }
        result.forecast = forecastMoney
        result.forecastSource = source
        let expected = forecastMoney.amount * decimal(fraction)
        result.expectedToDate = Money(expected, spend.currency)
        guard expected > 0 else {
            result.band = stale ? heldBand : .unknown
            return result
        }
        let ratio = spend.amount / expected
        result.ratio = ratio
        let band: BurnBand = ratio >= alarmRatio ? .alarm : (ratio >= 1 ? .over : .ok)
        result.band = stale ? heldBand : band
        result.timeToAlarm = timeToAlarm(
            spend: spend.amount, forecast: forecastMoney.amount, ratePerHour: burnRatePerHour?.amount,
            elapsed: now.timeIntervalSince(month.start), monthLength: month.length, alarmRatio: alarmRatio
        )
        return result
    }

    /// Solves `spend + rate·Δ = alarmRatio · forecast · (elapsed + Δ) / monthLength` for Δ ≥ 0.
    /// The alarm line rises through the month, so only a rate steeper than its slope ever crosses it.
    static func timeToAlarm(
        spend: Decimal, forecast: Decimal, ratePerHour: Decimal?, elapsed: TimeInterval,
        monthLength: TimeInterval, alarmRatio: Decimal
    ) -> TimeInterval? {
        let s = double(spend)
        let line = double(alarmRatio) * double(forecast)
        let alarmNow = line * elapsed / monthLength
        if s >= alarmNow, alarmNow > 0 { return 0 }
        guard let ratePerHour else { return nil }
        let rate = double(ratePerHour) / 3600
        let slope = line / monthLength
        guard rate > slope else { return nil }
        let delta = (alarmNow - s) / (rate - slope)
        guard delta.isFinite, delta >= 0, elapsed + delta <= monthLength else { return nil }
        return delta
    }

    static func decimal(_ value: Double) -> Decimal { Decimal(value) }
    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
