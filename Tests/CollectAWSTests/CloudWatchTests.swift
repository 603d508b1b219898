import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct CloudWatchTests {
    static func queries(_ count: Int) -> [CloudWatchMetricQuery] {
        (0..<count).map { index in
            CloudWatchMetricQuery(
                id: "q\(index)", namespace: "AWS/SageMaker", metricName: "Invocations",
                dimensions: [.init(name: "EndpointName", value: "ep\(index)"), .init(name: "VariantName", value: "AllTraffic")], stat: "Sum"
            )
        }
    }

    /// Answers every query with one datapoint whose value is the query's index.
    static func echo(_ call: FakeAWSCall) -> HTTPResponse {
        let queries = call.json["MetricDataQueries"] as? [[String: Any]] ?? []
        let results = queries.map { query -> String in
            let id = query["Id"] as! String
            return #"{"Id":"\#(id)","Label":"Invocations","Timestamps":[1749988740],"Values":[\#(id.dropFirst())],"StatusCode":"Complete"}"#
        }
        return AWSFixtures.ok(#"{"MetricDataResults":[\#(results.joined(separator: ","))],"Messages":[]}"#)
    }

    @Test(arguments: [(1, 1), (500, 1), (501, 2), (1000, 2), (2500, 5)])
    func batchesAtMost500QueriesPerCall(queries count: Int, calls expected: Int) async throws {
        let transport = FakeAWSTransport(Self.echo)
        let data = try await AWSFixtures.client().getMetricData(
            Self.queries(count), start: AWSFixtures.start.addingTimeInterval(-300), end: AWSFixtures.start, region: "us-east-1",
            transport: transport
        )
        let calls = transport.calls("GetMetricData")
        #expect(calls.count == expected)
        #expect(data.calls == expected)
        let sizes = calls.map { ($0.json["MetricDataQueries"] as? [Any])?.count ?? 0 }
        #expect(sizes.allSatisfy { $0 <= 500 })
        #expect(sizes.reduce(0, +) == count)
        // $0.01 per 1,000 metrics requested, priced on each call.
        #expect(calls.map(\.request.estimatedPrice).reduce(0, +) == Decimal(count) / 100_000)
        #expect(data.results.count == count)
        #expect(data.results["q\(count - 1)"]?.points == [.init(time: Date(timeIntervalSince1970: 1_749_988_740), value: Double(count - 1))])
    }

    @Test func requestCarriesTheWindowAndTheQueryShape() async throws {
        let transport = FakeAWSTransport(Self.echo)
        _ = try await AWSFixtures.client().getMetricData(
            Self.queries(1), start: AWSFixtures.start.addingTimeInterval(-300), end: AWSFixtures.start, region: "eu-west-1", transport: transport
        )
        let call = try #require(transport.calls("GetMetricData").first)
        #expect(call.host == "monitoring.eu-west-1.amazonaws.com")
        #expect(call.request.headers.contains { $0.name == "Content-Type" && $0.value == "application/x-amz-json-1.0" })
        #expect(call.json["StartTime"] as? Int == 1_749_988_500)
        #expect(call.json["EndTime"] as? Int == 1_749_988_800)
        let query = try #require((call.json["MetricDataQueries"] as? [[String: Any]])?.first)
        #expect(query["Id"] as? String == "q0")
        let stat = try #require(query["MetricStat"] as? [String: Any])
        #expect(stat["Period"] as? Int == 60)
        #expect(stat["Stat"] as? String == "Sum")
        let metric = try #require(stat["Metric"] as? [String: Any])
        #expect(metric["Namespace"] as? String == "AWS/SageMaker")
        #expect((metric["Dimensions"] as? [[String: String]])?.first == ["Name": "EndpointName", "Value": "ep0"])
    }

    @Test func pagesAreMergedPerID() async throws {
        let transport = FakeAWSTransport { call in
            if call.json["NextToken"] as? String == "more" {
                return AWSFixtures.ok("""
                    {"MetricDataResults":[{"Id":"q0","Label":"Invocations","Timestamps":[1749988680],"Values":[7.0],"StatusCode":"Complete"},
                                          {"Id":"q1","Timestamps":[],"Values":[],"StatusCode":"Complete"}]}
                    """)
            }
            return AWSFixtures.ok("""
                {"MetricDataResults":[{"Id":"q0","Label":"Invocations","Timestamps":[1749988620],"Values":[5.0],"StatusCode":"PartialData",
                                       "Messages":[{"Code":"MaxDatapointsExceeded","Value":"more to come"}]}],
                 "NextToken":"more","Messages":[{"Code":"Note","Value":"paged"}]}
                """)
        }
        let data = try await AWSFixtures.client().getMetricData(
            Self.queries(2), start: AWSFixtures.start.addingTimeInterval(-300), end: AWSFixtures.start, region: "us-east-1", transport: transport
        )
        #expect(transport.calls("GetMetricData").count == 2)
        #expect(data.calls == 2)
        let first = try #require(data.results["q0"])
        #expect(first.points.map(\.value) == [5, 7])
        #expect(first.statusCode == "Complete")
        #expect(first.messages == ["MaxDatapointsExceeded: more to come"])
        #expect(data.results["q1"]?.points.isEmpty == true)
        #expect(data.messages == ["Note: paged"])
        // Each page re-requests the same metrics, so each is priced.
        #expect(transport.requests.map(\.estimatedPrice) == [Decimal(2) / 100_000, Decimal(2) / 100_000])
    }

    @Test func invalidOrDuplicateIDsAreRefusedBeforeAnyCall() async throws {
        let transport = FakeAWSTransport { _ in Issue.record("a call was made"); return AWSFixtures.ok("{}") }
        for bad in ["Q0", "0q", "q-0", "", String(repeating: "q", count: 256), "qé"] {
            var queries = Self.queries(1)
            queries[0].id = bad
            await #expect(throws: CollectorError.self, "id \(bad)") {
                _ = try await AWSFixtures.client().getMetricData(queries, start: AWSFixtures.start, end: AWSFixtures.start, region: "us-east-1", transport: transport)
            }
        }
        var duplicated = Self.queries(2)
        duplicated[1].id = "q0"
        await #expect(throws: CollectorError.self) {
            _ = try await AWSFixtures.client().getMetricData(duplicated, start: AWSFixtures.start, end: AWSFixtures.start, region: "us-east-1", transport: transport)
        }
        #expect(CloudWatchMetricQuery.isValidID("e12v0_ml"))
        #expect(CloudWatchMetricQuery.isValidID("a_B9"))
    }

    @Test func mismatchedTimestampsAndValuesAreMalformed() async throws {
        let transport = FakeAWSTransport { _ in
            AWSFixtures.ok(#"{"MetricDataResults":[{"Id":"q0","Timestamps":[1749988620,1749988680],"Values":[1.0]}]}"#)
        }
        do {
            _ = try await AWSFixtures.client().getMetricData(Self.queries(1), start: AWSFixtures.start, end: AWSFixtures.start, region: "us-east-1", transport: transport)
            Issue.record("accepted")
        } catch let error as CollectorError {
            #expect(error.kind == "malformed response")
        }
    }

    @Test func listMetricsCollectsEveryPage() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.json["Namespace"] as? String == "AWS/Bedrock")
            #expect(call.json["MetricName"] as? String == "Invocations")
            #expect((call.json["Dimensions"] as? [[String: String]]) == [["Name": "ModelId"]])
            if call.json["NextToken"] == nil {
                return AWSFixtures.ok("""
                    {"Metrics":[{"Namespace":"AWS/Bedrock","MetricName":"Invocations","Dimensions":[{"Name":"ModelId","Value":"anthropic.claude-3-haiku-20240307-v1:0"}]}],
                     "NextToken":"p2"}
                    """)
            }
            return AWSFixtures.ok("""
                {"Metrics":[{"Namespace":"AWS/Bedrock","MetricName":"Invocations","Dimensions":[{"Name":"ModelId","Value":"amazon.nova-lite-v1:0"}]}]}
                """)
        }
        let metrics = try await AWSFixtures.client().listMetrics(
            namespace: "AWS/Bedrock", metricName: "Invocations", dimensionNames: ["ModelId"], region: "us-west-2", transport: transport
        )
        #expect(metrics.compactMap { $0.dimensions?.first?.value } == ["anthropic.claude-3-haiku-20240307-v1:0", "amazon.nova-lite-v1:0"])
        #expect(transport.requests.count == 2)
    }

    @Test func queryModeErrorHeaderMapsToThrottle() async throws {
        // CloudWatch's query-compatible JSON answers carry the legacy code in a header.
        let transport = FakeAWSTransport { _ in
            HTTPResponse(status: 400, headers: [HTTPHeader("x-amzn-query-error", "Throttling;Sender")],
                         body: Array(#"{"__type":"com.amazonaws.cloudwatch#ThrottlingException","message":"Rate exceeded"}"#.utf8))
        }
        do {
            _ = try await AWSFixtures.client().getMetricData(Self.queries(1), start: AWSFixtures.start, end: AWSFixtures.start, region: "us-east-1", transport: transport)
            Issue.record("accepted")
        } catch let error as CollectorError {
            #expect(error.isThrottle)
        }
    }
}
