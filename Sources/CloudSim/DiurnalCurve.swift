/// The shape of a working day's traffic: 0 in the small hours, 1 in the early afternoon.
///
/// A table of 24 hourly levels, interpolated linearly. A table rather than a cosine: it has a
/// morning ramp steeper than the evening decline, as real interactive traffic does, and it needs no libm.
public enum DiurnalCurve {
    static let hourly: [Double] = [
        0.18, 0.10, 0.05, 0.02, 0.00, 0.03, 0.10, 0.25, // 00–07
        0.45, 0.65, 0.80, 0.90, 0.92, 0.95, 1.00, 0.98, // 08–15
        0.92, 0.82, 0.70, 0.58, 0.48, 0.40, 0.32, 0.25, // 16–23
    ]

    /// The level at a local hour of day (0 ..< 24, fractional).
    public static func level(atLocalHour hour: Double) -> Double {
        let wrapped = hour - 24 * (hour / 24).rounded(.down)
        let index = Int(wrapped.rounded(.down)) % 24
        let fraction = wrapped - Double(index)
        let next = (index + 1) % 24
        return hourly[index] + (hourly[next] - hourly[index]) * fraction
    }
}
