import BurnwatchCollect
import BurnwatchCore
import Foundation
@testable import CollectAWS

/// A small scripted AWS account for the collector tests, answering in each service's wire format.
///
/// us-east-1: `llm-prod` (real-time, 2 × ml.g5.2xlarge), `embed-sls` (serverless, 4 GB, max 20),
/// Bedrock on demand (Claude 3 Haiku) and one provisioned throughput (`chat-pt`, 2 units).
/// eu-west-1: SageMaker refuses access; no Bedrock use.
struct CollectorFakeFleet: Sendable {
    /// 2025-06-15T12:00:30Z: the metrics window is 11:53–11:58.
    static let now = AWSFixtures.date("2025-06-15T12:00:30Z")
    static func minute(_ hhmm: String) -> Double { AWSFixtures.date("2025-06-15T\(hhmm):00Z").timeIntervalSince1970 }

    /// Datapoints by "dimension value/metric/stat": (epoch, value).
    var datapoints: [String: [(Double, Double)]] = [
        "llm-prod/ModelLatency/p99": [(m("11:56"), 81_234), (m("11:57"), 79_000)],
        "llm-prod/OverheadLatency/p99": [(m("11:56"), 2_000), (m("11:57"), 1_000)],
        "llm-prod/Invocations/Sum": [(m("11:56"), 120), (m("11:57"), 100)],
        "llm-prod/Invocation4XXErrors/Sum": [(m("11:56"), 1), (m("11:57"), 0)],
        "llm-prod/Invocation5XXErrors/Sum": [(m("11:56"), 2), (m("11:57"), 0)],
        "embed-sls/ModelLatency/p99": [(m("11:57"), 40_000)],
        "embed-sls/OverheadLatency/p99": [(m("11:57"), 1_500_000)],
        "embed-sls/Invocations/Sum": [(m("11:57"), 30)],
        "embed-sls/ModelSetupTime/SampleCount": [(m("11:57"), 2)],
        "embed-sls/ServerlessConcurrentExecutionsUtilization/Maximum": [(m("11:57"), 0.25)],
        "anthropic.claude-3-haiku-20240307-v1:0/InvocationLatency/p99": [(m("11:55"), 950.5)],
        "anthropic.claude-3-haiku-20240307-v1:0/Invocations/Sum": [(m("11:55"), 40)],
        "anthropic.claude-3-haiku-20240307-v1:0/InvocationClientErrors/Sum": [(m("11:55"), 1)],
        "anthropic.claude-3-haiku-20240307-v1:0/InvocationServerErrors/Sum": [(m("11:55"), 0)],
        "anthropic.claude-3-haiku-20240307-v1:0/InvocationThrottles/Sum": [(m("11:55"), 4)],
        "anthropic.claude-3-haiku-20240307-v1:0/InputTokenCount/Sum": [(m("11:55"), 20_000)],
        "anthropic.claude-3-haiku-20240307-v1:0/OutputTokenCount/Sum": [(m("11:55"), 4_000)],
    ]
    private static func m(_ hhmm: String) -> Double { minute(hhmm) }
    /// Responses to force, by operation name.
    var failures: [String: HTTPResponse] = [:]
    var regionFailures: [String: HTTPResponse] = ["eu-west-1/ListEndpoints": AWSFixtures.error(400, type: "AccessDeniedException", message: "no")]
    var dateHeader: String?
    /// Answer a `GetMetricData` call that asks for a percentile with a bare HTTP 500, as moto does.
    var percentilesFail = false

    func transport() -> FakeAWSTransport {
        let fleet = self
        return FakeAWSTransport { call in
            var response = try fleet.answer(call)
            if let date = fleet.dateHeader { response.headers.append(HTTPHeader("Date", date)) }
            return response
        }
    }

