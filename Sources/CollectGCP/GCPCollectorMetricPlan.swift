import BurnwatchCore
import Foundation

/// The Cloud Monitoring queries of one metrics round, and how their answers become samples.
///
/// One `timeSeries.list` per metric type for the whole project, whatever the number of
/// endpoints: the server aligns each series per minute and reduces them to one series per
/// endpoint (or publisher model) and location.
///
/// | role | metric (`aiplatform.googleapis.com/…`) | aligner + reducer | → |
/// |---|---|---|---|
/// | latency | `prediction/online/prediction_latencies`, `latency_type="total"` | DELTA + PERCENTILE_99 | p99 ms (a true merged p99 over deployed models and replicas) |
/// | predictions | `prediction/online/prediction_count` | DELTA + SUM | invocations per minute (Vertex counts instances) |
/// | errors | `prediction/online/error_count` | DELTA + SUM | errors per minute |
/// | replicas | `prediction/online/replicas` | MEAN + SUM | replicas |
/// | targetReplicas | `prediction/online/target_replicas` | MEAN + SUM | cold starts (below) |
/// | publisherInvocations | `publisher/online_serving/model_invocation_count` by `response_code` | DELTA + SUM | invocations, errors (non-2xx) |
/// | publisherLatency | `publisher/online_serving/model_invocation_latencies` | DELTA + PERCENTILE_99 | p99 ms |
/// | publisherTokens | `publisher/online_serving/token_count` by `type` | DELTA + SUM | tokens per minute |
///
/// Rules, per minute (a point's minute starts one alignment period before its end time):
/// - no series, or no point, gives no sample: no data, never zero. Errors are the exception: a
///   minute with invocations but no error point had no errors.
/// - cold starts, for scale-to-zero endpoints (`minReplicaCount = 0`) only: the replicas the
///   autoscaler wants but that are not serving yet, `max(0, target_replicas − replicas)`, in
///   minutes where both are known. A scale-up from zero counts as one per replica started.
/// - publisher model latency: the series mix `latency_type` model and overhead (the label's
///   values are not documented well enough to filter on), so the merged p99 reads slightly
///   low: about the model latency's p98.
struct GCPCollectorMetricPlan: Sendable {
    enum Role: String, Sendable, Hashable, CaseIterable {
        case latency, predictions, errors, replicas, targetReplicas
        case publisherInvocations, publisherLatency, publisherTokens

        var isPublisher: Bool { [.publisherInvocations, .publisherLatency, .publisherTokens].contains(self) }
    }

    static let prefix = "aiplatform.googleapis.com/"
    static let endpointResource = "aiplatform.googleapis.com/Endpoint"
    static let publisherResource = "aiplatform.googleapis.com/PublisherModel"
    static let endpointGroups = ["resource.labels.endpoint_id", "resource.labels.location"]
    static let publisherGroups = ["resource.labels.model_user_id", "resource.labels.location"]
    /// Publisher models are served from regions and from the `global` endpoint.
    static let globalLocation = "global"

    static func query(_ role: Role) -> MonitoringQuery {
        switch role {
        case .latency:
            MonitoringQuery(
                metricType: prefix + "prediction/online/prediction_latencies", resourceType: endpointResource,
                metricLabels: ["latency_type": "total"], aligner: "ALIGN_DELTA", reducer: "REDUCE_PERCENTILE_99", groupByFields: endpointGroups
            )
        case .predictions:
            MonitoringQuery(
                metricType: prefix + "prediction/online/prediction_count", resourceType: endpointResource, aligner: "ALIGN_DELTA",
                reducer: "REDUCE_SUM", groupByFields: endpointGroups
            )
        case .errors:
            MonitoringQuery(
                metricType: prefix + "prediction/online/error_count", resourceType: endpointResource, aligner: "ALIGN_DELTA",
                reducer: "REDUCE_SUM", groupByFields: endpointGroups
            )
        case .replicas:
            MonitoringQuery(
                metricType: prefix + "prediction/online/replicas", resourceType: endpointResource, aligner: "ALIGN_MEAN",
                reducer: "REDUCE_SUM", groupByFields: endpointGroups
            )
        case .targetReplicas:
            MonitoringQuery(
                metricType: prefix + "prediction/online/target_replicas", resourceType: endpointResource, aligner: "ALIGN_MEAN",
                reducer: "REDUCE_SUM", groupByFields: endpointGroups
            )
        case .publisherInvocations:
            MonitoringQuery(
                metricType: prefix + "publisher/online_serving/model_invocation_count", resourceType: publisherResource,
                aligner: "ALIGN_DELTA", reducer: "REDUCE_SUM", groupByFields: publisherGroups + ["metric.labels.response_code"]
            )
        case .publisherLatency:
            MonitoringQuery(
                metricType: prefix + "publisher/online_serving/model_invocation_latencies", resourceType: publisherResource,
                aligner: "ALIGN_DELTA", reducer: "REDUCE_PERCENTILE_99", groupByFields: publisherGroups
            )
        case .publisherTokens:
            MonitoringQuery(
                metricType: prefix + "publisher/online_serving/token_count", resourceType: publisherResource, aligner: "ALIGN_DELTA",
                reducer: "REDUCE_SUM", groupByFields: publisherGroups + ["metric.labels.type"]
            )
        }
    }

