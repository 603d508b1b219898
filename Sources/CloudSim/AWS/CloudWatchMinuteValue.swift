/// What CloudWatch holds for one metric in one minute: the statistics of the datapoints published
/// in it, from which any requested statistic (Sum, SampleCount, Average, Minimum, Maximum, pNN) is read.
///
/// The model knows only a few facts per minute (calls, errors, a p99, token totals), so the
/// shapes of the distributions are made up, consistently:
/// - latency: the model's p99 is exact; pNN for NN below 99 is `p99 × (0.5 + 0.5 (NN/99)^4)`
///   (p50 ≈ 0.53 × p99, p90 ≈ 0.84 × p99), above 99 it rises linearly to the maximum, 1.2 × p99;
///   the average is 0.6 × p99 and the minimum 0.3 × p99;
/// - per-call flags (Invocations, 4XX/5XX errors): one datapoint per call, 1 or 0, so Sum is the
///   count and Average the rate, as SageMaker publishes them;
/// - per-call amounts (tokens): the total is exact; calls range from 0.5× to 1.5× the mean;
/// - gauges (utilisation, concurrency): one datapoint per minute.
struct CloudWatchMinuteValue: Hashable {
    var sampleCount: Double
    var sum: Double
    var minimum: Double
    var maximum: Double
    private var shape: Shape

    private enum Shape: Hashable {
        case latency(p99: Double)
        case flags(ones: Double)
        case amount(mean: Double)
        case constant(Double)
    }

    static func latency(p99: Double, calls: Int) -> CloudWatchMinuteValue {
        CloudWatchMinuteValue(
            sampleCount: Double(calls), sum: 0.6 * p99 * Double(calls), minimum: 0.3 * p99, maximum: 1.2 * p99,
            shape: .latency(p99: p99)
        )
    }

    static func flags(ones: Int, calls: Int) -> CloudWatchMinuteValue {
        CloudWatchMinuteValue(
            sampleCount: Double(calls), sum: Double(ones), minimum: ones == calls ? 1 : 0, maximum: ones > 0 ? 1 : 0,
            shape: .flags(ones: Double(ones))
        )
    }

    static func amount(total: Double, calls: Int) -> CloudWatchMinuteValue {
        let mean = calls > 0 ? total / Double(calls) : 0
        return CloudWatchMinuteValue(
            sampleCount: Double(calls), sum: total, minimum: 0.5 * mean, maximum: 1.5 * mean, shape: .amount(mean: mean)
        )
    }

    /// `count` datapoints of the same value (a cold start's setup time).
    static func constant(_ value: Double, count: Int) -> CloudWatchMinuteValue {
        CloudWatchMinuteValue(
            sampleCount: Double(count), sum: value * Double(count), minimum: value, maximum: value, shape: .constant(value)
        )
    }

    static func gauge(_ value: Double) -> CloudWatchMinuteValue {
        .constant(value, count: 1)
    }

    var average: Double { sampleCount > 0 ? sum / sampleCount : 0 }

    /// The NN-th percentile (0 < NN ≤ 100).
    func percentile(_ rank: Double) -> Double {
        switch shape {
        case .latency(let p99):
            if rank <= 99 {
                let ratio = rank / 99
                return p99 * (0.5 + 0.5 * ratio * ratio * ratio * ratio)
            }
            return p99 + (maximum - p99) * min(1, rank - 99)
        case .flags(let ones):
            guard sampleCount > 0 else { return 0 }
            return rank / 100 > 1 - ones / sampleCount ? 1 : 0
        case .amount:
            return minimum + (maximum - minimum) * rank / 100
        case .constant(let value):
            return value
        }
    }
}

/// One requested statistic.
enum CloudWatchStatistic: Hashable {
    case sum, sampleCount, average, minimum, maximum
    case percentile(Double)

    init?(_ text: String) {
        switch text {
        case "Sum": self = .sum
        case "SampleCount": self = .sampleCount
        case "Average": self = .average
        case "Minimum": self = .minimum
        case "Maximum": self = .maximum
        default:
            guard text.hasPrefix("p"), let rank = Double(text.dropFirst()), rank > 0, rank <= 100,
                text.dropFirst().allSatisfy({ $0.isNumber || $0 == "." })
            else { return nil }
            self = .percentile(rank)
        }
    }

    /// The statistic over the minutes of one period. Percentiles of a multi-minute period are the
    /// largest of the minutes' percentiles (the simulator keeps no raw datapoints to merge).
    func value(of minutes: [CloudWatchMinuteValue]) -> Double? {
        guard !minutes.isEmpty else { return nil }
        let count = minutes.reduce(0) { $0 + $1.sampleCount }
        switch self {
        case .sum: return minutes.reduce(0) { $0 + $1.sum }
        case .sampleCount: return count
        case .average: return count > 0 ? minutes.reduce(0) { $0 + $1.sum } / count : 0
        case .minimum: return minutes.map(\.minimum).min()
        case .maximum: return minutes.map(\.maximum).max()
        case .percentile(let rank): return minutes.map { $0.percentile(rank) }.max()
        }
    }
}
