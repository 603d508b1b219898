import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectGCP

@Suite struct MonitoringTests {
    let start = GCPFixtures.date("2025-06-16T09:52:00Z")
    let end = GCPFixtures.date("2025-06-16T09:57:00Z")

    @Test func thePercentileRequestHasTheExactShape() async throws {
        let transport = FakeGCPTransport { _ in GCPFixtures.ok("{}") }
        _ = try await GCPFixtures.client().listTimeSeries(
            project: "ml-prod", query: GCPCollectorMetricPlan.query(.latency), start: start, end: end, expectedSeries: 0, transport: transport
        )
        let url = try #require(transport.requests.first?.url.absoluteString)
        // Written out by hand from the reference's request and RFC 3986 percent-encoding.
        #expect(url == "https://monitoring.googleapis.com/v3/projects/ml-prod/timeSeries"
            + "?filter=metric.type%3D%22aiplatform.googleapis.com%2Fprediction%2Fonline%2Fprediction_latencies%22"
            + "%20AND%20resource.type%3D%22aiplatform.googleapis.com%2FEndpoint%22%20AND%20metric.labels.latency_type%3D%22total%22"
            + "&interval.startTime=2025-06-16T09%3A52%3A00Z&interval.endTime=2025-06-16T09%3A57%3A00Z"
            + "&aggregation.alignmentPeriod=60s&aggregation.perSeriesAligner=ALIGN_DELTA"
            + "&aggregation.crossSeriesReducer=REDUCE_PERCENTILE_99"
            + "&aggregation.groupByFields=resource.labels.endpoint_id&aggregation.groupByFields=resource.labels.location"
            + "&view=FULL")
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.headers.contains(HTTPHeader("Authorization", "Bearer ya29.test-token")))
    }

    @Test func pointsArriveNewestFirstWithInt64Strings() async throws {
        let body = """
            {"timeSeries":[{"metric":{"type":"aiplatform.googleapis.com/prediction/online/prediction_count"},
              "resource":{"type":"aiplatform.googleapis.com/Endpoint","labels":{"endpoint_id":"456","location":"us-central1"}},
              "metricKind":"DELTA","valueType":"INT64","points":[
                {"interval":{"startTime":"2025-06-16T09:55:00Z","endTime":"2025-06-16T09:56:00Z"},"value":{"int64Value":"4294967297"}},
                {"interval":{"startTime":"2025-06-16T09:54:00.5Z","endTime":"2025-06-16T09:55:00.123456789Z"},"value":{"int64Value":"42"}},
                {"interval":{"startTime":"2025-06-16T09:53:00Z","endTime":"2025-06-16T09:54:00Z"},"value":{"doubleValue":"NaN"}}]}],
             "unit":"1"}
            """
        let transport = FakeGCPTransport { _ in GCPFixtures.ok(body) }
        let result = try await GCPFixtures.client().listTimeSeries(
            project: "ml-prod", query: GCPCollectorMetricPlan.query(.predictions), start: start, end: end, expectedSeries: 3, transport: transport
        )
        #expect(result.seriesCount == 1)
        let series = try #require(result.series.first)
        #expect(series.label("resource.labels.endpoint_id") == "456")
        // Oldest first after reading; the NaN point has no value and is dropped.
        #expect(series.points.map(\.value) == [42, 4_294_967_297])
        #expect(series.points.first?.end == GCPFixtures.date("2025-06-16T09:55:00Z").addingTimeInterval(0.123456789))
        // Priced before sending from the expected count: 3 series at $0.50 per million.
        #expect(transport.requests.first?.estimatedPrice == Decimal(string: "0.0000015"))
    }

    @Test func noSeriesMeansNoSample() async throws {
        let transport = FakeGCPTransport { _ in GCPFixtures.ok("{\"unit\":\"ms\"}") }
        let result = try await GCPFixtures.client().listTimeSeries(
            project: "ml-prod", query: GCPCollectorMetricPlan.query(.latency), start: start, end: end, expectedSeries: 0, transport: transport
        )
        #expect(result.series.isEmpty)
        let target = GCPCollector.endpointTarget(
            VertexShapes.Endpoint(name: "projects/1/locations/us-central1/endpoints/456", displayName: "llm"), name: "llm", project: "ml-prod",
            location: "us-central1", prices: GCPPriceTable(), now: GCPFixtures.now
        )
        let reading = GCPCollectorMetricPlan.read([.latency: result, .predictions: result], targets: [target], start: start, end: end)
        #expect(reading.samples.isEmpty)
    }

    @Test func pagesAreFollowedAndALoopingTokenIsMalformed() async throws {
        let page1 = #"{"timeSeries":[{"resource":{"labels":{"endpoint_id":"1","location":"l"}},"points":[]}],"nextPageToken":"p2"}"#
        let page2 = #"{"timeSeries":[{"resource":{"labels":{"endpoint_id":"2","location":"l"}},"points":[]}]}"#
        let transport = FakeGCPTransport { call in GCPFixtures.ok(call.query("pageToken") == "p2" ? page2 : page1) }
        let result = try await GCPFixtures.client().listTimeSeries(
            project: "p", query: GCPCollectorMetricPlan.query(.replicas), start: start, end: end, expectedSeries: 2, transport: transport
        )
        #expect(result.seriesCount == 2 && result.pages == 2)
        #expect(transport.requests.map(\.estimatedPrice) == [Decimal(1) / 1_000_000, 0])

        let looping = FakeGCPTransport { _ in GCPFixtures.ok(page1) }
        await #expect(throws: CollectorError.self) {
            _ = try await GCPFixtures.client().listTimeSeries(
                project: "p", query: GCPCollectorMetricPlan.query(.replicas), start: start, end: end, expectedSeries: 0, transport: looping
            )
        }
        #expect(looping.requests.count == 2)
    }

    @Test func labelValuesAreQuotedInTheFilter() {
        let query = MonitoringQuery(
            metricType: "a/b", resourceType: "r", metricLabels: ["x": #"say "hi"\"#], aligner: "ALIGN_MEAN", reducer: "REDUCE_SUM", groupByFields: []
        )
        #expect(query.filter == #"metric.type="a/b" AND resource.type="r" AND metric.labels.x="say \"hi\"\\""#)
    }
}
