import BurnwatchCore
import Foundation

/// The Vertex AI metrics the simulated Cloud Monitoring publishes, and how each is derived from
/// the model's minutes.
///
/// Endpoint metrics (resource `aiplatform.googleapis.com/Endpoint`, labels `resource_container`
/// = the project id, `location`, `endpoint_id`; metric label `deployed_model_id`):
/// - `prediction/online/prediction_latencies` DELTA DISTRIBUTION ms, `latency_type` `total`
///   (p99 = the model's p99), `model` and `overhead` (p99s that add up to it);
/// - `prediction/online/prediction_count`, `error_count` DELTA INT64: invocations and errors;
/// - `prediction/online/replicas`, `target_replicas` GAUGE INT64: serving replicas, and serving
///   plus launching ones (the autoscaler's target), published every minute even without traffic.
///
/// Publisher-model metrics (resource `aiplatform.googleapis.com/PublisherModel`, labels
/// `resource_container`, `location`, `publisher`, `model_user_id` = the model id as called):
/// - `publisher/online_serving/model_invocation_count` DELTA INT64, by `response_code` (200, 429
///   for client errors, 500 for server errors; zero counts are not published);
/// - `publisher/online_serving/model_invocation_latencies` DELTA DISTRIBUTION ms, `latency_type`
///   `model` and `overhead` (their p99s add up to the model's p99);
/// - `publisher/online_serving/token_count` DELTA INT64, by `type` `input` / `output`.
///
/// Traffic metrics have no point for a minute without calls: no series means no data, not zero.
enum MonitoringMetricCatalog: String, CaseIterable, Sendable {
    case predictionLatencies = "aiplatform.googleapis.com/prediction/online/prediction_latencies"
    case predictionCount = "aiplatform.googleapis.com/prediction/online/prediction_count"
    case errorCount = "aiplatform.googleapis.com/prediction/online/error_count"
    case replicas = "aiplatform.googleapis.com/prediction/online/replicas"
    case targetReplicas = "aiplatform.googleapis.com/prediction/online/target_replicas"
    case invocationCount = "aiplatform.googleapis.com/publisher/online_serving/model_invocation_count"
    case invocationLatencies = "aiplatform.googleapis.com/publisher/online_serving/model_invocation_latencies"
    case tokenCount = "aiplatform.googleapis.com/publisher/online_serving/token_count"

    static let endpointResource = "aiplatform.googleapis.com/Endpoint"
    static let publisherResource = "aiplatform.googleapis.com/PublisherModel"

    var isPublisherMetric: Bool {
        switch self {
        case .invocationCount, .invocationLatencies, .tokenCount: true
        default: false
        }
    }

    var resourceType: String { isPublisherMetric ? Self.publisherResource : Self.endpointResource }

    var kind: MonitoringMetricKind {
        switch self {
        case .replicas, .targetReplicas: .gauge
        default: .delta
        }
    }

    var valueType: MonitoringValueType {
        switch self {
        case .predictionLatencies, .invocationLatencies: .distribution
        default: .int64
        }
    }

    var unit: String {
        switch self {
        case .predictionLatencies, .invocationLatencies: "ms"
        default: "1"
        }
    }

    /// The part of a p99 attributed to serving overhead (the rest is the model's own time).
    static func overhead(ofP99 p99: Double) -> Double {
        min(p99 * 0.08, 15)
    }

    /// The series values of one endpoint-minute: metric labels (sorted) and value, per series.
    func values(_ minute: EndpointMinute, deployedModelID: String?) -> [([(String, String)], MonitoringValue)] {
        let calls = Int64(minute.invocations)
        let active = calls > 0
        func labels(_ extra: [(String, String)]) -> [(String, String)] {
            var all = extra
            if let deployedModelID { all.append(("deployed_model_id", deployedModelID)) }
            return all.sorted { $0.0 < $1.0 }
        }
        switch self {
        case .predictionLatencies, .invocationLatencies:
            guard active, let p99 = minute.p99LatencyMs, p99 > 0 else { return [] }
            let overhead = Self.overhead(ofP99: p99)
            var result: [([(String, String)], MonitoringValue)] = [
                (labels([("latency_type", "model")]), .distribution(LatencyPopulation(count: calls, p99: p99 - overhead))),
                (labels([("latency_type", "overhead")]), .distribution(LatencyPopulation(count: calls, p99: overhead))),
            ]
            if self == .predictionLatencies {
                result.insert((labels([("latency_type", "total")]), .distribution(LatencyPopulation(count: calls, p99: p99))), at: 0)
            }
            return result
        case .predictionCount:
            return active ? [(labels([]), .int64(calls))] : []
        case .errorCount:
            return active ? [(labels([]), .int64(Int64(minute.errors)))] : []
        case .replicas:
            return minute.replicas.map { [(labels([]), .int64(Int64($0)))] } ?? []
        case .targetReplicas:
            return minute.replicas.map { [(labels([]), .int64(Int64($0 + (minute.pendingReplicas ?? 0))))] } ?? []
        case .invocationCount:
            guard active else { return [] }
            let ok = calls - Int64(minute.errors)
            return [("200", ok), ("429", Int64(minute.clientErrors)), ("500", Int64(minute.serverErrors))]
                .filter { $0.1 > 0 }
                .map { (labels([("request_type", "shared"), ("response_code", $0.0)]), .int64($0.1)) }
        case .tokenCount:
            guard active else { return [] }
            return [("input", minute.inputTokens), ("output", minute.outputTokens)].compactMap { type, count in
                guard let count, count > 0 else { return nil }
                return (labels([("type", type)]), .int64(Int64(count)))
            }
        }
    }
}
