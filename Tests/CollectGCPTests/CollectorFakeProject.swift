import BurnwatchCollect
import BurnwatchCore
import Foundation
@testable import CollectGCP

/// A small scripted GCP project for the collector tests, answering in each API's wire format.
///
/// Project `ml-prod` (number 123). us-central1: `llm-prod` (endpoint 456: g2-standard-12 + L4,
/// 1–4 replicas, 2 available) and `sdxl` (endpoint 457: g2-standard-8, scale to zero, 0–2,
/// none available); Gemini 1.5 Flash called in us-central1 (and a model in asia-east1, not
/// watched). europe-west4: Vertex AI refuses permission. With `endpointCount` set, us-central1
/// holds that many generated endpoints instead, each with series in every metric.
struct CollectorFakeProject: Sendable {
    static let now = GCPFixtures.now
    /// The metrics window at `now` is 09:52–09:57; points end a minute after the minute they describe.
    static func end(_ hhmm: String) -> String { "2025-06-16T\(hhmm):00Z" }
    static func minute(_ hhmm: String) -> Date { GCPFixtures.date("2025-06-16T\(hhmm):00Z").addingTimeInterval(-60) }

    var endpointCount: Int?
    /// Responses to force, by call kind.
    var failures: [FakeGCPCall.Kind: HTTPResponse] = [:]
    var locationFailures: [String: HTTPResponse] = ["europe-west4": GCPFixtures.error(
        403, "PERMISSION_DENIED", message: "Permission 'aiplatform.endpoints.list' denied",
        details: #","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","metadata":{"permission":"aiplatform.endpoints.list"}}]"#
    )]

    static let configuration = GCPCollectorConfiguration(
        id: "gcp/ml-prod", project: "ml-prod", locations: ["us-central1", "europe-west4"],
        billingExport: "billing-proj.billing.gcp_billing_export_resource_v1_01", billingAccount: "012345-6789AB-CDEF01"
    )

    func collector(configuration: GCPCollectorConfiguration = Self.configuration) -> GCPCollector {
        GCPCollector(configuration: configuration, client: GCPFixtures.client(collector: configuration.id))
    }

    func transport() -> FakeGCPTransport {
        let project = self
        return FakeGCPTransport { try project.answer($0) }
    }

    func answer(_ call: FakeGCPCall) throws -> HTTPResponse {
        if let forced = failures[call.kind] { return forced }
        switch call.kind {
        case .endpoints:
            let location = call.host.replacingOccurrences(of: "-aiplatform.googleapis.com", with: "")
            if let forced = locationFailures[location] { return forced }
            guard location == "us-central1" else { return GCPFixtures.ok("{}") }
            return GCPFixtures.ok(endpointsPage())
        case .timeSeries:
            return GCPFixtures.ok(timeSeries(call))
        case .query:
            return GCPFixtures.ok("""
                {"jobComplete":true,"jobReference":{"projectId":"billing-proj","jobId":"job_1","location":"US"},\(BigQueryTests.schema),
                 "rows":[
                  {"f":[{"v":"2025-06-14"},{"v":"456"},{"v":"USD"},{"v":"100.5"},{"v":"-10.25"},{"v":"1749945600"}]},
                  {"f":[{"v":"2025-06-15"},{"v":"456"},{"v":"USD"},{"v":"120"},{"v":"0"},{"v":"1750032000"}]},
                  {"f":[{"v":"2025-06-15"},{"v":null},{"v":"USD"},{"v":"30"},{"v":"-5"},{"v":"1750032000"}]},
                  {"f":[{"v":"2025-06-16"},{"v":"456"},{"v":"USD"},{"v":"12"},{"v":"0"},{"v":"1750060830"}]}],
                 "totalRows":"4","totalBytesProcessed":"52428800"}
                """)
        case .budgets:
            return GCPFixtures.ok("""
                {"budgets":[{"name":"billingAccounts/012345-6789AB-CDEF01/budgets/prod","displayName":"ml-prod monthly",
                  "budgetFilter":{"projects":["projects/123"],"calendarPeriod":"MONTH"},
                  "amount":{"specifiedAmount":{"currencyCode":"USD","units":"5000"}},"thresholdRules":[{"thresholdPercent":1.5}]}]}
                """)
        case .queryResults, .other:
            return GCPFixtures.error(404, "NOT_FOUND", message: call.path)
        }
    }

    private func endpointsPage() -> String {
        if let count = endpointCount {
            let items = (0..<count).map { index in
                """
                {"name":"projects/123/locations/us-central1/endpoints/\(1000 + index)","displayName":"ep-\(index)",
                 "deployedModels":[{"id":"d\(index)","dedicatedResources":{"machineSpec":{"machineType":"n1-standard-4","acceleratorType":"NVIDIA_TESLA_T4","acceleratorCount":1},"minReplicaCount":1},"status":{"availableReplicaCount":1}}]}
                """
            }
            return #"{"endpoints":[\#(items.joined(separator: ","))]}"#
        }
        return """
            {"endpoints":[
              {"name":"projects/123/locations/us-central1/endpoints/456","displayName":"llm-prod",
               "deployedModels":[{"id":"789","model":"projects/123/locations/us-central1/models/llama",
                 "dedicatedResources":{"machineSpec":{"machineType":"g2-standard-12","acceleratorType":"NVIDIA_L4","acceleratorCount":1},"minReplicaCount":1,"maxReplicaCount":4},
                 "status":{"availableReplicaCount":2}}],"trafficSplit":{"789":100}},
              {"name":"projects/123/locations/us-central1/endpoints/457","displayName":"sdxl",
               "deployedModels":[{"id":"790","dedicatedResources":{"machineSpec":{"machineType":"g2-standard-8","acceleratorType":"NVIDIA_L4","acceleratorCount":1},"maxReplicaCount":2},
                 "status":{}}]}]}
            """
    }

