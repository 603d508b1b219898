/// Independent noise streams, so that adding a use of randomness never shifts another one.
enum NoiseStream: UInt64 {
    case organic = 1
    case batch
    case jitter
    case latency
    case errors
    case inputTokens
    case outputTokens
    case day
    case provisioning
}

/// Counter-based noise: every value is a pure hash of (seed, endpoint, tick, stream).
///
/// There is no generator state to advance, so the value for minute M is the same whatever was
/// asked before it and however fast the demo runs.
struct NoiseSource: Sendable, Hashable {
    let seed: UInt64

    func bits(entity: UInt64, tick: Int64, stream: NoiseStream) -> UInt64 {
        var x = SplitMix64.mix(seed ^ 0x5851_F42D_4C95_7F2D)
        x = SplitMix64.mix(x ^ entity)
        x = SplitMix64.mix(x ^ UInt64(bitPattern: tick))
        return SplitMix64.mix(x ^ (stream.rawValue &* 0x9E37_79B9_7F4A_7C15))
    }

    /// Uniform in [0, 1).
    func unit(entity: UInt64, tick: Int64, stream: NoiseStream) -> Double {
        Double(bits(entity: entity, tick: tick, stream: stream) >> 11) * 0x1p-53
    }

    /// Roughly standard normal, bounded to ±3.46: the Irwin–Hall sum of four uniforms, rescaled.
    /// Bounded tails are a feature here: no absurd outlier ever reaches a screen.
    func normal(entity: UInt64, tick: Int64, stream: NoiseStream) -> Double {
        var generator = SplitMix64(seed: bits(entity: entity, tick: tick, stream: stream))
        var sum = 0.0
        for _ in 0..<4 { sum += generator.nextUnit() }
        return (sum - 2) * 1.732_050_807_568_877_2
    }

    /// A Poisson-distributed count with the given mean (normal approximation above 30).
    func poisson(mean: Double, entity: UInt64, tick: Int64, stream: NoiseStream) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        if mean >= 30 {
            let z = normal(entity: entity, tick: tick, stream: stream)
            return max(0, Int((mean + mean.squareRoot() * z).rounded()))
        }
        let u = unit(entity: entity, tick: tick, stream: stream)
        var probability = PortableMath.exp(-mean)
        var cumulative = probability
        var k = 0
        while u > cumulative, k < 200 {
            k += 1
            probability *= mean / Double(k)
            cumulative += probability
        }
        return k
    }

    /// A stable 64-bit key for a string (FNV-1a), unlike `Hasher`, which is seeded per process.
    static func key(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
