/// How much an endpoint is called, and how that follows the clock.
public struct TrafficProfile: Sendable, Hashable {
    /// Expected invocations per minute at the busiest hour of a weekday.
    public var peakInvocationsPerMinute: Double
    /// The quietest hour as a fraction of the peak (0: the endpoint goes idle at night).
    public var nightFloor: Double
    /// Saturday and Sunday traffic as a fraction of a weekday's.
    public var weekendFactor: Double
    /// Each day is this much busier or quieter than the curve (± fraction, uniform).
    public var dayToDayVariation: Double
    /// Minute-to-minute burstiness on top of Poisson arrivals (fraction, one sigma).
    public var jitter: Double
    /// Hours east of UTC of the endpoint's users; nil: the region's clock.
    public var utcOffsetHours: Int?

    public init(
        peakInvocationsPerMinute: Double,
        nightFloor: Double = 0.15,
        weekendFactor: Double = 0.6,
        dayToDayVariation: Double = 0.08,
        jitter: Double = 0.05,
        utcOffsetHours: Int? = nil
    ) {
        self.peakInvocationsPerMinute = peakInvocationsPerMinute
        self.nightFloor = nightFloor
        self.weekendFactor = weekendFactor
        self.dayToDayVariation = dayToDayVariation
        self.jitter = jitter
        self.utcOffsetHours = utcOffsetHours
    }

    /// A constant load: no diurnal curve, no weekend, no day-to-day variation, no jitter.
    public static func flat(_ invocationsPerMinute: Double) -> TrafficProfile {
        TrafficProfile(
            peakInvocationsPerMinute: invocationsPerMinute, nightFloor: 1, weekendFactor: 1,
            dayToDayVariation: 0, jitter: 0
        )
    }
}
