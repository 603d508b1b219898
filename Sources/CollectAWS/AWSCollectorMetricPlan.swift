import BurnwatchCore
import Foundation

/// The `GetMetricData` queries of one region's metrics round, and how their answers become
/// normalised samples.
///
/// Per SageMaker endpoint and variant: p99 `ModelLatency` and `OverheadLatency`, `Invocations`,
/// `Invocation4XXErrors` and `Invocation5XXErrors` (sums); serverless variants add the
/// `ModelSetupTime` sample count (cold starts) and the maximum
/// `ServerlessConcurrentExecutionsUtilization`. Per Bedrock model: p99 `InvocationLatency`,
/// `Invocations`, `InvocationClientErrors`, `InvocationServerErrors`, `InvocationThrottles`,
/// `InputTokenCount` and `OutputTokenCount` (sums).
///
/// Combination rules, per minute:
/// - SageMaker p99 (ms) = p99 `ModelLatency` + p99 `OverheadLatency`, from microseconds. The sum
///   of two p99s bounds the p99 of the whole call from above (the slowest 1 % of one part rarely
///   coincides with the slowest 1 % of the other), which is the safe side for an alarm; with
///   several variants the slowest variant's figure is the endpoint's. Either part alone is used
///   when the other has no datapoint.
/// - Counts are summed over variants. Errors are the error counts; a minute with invocations but
///   no error datapoint has zero errors, and a minute with neither has no sample at all.
/// - Bedrock errors = client + server errors + throttles: throttled calls failed for the caller,
///   and Bedrock leaves them out of `Invocations` and the error counts.
/// - Cold starts: `ModelSetupTime` is published only when a container starts, so a serverless
///   minute with invocations and no setup datapoint had zero cold starts.
/// - Concurrency = utilisation × `MaxConcurrency` (utilisation is a 0–1 ratio; a value above 1
///   is read as a percentage).
/// - Empty `Values` give no sample: no data, never zero.
struct AWSCollectorMetricPlan: Sendable {
    enum Role: String, Sendable, Hashable, CaseIterable {
        case modelLatency = "ml", overheadLatency = "ol", invocations = "inv", errors4xx = "e4", errors5xx = "e5"
        case modelSetup = "cs", concurrencyUtilisation = "cu"
        case bedrockLatency = "bl", bedrockInvocations = "bi", clientErrors = "bce", serverErrors = "bse", throttles = "bth"
        case inputTokens = "tin", outputTokens = "tout"
    }

    struct Slot: Sendable, Hashable {
        var target: Int
        var role: Role
        var variant: String?
    }

    /// What one endpoint used in one minute, for the unbilled-spend estimate.
    struct Usage: Sendable, Hashable {
        var endpoint: EndpointID
        var minute: Date
        var invocations: Double?
        /// p99 `ModelLatency` in ms (the processing time serverless compute is billed on, upper side).
        var modelLatencyMs: Double?
        var inputTokens: Double?
        var outputTokens: Double?
    }

    let targets: [AWSCollectorTarget]
    private(set) var queries: [CloudWatchMetricQuery] = []
    private(set) var slots: [String: Slot] = [:]

    init(targets: [AWSCollectorTarget], period: Int = 60) {
        self.targets = targets
        for (index, target) in targets.enumerated() {
            switch target.source {
            case .sageMaker(let name, let variants):
                let serverless = target.endpoint.id.service == .sageMakerServerless
                for (variantIndex, variant) in variants.enumerated() {
                    let dimensions = [
                        CloudWatchShapes.Dimension(name: "EndpointName", value: name),
                        CloudWatchShapes.Dimension(name: "VariantName", value: variant),
                    ]
                    var roles: [(Role, String, String)] = [
                        (.modelLatency, "ModelLatency", "p99"), (.overheadLatency, "OverheadLatency", "p99"),
                        (.invocations, "Invocations", "Sum"), (.errors4xx, "Invocation4XXErrors", "Sum"),
                        (.errors5xx, "Invocation5XXErrors", "Sum"),
                    ]
                    if serverless {
                        roles += [(.modelSetup, "ModelSetupTime", "SampleCount"), (.concurrencyUtilisation, "ServerlessConcurrentExecutionsUtilization", "Maximum")]
                    }
                    for (role, metric, stat) in roles {
                        add(Slot(target: index, role: role, variant: variant), id: "e\(index)v\(variantIndex)_\(role.rawValue)",
                            namespace: "AWS/SageMaker", metric: metric, dimensions: dimensions, period: period, stat: stat)
                    }
                }
            case .bedrock(let model):
                let dimensions = [CloudWatchShapes.Dimension(name: "ModelId", value: model)]
                let roles: [(Role, String, String)] = [
                    (.bedrockLatency, "InvocationLatency", "p99"), (.bedrockInvocations, "Invocations", "Sum"),
                    (.clientErrors, "InvocationClientErrors", "Sum"), (.serverErrors, "InvocationServerErrors", "Sum"),
                    (.throttles, "InvocationThrottles", "Sum"), (.inputTokens, "InputTokenCount", "Sum"),
                    (.outputTokens, "OutputTokenCount", "Sum"),
                ]
                for (role, metric, stat) in roles {
                    add(Slot(target: index, role: role, variant: nil), id: "e\(index)_\(role.rawValue)",
                        namespace: "AWS/Bedrock", metric: metric, dimensions: dimensions, period: period, stat: stat)
                }
            }
        }
    }