    /// One series per group, points newest first, as Cloud Monitoring answers.
    private func series(_ resource: [String: String], metric: [String: String] = [:], points: [(String, String)]) -> String {
        func object(_ labels: [String: String]) -> String {
            "{" + labels.keys.sorted().map { "\"\($0)\":\"\(labels[$0]!)\"" }.joined(separator: ",") + "}"
        }
        let rendered = points.sorted { $0.0 > $1.0 }.map { end, value in
            #"{"interval":{"startTime":"\#(end)","endTime":"\#(end)"},"value":\#(value)}"#
        }
        return #"{"metric":{"labels":\#(object(metric))},"resource":{"labels":\#(object(resource))},"points":[\#(rendered.joined(separator: ","))]}"#
    }

    private func timeSeries(_ call: FakeGCPCall) -> String {
        let type = (call.metricType ?? "").replacingOccurrences(of: "aiplatform.googleapis.com/", with: "")
        let e = Self.end
        let llm = ["endpoint_id": "456", "location": "us-central1"]
        let sdxl = ["endpoint_id": "457", "location": "us-central1"]
        let flash = ["model_user_id": "gemini-1.5-flash-002", "location": "us-central1"]
        var list: [String] = []
        if let count = endpointCount {
            guard !type.hasPrefix("publisher/") else { return "{}" }
            list = (0..<count).map { series(["endpoint_id": "\(1000 + $0)", "location": "us-central1"], points: [(e("09:56"), #"{"int64Value":"1"}"#)]) }
            return #"{"timeSeries":[\#(list.joined(separator: ","))]}"#
        }
        switch type {
        case "prediction/online/prediction_latencies":
            list = [series(llm, points: [(e("09:56"), #"{"doubleValue":812.4}"#), (e("09:57"), #"{"doubleValue":790}"#)])]
        case "prediction/online/prediction_count":
            list = [
                series(llm, points: [(e("09:56"), #"{"int64Value":"120"}"#), (e("09:57"), #"{"int64Value":"100"}"#)]),
                series(sdxl, points: [(e("09:57"), #"{"int64Value":"3"}"#)]),
                series(["endpoint_id": "999", "location": "asia-east1"], points: [(e("09:57"), #"{"int64Value":"5"}"#)]),
            ]
        case "prediction/online/error_count":
            list = [series(llm, points: [(e("09:56"), #"{"int64Value":"2"}"#)])]
        case "prediction/online/replicas":
            list = [
                series(llm, points: [(e("09:56"), #"{"doubleValue":2}"#), (e("09:57"), #"{"doubleValue":3}"#)]),
                series(sdxl, points: [(e("09:56"), #"{"doubleValue":0}"#), (e("09:57"), #"{"doubleValue":1}"#)]),
            ]
        case "prediction/online/target_replicas":
            list = [
                series(llm, points: [(e("09:56"), #"{"doubleValue":3}"#), (e("09:57"), #"{"doubleValue":3}"#)]),
                series(sdxl, points: [(e("09:56"), #"{"doubleValue":1}"#), (e("09:57"), #"{"doubleValue":1}"#)]),
            ]
        case "publisher/online_serving/model_invocation_count":
            if call.query("view") == "HEADERS" {
                list = [series(flash, points: []), series(["model_user_id": "gemini-2.0-flash", "location": "asia-east1"], points: [])]
            } else {
                list = [
                    series(flash, metric: ["response_code": "200"], points: [(e("09:55"), #"{"int64Value":"40"}"#)]),
                    series(flash, metric: ["response_code": "429"], points: [(e("09:55"), #"{"int64Value":"4"}"#)]),
                    series(["model_user_id": "gemini-2.0-flash-001", "location": "global"], metric: ["response_code": "200"], points: [(e("09:57"), #"{"int64Value":"7"}"#)]),
                ]
            }
        case "publisher/online_serving/model_invocation_latencies":
            list = [series(flash, points: [(e("09:55"), #"{"doubleValue":950.5}"#)])]
        case "publisher/online_serving/token_count":
            list = [
                series(flash, metric: ["type": "input"], points: [(e("09:55"), #"{"int64Value":"20000"}"#)]),
                series(flash, metric: ["type": "output"], points: [(e("09:55"), #"{"int64Value":"4000"}"#)]),
            ]
        default:
            return "{}"
        }
        return #"{"timeSeries":[\#(list.joined(separator: ","))]}"#
    }
}
