import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

/// Every answer of the simulated Google APIs fits the response schema of Google's discovery
/// document for its method: no invented member, and the JSON type each member's format calls for.
@Suite struct GCPDiscoveryConformanceTests {
    static let start = utc("2025-06-16T14:00:00Z")

    @Test func vertexEndpointsFitListEndpointsResponse() async throws {
        let checker = try DiscoverySchemaChecker("aiplatform.v1.trimmed.json")
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            for location in ["us-central1", "europe-west4"] {
                let answer = try #require(try await client.get("/v1/projects/ml-prod-123/locations/\(location)/endpoints", [("pageSize", "2")]).json)
                #expect(checker.violations(answer, schema: "GoogleCloudAiplatformV1ListEndpointsResponse") == [])
            }
        }
    }

    @Test func timeSeriesFitListTimeSeriesResponseAndErrorsFitStatus() async throws {
        let checker = try DiscoverySchemaChecker("monitoring.v3.json")
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            let end = Self.start.addingTimeInterval(1800)
            let queries = [
                timeSeriesQuery("aiplatform.googleapis.com/prediction/online/prediction_latencies", start: Self.start, end: end),
                timeSeriesQuery(
                    "aiplatform.googleapis.com/prediction/online/prediction_latencies", start: Self.start, end: end, aligner: "ALIGN_DELTA",
                    reducer: "REDUCE_PERCENTILE_99", groupBy: ["resource.labels.endpoint_id"]
                ),
                timeSeriesQuery("aiplatform.googleapis.com/prediction/online/replicas", start: Self.start, end: end, view: "HEADERS") + [("pageSize", "2")],
                timeSeriesQuery(
                    "aiplatform.googleapis.com/publisher/online_serving/token_count", resource: "aiplatform.googleapis.com/PublisherModel",
                    start: Self.start, end: end, aligner: "ALIGN_RATE"
                ),
            ]
            for query in queries {
                let answer = try #require(try await client.get("/v3/projects/ml-prod-123/timeSeries", query).json)
                #expect(answer["timeSeries"] != nil)
                #expect(checker.violations(answer, schema: "ListTimeSeriesResponse") == [])
            }
            // The HTTP mapping wraps google.rpc.Status in "error" and adds the code's name as "status".
            let error = try #require(try await client.get("/v3/projects/ml-prod-123/timeSeries", [("filter", "resource.type = \"x\"")]).json)
            #expect(error["error"]?["status"] == "INVALID_ARGUMENT")
            #expect(checker.violations(Self.withoutStatusName(try #require(error["error"])), schema: "Status") == [])
            let unauthenticated = try #require(try await client.send(method: "GET", path: "/v3/projects/ml-prod-123/timeSeries").json)
            #expect(unauthenticated["error"]?["status"] == "UNAUTHENTICATED")
            #expect(checker.violations(Self.withoutStatusName(try #require(unauthenticated["error"])), schema: "Status") == [])
        }
    }

    @Test func queryAnswersFitQueryResponseAndGetQueryResultsResponse() async throws {
        let checker = try DiscoverySchemaChecker("bigquery.v2.trimmed.json")
        let options = SimulatedGCPOptions(faults: [GCPScriptedFault(operations: [.query], minutes: 0..<30, behaviour: .slowQuery(pendingPolls: 0))])
        try await withDemoGCP(start: Self.start, minutesAfterStart: 29, options: options) { client, _, clock in
            let body: AWSJSONValue = [
                "query": .string("SELECT * FROM `\(SimulatedGCPOptions.defaultBillingExportTable)` WHERE DATE(_PARTITIONTIME) >= @start"),
                "useLegacySql": false, "parameterMode": "NAMED", "maxResults": 5,
                "queryParameters": [["name": "start", "parameterType": ["type": "DATE"], "parameterValue": ["value": "2025-06-01"]]],
            ]
            let pending = try #require(try await client.post("/bigquery/v2/projects/billing-proj/queries", json: body).json)
            #expect(pending["jobComplete"] == false)
            #expect(checker.violations(pending, schema: "QueryResponse") == [])
            let jobID = try #require(pending["jobReference"]?["jobId"]?.stringValue)
            let results = try #require(try await client.get("/bigquery/v2/projects/billing-proj/queries/\(jobID)", [("maxResults", "5")]).json)
            #expect(results["rows"]?.arrayValue?.count == 5)
            #expect(checker.violations(results, schema: "GetQueryResultsResponse") == [])
            _ = clock.advance(by: 120)  // past the slow window
            let complete = try #require(try await client.post("/bigquery/v2/projects/billing-proj/queries", json: body).json)
            #expect(complete["rows"]?.arrayValue?.count == 5)
            #expect(checker.violations(complete, schema: "QueryResponse") == [])
        }
    }

    static func withoutStatusName(_ error: AWSJSONValue) -> AWSJSONValue {
        guard case .object(let members) = error else { return error }
        return .object(members.filter { $0.0 != "status" })
    }

    @Test func budgetsFitListBudgetsResponse() async throws {
        let checker = try DiscoverySchemaChecker("billingbudgets.v1.json")
        try await withDemoGCP { client, _, _ in
            let answer = try #require(try await client.get("/v1/billingAccounts/\(SimulatedGCPOptions.defaultBillingAccount)/budgets").json)
            #expect(answer["budgets"] != nil)
            #expect(checker.violations(answer, schema: "GoogleCloudBillingBudgetsV1ListBudgetsResponse") == [])
        }
    }

    @Test func theCheckerCatchesWhatItShould() throws {
        let checker = try DiscoverySchemaChecker("monitoring.v3.json")
        let intAsNumber: AWSJSONValue = ["timeSeries": [["points": [["value": ["int64Value": 5]]]]]]
        #expect(checker.violations(intAsNumber, schema: "ListTimeSeriesResponse").count == 1)
        let invented: AWSJSONValue = ["timeSeries": [["metricKind": "DELTA", "colour": "red"]]]
        #expect(checker.violations(invented, schema: "ListTimeSeriesResponse").count == 1)
        let badEnum: AWSJSONValue = ["timeSeries": [["metricKind": "SOMETIMES"]]]
        #expect(checker.violations(badEnum, schema: "ListTimeSeriesResponse").count == 1)
    }
}