    private mutating func add(
        _ slot: Slot, id: String, namespace: String, metric: String, dimensions: [CloudWatchShapes.Dimension], period: Int, stat: String
    ) {
        queries.append(CloudWatchMetricQuery(id: id, namespace: namespace, metricName: metric, dimensions: dimensions, period: period, stat: stat))
        slots[id] = slot
    }

    /// The samples and per-minute usage in `data`, sorted by endpoint, metric and minute.
    func read(_ data: CloudWatchMetricData) -> (samples: [MetricSample], usage: [Usage]) {
        // values[target][minute][role][variant] = value
        var values: [Int: [Date: [Role: [String: Double]]]] = [:]
        for (id, result) in data.results {
            guard let slot = slots[id] else { continue }
            for point in result.points where point.value.isFinite {
                values[slot.target, default: [:]][point.time, default: [:]][slot.role, default: [:]][slot.variant ?? ""] = point.value
            }
        }
        var samples: [MetricSample] = []
        var usage: [Usage] = []
        for (index, target) in targets.enumerated() {
            for (minute, roles) in (values[index] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let result = Self.minute(target: target, minute: minute, roles: roles)
                samples += result.samples
                usage.append(result.usage)
            }
        }
        samples.sort { ($0.endpoint, $0.metric.rawValue, $0.time) < ($1.endpoint, $1.metric.rawValue, $1.time) }
        return (samples, usage)
    }

    private static func minute(target: AWSCollectorTarget, minute: Date, roles: [Role: [String: Double]]) -> (samples: [MetricSample], usage: Usage) {
        var samples: [MetricSample] = []
        func add(_ metric: Metric, _ value: Double?) {
            if let value, value.isFinite { samples.append(MetricSample(endpoint: target.id, metric: metric, time: minute, value: value)) }
        }
        func sum(_ list: [Role]) -> Double? {
            let present = list.compactMap { roles[$0] }.flatMap(\.values)
            return present.isEmpty ? nil : present.reduce(0, +)
        }
        var usage = Usage(endpoint: target.id, minute: minute)
        switch target.source {
        case .sageMaker(_, let variants):
            let endToEnd = variants.compactMap { variant -> Double? in
                let model = roles[.modelLatency]?[variant]
                let overhead = roles[.overheadLatency]?[variant]
                guard model != nil || overhead != nil else { return nil }
                return ((model ?? 0) + (overhead ?? 0)) / 1000
            }
            let invocations = sum([.invocations])
            add(.p99LatencyMs, endToEnd.max())
            add(.invocationsPerMinute, invocations)
            let errors = sum([.errors4xx, .errors5xx])
            add(.errorsPerMinute, errors ?? (invocations != nil ? 0 : nil))
            if target.endpoint.id.service == .sageMakerServerless {
                let setups = sum([.modelSetup])
                add(.coldStartsPerMinute, setups ?? (invocations != nil ? 0 : nil))
                if let utilisation = roles[.concurrencyUtilisation]?.values.max(), let limit = target.endpoint.configuration.maxConcurrency {
                    let ratio = utilisation > 1 ? utilisation / 100 : utilisation
                    add(.concurrency, (ratio * Double(limit)).rounded())
                }
            }
            usage.invocations = invocations
            usage.modelLatencyMs = roles[.modelLatency]?.values.max().map { $0 / 1000 }
        case .bedrock:
            let invocations = sum([.bedrockInvocations])
            add(.p99LatencyMs, roles[.bedrockLatency]?.values.first)
            add(.invocationsPerMinute, invocations)
            let errors = sum([.clientErrors, .serverErrors, .throttles])
            add(.errorsPerMinute, errors ?? (invocations != nil ? 0 : nil))
            add(.tokensPerMinute, sum([.inputTokens, .outputTokens]))
            usage.invocations = invocations
            usage.inputTokens = sum([.inputTokens])
            usage.outputTokens = sum([.outputTokens])
        }
        return (samples, usage)
    }
}
