import Foundation

/// The per-endpoint measures burnwatch shows, already normalised to one unit each.
public enum Metric: String, Sendable, Hashable, CaseIterable, Codable {
    /// p99 latency in milliseconds (for Azure OpenAI, which has no percentile, see `EndpointSnapshot.latencyLabel`).
    case p99LatencyMs = "p99_ms"
    /// Successful and failed invocations per minute.
    case invocationsPerMinute = "invocations_per_min"
    /// Errors per minute (4xx + 5xx as the provider counts them).
    case errorsPerMinute = "errors_per_min"
    /// Instances or replicas serving (dedicated), or units provisioned (managed API).
    case replicas = "replicas"
    /// Concurrent executions in use (serverless).
    case concurrency = "concurrency"
    /// Cold starts per minute (serverless scaling up from zero or beyond provisioned concurrency).
    case coldStartsPerMinute = "cold_starts_per_min"
    /// Tokens per minute (managed model APIs).
    case tokensPerMinute = "tokens_per_min"

    public var unit: String {
        switch self {
        case .p99LatencyMs: "ms"
        case .invocationsPerMinute, .errorsPerMinute, .coldStartsPerMinute, .tokensPerMinute: "/min"
        case .replicas, .concurrency: ""
        }
    }
}

/// One observed value of one metric of one endpoint, stamped with the minute it describes.
public struct MetricSample: Sendable, Hashable, Codable {
    public var endpoint: EndpointID
    public var metric: Metric
    public var time: Date
    public var value: Double

    public init(endpoint: EndpointID, metric: Metric, time: Date, value: Double) {
        self.endpoint = endpoint
        self.metric = metric
        self.time = time
        self.value = value
    }
}
