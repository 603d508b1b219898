import BurnwatchCore
import Foundation

/// The simulated truth about one endpoint for one minute, independent of any wire format.
///
/// Later layers turn it into what each provider publishes (SageMaker latency in microseconds,
/// Bedrock input and output token counts, …); `samples()` is the normalised form collectors return.
public struct EndpointMinute: Sendable, Hashable {
    public var endpoint: EndpointID
    public var kind: EndpointKind
    /// The start of the minute.
    public var start: Date
    public var invocations: Int
    /// Failed calls the provider counts as client errors (4xx, including throttles).
    public var clientErrors: Int
    /// Failed calls the provider counts as server errors (5xx, timeouts).
    public var serverErrors: Int
    /// p99 latency in ms; nil when there were no invocations.
    public var p99LatencyMs: Double?
    /// Instances or replicas serving at the end of the minute, or provisioned units of a managed API.
    public var replicas: Int?
    /// Instances or replicas launched and not yet serving.
    public var pendingReplicas: Int?
    /// Peak concurrent executions in the minute (SageMaker Serverless).
    public var concurrency: Int?
    /// Containers or replicas started cold in the minute (serverless kinds).
    public var coldStarts: Int?
    public var inputTokens: Int?
    public var outputTokens: Int?
    /// What the minute cost, in USD (full precision; rounded only where it becomes `Money`).
    public var cost: Double

    public var errors: Int { clientErrors + serverErrors }
    public var tokens: Int? { inputTokens.map { $0 + (outputTokens ?? 0) } }
    public var isIdle: Bool { invocations == 0 }

    /// The per-minute samples a cloud publishes for this minute, in `Metric.allCases` order.
    ///
    /// Without invocations the providers publish no traffic datapoints at all (an empty result
    /// means "no traffic", not zero latency), so an idle minute yields no latency, invocation,
    /// error, concurrency, cold-start or token sample: missing, never zero. Replica counts are
    /// state, not traffic, and are published whenever the endpoint has them (0 for a
    /// scale-to-zero endpoint at rest).
    public func samples() -> [MetricSample] {
        var result: [MetricSample] = []
        result.reserveCapacity(6)
        func add(_ metric: Metric, _ value: Double?) {
            if let value { result.append(MetricSample(endpoint: endpoint, metric: metric, time: start, value: value)) }
        }
        let active = invocations > 0
        for metric in Metric.allCases {
            switch metric {
            case .p99LatencyMs: add(metric, active ? p99LatencyMs : nil)
            case .invocationsPerMinute: add(metric, active ? Double(invocations) : nil)
            case .errorsPerMinute: add(metric, active ? Double(errors) : nil)
            case .replicas: add(metric, replicas.map(Double.init))
            case .concurrency: add(metric, active ? concurrency.map(Double.init) : nil)
            case .coldStartsPerMinute: add(metric, active ? coldStarts.map(Double.init) : nil)
            case .tokensPerMinute: add(metric, active ? tokens.map(Double.init) : nil)
            }
        }
        return result
    }

    /// One metric's sample for this minute, or nil when the cloud publishes none.
    public func sample(_ metric: Metric) -> MetricSample? {
        samples().first { $0.metric == metric }
    }
}
