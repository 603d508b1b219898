/// The latencies of a set of calls, as the simulator models them behind a Cloud Monitoring
/// DISTRIBUTION value: a mixture of log-normal populations, one per (series, minute) merged in.
///
/// Each component holds `count` calls whose latency is log-normal with shape `sigma` and whose
/// 99th percentile is the model's p99 for that minute (`EndpointMinute.p99LatencyMs`). Percentiles
/// are computed from this exact population, not from the coarse buckets sent on the wire:
/// - one component (one deployed model, one minute): the p99 IS the model's p99, exactly;
/// - several (a reducer across deployed models or endpoints, or an alignment period longer than a
///   minute): the true p99 of the merged calls, found by bisection on the mixture's distribution
///   function, so it always lies between the smallest and largest component p99.
/// Other quantiles (p95, p50, p5) follow from the same log-normal shape.
struct LatencyPopulation: Sendable, Hashable {
    struct Component: Sendable, Hashable {
        var count: Int64
        var p99: Double
    }

    private(set) var components: [Component]

    /// Log-normal shape: p50 ≈ 0.35 × p99, a plausible serving-latency tail.
    static let sigma = 0.45
    static let z99 = 2.326_347_874_040_840_8

    init(count: Int64, p99: Double) {
        components = count > 0 && p99 > 0 ? [Component(count: count, p99: p99)] : []
    }

    private init(components: [Component]) {
        self.components = components
    }

    var count: Int64 { components.reduce(0) { $0 + $1.count } }

    func merged(with other: LatencyPopulation) -> LatencyPopulation {
        var result = components
        for component in other.components {
            if let index = result.firstIndex(where: { $0.p99 == component.p99 }) {
                result[index].count += component.count
            } else {
                result.append(component)
            }
        }
        return LatencyPopulation(components: result)
    }

    static func merge(_ populations: [LatencyPopulation]) -> LatencyPopulation {
        populations.reduce(LatencyPopulation(components: [])) { $0.merged(with: $1) }
    }

    /// The arithmetic mean: a log-normal's is p99 · e^(σ²/2 − σ·z99).
    var mean: Double {
        let total = Double(count)
        guard total > 0 else { return 0 }
        let factor = PortableMath.exp(Self.sigma * Self.sigma / 2 - Self.sigma * Self.z99)
        return components.reduce(0) { $0 + Double($1.count) * $1.p99 * factor } / total
    }

    /// Σ (x − mean)² over the population, from each component's second moment.
    var sumOfSquaredDeviation: Double {
        let total = Double(count)
        guard total > 0 else { return 0 }
        let factor = PortableMath.exp(2 * Self.sigma * Self.sigma - 2 * Self.sigma * Self.z99)
        let secondMoment = components.reduce(0) { $0 + Double($1.count) * $1.p99 * $1.p99 * factor }
        return max(0, secondMoment - total * mean * mean)
    }

    /// The standard-normal quantile of the percentiles Cloud Monitoring offers.
    static func z(_ quantile: Double) -> Double {
        switch quantile {
        case 0.99: z99
        case 0.95: 1.644_853_626_951_472_2
        case 0.05: -1.644_853_626_951_472_2
        default: 0
        }
    }

    /// The `quantile` (0.99, 0.95, 0.5 or 0.05) of the merged population; nil when it is empty.
    func quantile(_ quantile: Double) -> Double? {
        let live = components.filter { $0.count > 0 }
        guard !live.isEmpty else { return nil }
        let shift = PortableMath.exp(Self.sigma * (Self.z(quantile) - Self.z99))
        let values = live.map { $0.p99 * shift }
        let low = values.min()!, high = values.max()!
        if low == high { return quantile == 0.99 ? live[0].p99 : low }
        // The mixture's quantile lies between the smallest and largest component quantiles.
        var lower = PortableMath.log(low), upper = PortableMath.log(high)
        let target = quantile * Double(count)
        let logP99s = components.map { PortableMath.log($0.p99) }
        for _ in 0..<80 {
            let middle = (lower + upper) / 2
            if weightedCDF(logX: middle, logP99s: logP99s) < target { lower = middle } else { upper = middle }
        }
        return PortableMath.exp((lower + upper) / 2)
    }

    /// How many calls took at most `x` ms (fractional: the expected count).
    func weightedCDF(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        return weightedCDF(logX: PortableMath.log(x), logP99s: components.map { PortableMath.log($0.p99) })
    }

    private func weightedCDF(logX: Double, logP99s: [Double]) -> Double {
        zip(components, logP99s).reduce(0) { sum, pair in
            let z = (logX - pair.1) / Self.sigma + Self.z99
            return sum + Double(pair.0.count) * Self.normalCDF(z)
        }
    }

    /// Φ(z) through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).
    static func normalCDF(_ z: Double) -> Double {
        let x = -z / 2.0.squareRoot()
        let magnitude = abs(x)
        let t = 1 / (1 + 0.5 * magnitude)
        var poly = 0.170_872_77
        for coefficient in [-0.822_152_23, 1.488_515_87, -1.135_203_98, 0.278_868_07, -0.186_288_06, 0.096_784_18, 0.374_091_96, 1.000_023_68] {
            poly = coefficient + t * poly
        }
        let erfc = t * PortableMath.exp(-magnitude * magnitude - 1.265_512_23 + t * poly)
        let value = x >= 0 ? erfc : 2 - erfc
        return value / 2
    }

    // MARK: Wire buckets

    /// Exponential bucket options of the published distributions: 1 ms × 1.4^i, 50 finite buckets.
    static let bucketScale = 1.0
    static let bucketGrowth = 1.4
    static let finiteBuckets = 50

    /// Counts per bucket (underflow, the finite ones, overflow), summing to `count`, trailing zeros dropped.
    func bucketCounts() -> [Int64] {
        // Logarithms once, not per bound: a day of raw points asks for thousands of these.
        let logP99s = components.map { PortableMath.log($0.p99) }
        let logGrowth = PortableMath.log(Self.bucketGrowth)
        var counts: [Int64] = []
        var previous: Int64 = 0
        for index in 0...Self.finiteBuckets {
            let logBound = PortableMath.log(Self.bucketScale) + Double(index) * logGrowth
            let cumulative = Int64(weightedCDF(logX: logBound, logP99s: logP99s).rounded())
            counts.append(max(0, cumulative - previous))
            previous = max(previous, cumulative)
        }
        counts.append(max(0, count - previous))
        while counts.last == 0 { counts.removeLast() }
        return counts
    }
}