    func answer(_ call: FakeAWSCall) throws -> HTTPResponse {
        if let forced = failures[call.operation] ?? regionFailures["\(call.region)/\(call.operation)"] { return forced }
        switch call.operation {
        case "GetCallerIdentity":
            return HTTPResponse(status: 200, body: Array(AWSFixtures.callerIdentity.utf8))
        case "ListEndpoints":
            guard call.region == "us-east-1" else { return AWSFixtures.ok(#"{"Endpoints":[]}"#) }
            return AWSFixtures.ok("""
                {"Endpoints":[
                  {"EndpointName":"llm-prod","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/llm-prod","CreationTime":1717000000,"LastModifiedTime":1717000000,"EndpointStatus":"InService"},
                  {"EndpointName":"embed-sls","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/embed-sls","CreationTime":1717000000,"LastModifiedTime":1717000000,"EndpointStatus":"InService"}]}
                """)
        case "DescribeEndpoint":
            if call.json["EndpointName"] as? String == "llm-prod" {
                return AWSFixtures.ok("""
                    {"EndpointName":"llm-prod","EndpointArn":"arn:x","EndpointConfigName":"llm-prod-cfg","EndpointStatus":"InService",
                     "ProductionVariants":[{"VariantName":"AllTraffic","CurrentInstanceCount":2,"DesiredInstanceCount":2}],
                     "CreationTime":1717000000,"LastModifiedTime":1717000000}
                    """)
            }
            return AWSFixtures.ok("""
                {"EndpointName":"embed-sls","EndpointArn":"arn:y","EndpointConfigName":"embed-sls-cfg","EndpointStatus":"InService",
                 "ProductionVariants":[{"VariantName":"AllTraffic","CurrentServerlessConfig":{"MemorySizeInMB":4096,"MaxConcurrency":20}}],
                 "CreationTime":1717000000,"LastModifiedTime":1717000000}
                """)
        case "DescribeEndpointConfig":
            if call.json["EndpointConfigName"] as? String == "llm-prod-cfg" {
                return AWSFixtures.ok("""
                    {"EndpointConfigName":"llm-prod-cfg","EndpointConfigArn":"arn:c","CreationTime":1717000000,
                     "ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"llama3-8b","InitialInstanceCount":2,"InstanceType":"ml.g5.2xlarge"}]}
                    """)
            }
            return AWSFixtures.ok("""
                {"EndpointConfigName":"embed-sls-cfg","EndpointConfigArn":"arn:d","CreationTime":1717000000,
                 "ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"bge","ServerlessConfig":{"MemorySizeInMB":4096,"MaxConcurrency":20}}]}
                """)
        case "ListMetrics":
            guard call.region == "us-east-1" else { return AWSFixtures.ok(#"{"Metrics":[]}"#) }
            return AWSFixtures.ok("""
                {"Metrics":[
                  {"Namespace":"AWS/Bedrock","MetricName":"Invocations","Dimensions":[{"Name":"ModelId","Value":"anthropic.claude-3-haiku-20240307-v1:0"}]},
                  {"Namespace":"AWS/Bedrock","MetricName":"Invocations","Dimensions":[{"Name":"ModelId","Value":"arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123"}]}]}
                """)
        case "/provisioned-model-throughputs":
            guard call.region == "us-east-1" else { return AWSFixtures.ok(#"{"provisionedModelSummaries":[]}"#) }
            return AWSFixtures.ok("""
                {"provisionedModelSummaries":[
                  {"provisionedModelName":"chat-pt","provisionedModelArn":"arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
                   "modelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                   "desiredModelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                   "foundationModelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                   "modelUnits":2,"desiredModelUnits":2,"status":"InService",
                   "creationTime":"2024-05-01T12:00:00Z","lastModifiedTime":"2024-05-01T12:00:00Z"}]}
                """)
        case "GetMetricData":
            return metricData(call)
        case "GetCostAndUsage":
            return AWSFixtures.ok(Self.costAndUsage)
        case "GetCostForecast":
            return AWSFixtures.ok(#"{"Total":{"Amount":"1200.00","Unit":"USD"}}"#)
        case "DescribeBudgets":
            return AWSFixtures.ok(BudgetsTests.page2)
        default:
            return AWSFixtures.error(400, type: "UnknownOperationException", message: call.operation)
        }
    }

    private func metricData(_ call: FakeAWSCall) -> HTTPResponse {
        let queries = call.json["MetricDataQueries"] as? [[String: Any]] ?? []
        if percentilesFail, queries.contains(where: { (($0["MetricStat"] as? [String: Any])?["Stat"] as? String)?.hasPrefix("p") == true }) {
            return HTTPResponse(status: 500, headers: [HTTPHeader("Content-Type", "text/html")], body: Array("<html>Internal Server Error</html>".utf8))
        }
        var results: [String] = []
        for query in queries {
            let id = query["Id"] as? String ?? ""
            let stat = query["MetricStat"] as? [String: Any] ?? [:]
            let metric = stat["Metric"] as? [String: Any] ?? [:]
            let dimension = (metric["Dimensions"] as? [[String: String]])?.first?["Value"] ?? ""
            let key = "\(dimension)/\(metric["MetricName"] as? String ?? "")/\(stat["Stat"] as? String ?? "")"
            let points = datapoints[key] ?? []
            let timestamps = points.map { String(Int($0.0)) }.joined(separator: ",")
            let values = points.map { String($0.1) }.joined(separator: ",")
            results.append(#"{"Id":"\#(id)","Timestamps":[\#(timestamps)],"Values":[\#(values)],"StatusCode":"Complete"}"#)
        }
        return AWSFixtures.ok(#"{"MetricDataResults":[\#(results.joined(separator: ","))],"Messages":[]}"#)
    }

    /// June 13 and 14 complete, June 15 partial; `llm-prod` tagged, the rest untagged.
    static let costAndUsage = """
        {"GroupDefinitions":[{"Type":"TAG","Key":"burnwatch:endpoint"},{"Type":"DIMENSION","Key":"SERVICE"}],
         "ResultsByTime":[
           {"TimePeriod":{"Start":"2025-06-13","End":"2025-06-14"},"Total":{},"Estimated":false,
            "Groups":[{"Keys":["burnwatch:endpoint$llm-prod","Amazon SageMaker"],"Metrics":{"UnblendedCost":{"Amount":"72.72","Unit":"USD"}}},
                      {"Keys":["burnwatch:endpoint$","Amazon Bedrock"],"Metrics":{"UnblendedCost":{"Amount":"10.00","Unit":"USD"}}}]},
           {"TimePeriod":{"Start":"2025-06-14","End":"2025-06-15"},"Total":{},"Estimated":true,
            "Groups":[{"Keys":["burnwatch:endpoint$llm-prod","Amazon SageMaker"],"Metrics":{"UnblendedCost":{"Amount":"72.72","Unit":"USD"}}},
                      {"Keys":["burnwatch:endpoint$","Amazon Bedrock"],"Metrics":{"UnblendedCost":{"Amount":"12.00","Unit":"USD"}}}]},
           {"TimePeriod":{"Start":"2025-06-15","End":"2025-06-16"},"Total":{},"Estimated":true,
            "Groups":[{"Keys":["burnwatch:endpoint$llm-prod","Amazon SageMaker"],"Metrics":{"UnblendedCost":{"Amount":"30.00","Unit":"USD"}}}]}]}
        """

    func collector(regions: [String] = ["us-east-1", "eu-west-1"], client: AWSClient? = nil) -> AWSCollector {
        AWSCollector(
            configuration: AWSCollectorConfiguration(id: "aws/test", profileName: "test", regions: regions),
            client: client ?? AWSFixtures.client(now: Self.now)
        )
    }
}
