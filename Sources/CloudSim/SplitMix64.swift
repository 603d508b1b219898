/// SplitMix64 (Steele, Lea and Flood, 2014): a small generator whose whole output is fixed by its
/// seed and uses only 64-bit integer arithmetic, so a scenario built from it is the same on every
/// platform and every run. Foundation's and the system's randomness are never used by the simulator.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits, also used to hash counters
    /// (seed, endpoint, minute) straight into noise without any generator state.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in `0..<bound`. Written here rather than taken from the standard library,
    /// whose `random(in:using:)` algorithm is not promised to stay the same across Swift versions.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value spread evenly on a log scale between `low` and `high` (both > 0).
    public mutating func nextLogUniform(_ low: Double, _ high: Double) -> Double {
        // low · (high/low)^u, through PortableMath so that it is the same on every platform.
        low * PortableMath.power(high / low, nextUnit())
    }
}