    /// The inventory's question: which publisher models were called in the last day (headers only).
    static func publisherModelsInUse() -> MonitoringQuery {
        MonitoringQuery(
            metricType: prefix + "publisher/online_serving/model_invocation_count", resourceType: publisherResource, aligner: "ALIGN_DELTA",
            reducer: "REDUCE_SUM", groupByFields: publisherGroups, alignmentPeriod: 86_400, view: .headers
        )
    }

    /// What a round read.
    struct Reading: Sendable {
        var samples: [MetricSample] = []
        /// Replica counts by target and minute start.
        var replicas: [(EndpointID, Date, Double)] = []
        var tokens: [(EndpointID, Date, GCPCollectorUsageLedger.TokenMinute)] = []
        /// Series whose endpoint or model the inventory does not know (other locations, new endpoints).
        var unmatchedSeries = 0
    }

    /// Turns the answers into samples for `targets`, keeping only minutes in `[start, end)`.
    static func read(_ results: [Role: MonitoringResult], targets: [GCPCollectorTarget], start: Date, end: Date) -> Reading {
        let byKey = Dictionary(targets.map { ($0.seriesKey, $0) }, uniquingKeysWith: { first, _ in first })
        var reading = Reading()
        // values[role][seriesKey][minute]
        var values: [Role: [String: [Date: Double]]] = [:]
        var errorMinutes: [String: [Date: Double]] = [:]
        var inputTokens: [String: [Date: Double]] = [:]
        var outputTokens: [String: [Date: Double]] = [:]
        for (role, result) in results {
            let groups = role.isPublisher ? publisherGroups : endpointGroups
            for series in result.series {
                guard let id = series.label(groups[0]), let location = series.label(groups[1]) else { continue }
                let key = "\(location)/\(id)"
                guard byKey[key] != nil else {
                    reading.unmatchedSeries += 1
                    continue
                }
                for point in series.points {
                    let minute = point.end.addingTimeInterval(-60)
                    guard minute >= start, minute < end else { continue }
                    values[role, default: [:]][key, default: [:]][minute, default: 0] += point.value
                    if role == .publisherInvocations, let code = series.label("metric.labels.response_code"), !code.hasPrefix("2") {
                        errorMinutes[key, default: [:]][minute, default: 0] += point.value
                    }
                    if role == .publisherTokens {
                        switch series.label("metric.labels.type") {
                        case "input": inputTokens[key, default: [:]][minute, default: 0] += point.value
                        case "output": outputTokens[key, default: [:]][minute, default: 0] += point.value
                        default: break
                        }
                    }
                }
            }
        }
        for target in targets {
            let key = target.seriesKey
            func add(_ metric: Metric, _ byMinute: [Date: Double]?) {
                for (minute, value) in byMinute ?? [:] {
                    reading.samples.append(MetricSample(endpoint: target.id, metric: metric, time: minute, value: value))
                }
            }
            if target.isPublisherModel {
                let invocations = values[.publisherInvocations]?[key] ?? [:]
                add(.invocationsPerMinute, invocations)
                add(.errorsPerMinute, invocations.mapValues { _ in 0 }.merging(errorMinutes[key] ?? [:]) { _, errors in errors })
                add(.p99LatencyMs, values[.publisherLatency]?[key])
                add(.tokensPerMinute, values[.publisherTokens]?[key])
                for minute in Set((inputTokens[key] ?? [:]).keys).union((outputTokens[key] ?? [:]).keys) {
                    let used = GCPCollectorUsageLedger.TokenMinute(input: inputTokens[key]?[minute] ?? 0, output: outputTokens[key]?[minute] ?? 0)
                    reading.tokens.append((target.id, minute, used))
                }
            } else {
                let predictions = values[.predictions]?[key] ?? [:]
                add(.p99LatencyMs, values[.latency]?[key])
                add(.invocationsPerMinute, predictions)
                add(.errorsPerMinute, predictions.mapValues { _ in 0 }.merging(values[.errors]?[key] ?? [:]) { _, errors in errors })
                let replicas = values[.replicas]?[key] ?? [:]
                add(.replicas, replicas)
                for (minute, count) in replicas { reading.replicas.append((target.id, minute, count)) }
                if target.endpoint.configuration.minReplicas == 0 {
                    let wanted = values[.targetReplicas]?[key] ?? [:]
                    var starts: [Date: Double] = [:]
                    for (minute, count) in replicas {
                        if let goal = wanted[minute] { starts[minute] = max(0, (goal - count).rounded()) }
                    }
                    add(.coldStartsPerMinute, starts)
                }
            }
        }
        reading.samples.sort { ($0.endpoint, $0.metric.rawValue, $0.time) < ($1.endpoint, $1.metric.rawValue, $1.time) }
        return reading
    }

    /// Publisher models a round's series name that `targets` lacks, in watched locations.
    static func newPublisherModels(_ results: [Role: MonitoringResult], known: [GCPCollectorTarget], locations: [String]) -> [(location: String, model: String)] {
        let watched = Set(locations + [globalLocation])
        let knownKeys = Set(known.map(\.seriesKey))
        var found: Set<String> = []
        var models: [(String, String)] = []
        for role in [Role.publisherInvocations, .publisherTokens] {
            for series in results[role]?.series ?? [] {
                guard let model = series.label(publisherGroups[0]), let location = series.label(publisherGroups[1]), watched.contains(location),
                      !series.points.isEmpty
                else { continue }
                let key = "\(location)/\(model)"
                if !knownKeys.contains(key), found.insert(key).inserted { models.append((location, model)) }
            }
        }
        return models.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }
}
