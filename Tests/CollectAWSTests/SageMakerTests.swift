import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct SageMakerTests {
    static let firstPage = """
        {"Endpoints":[
          {"EndpointName":"llm-prod","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/llm-prod",
           "CreationTime":1717000000.0,"LastModifiedTime":1718000000.5,"EndpointStatus":"InService"}],
         "NextToken":"page-2"}
        """
    static let secondPage = """
        {"Endpoints":[
          {"EndpointName":"embed-sls","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/embed-sls",
           "CreationTime":1717000100,"LastModifiedTime":1717000200,"EndpointStatus":"Updating"}]}
        """

    @Test func listEndpointsFollowsEveryPage() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.operation == "ListEndpoints")
            return AWSFixtures.ok(call.json["NextToken"] as? String == "page-2" ? Self.secondPage : Self.firstPage)
        }
        let endpoints = try await AWSFixtures.client().listEndpoints(region: "us-east-1", transport: transport)
        try #require(endpoints.map(\.endpointName) == ["llm-prod", "embed-sls"])
        #expect(endpoints[0].lastModifiedTime == 1_718_000_000.5)
        #expect(endpoints[1].endpointStatus == "Updating")
        let calls = transport.calls("ListEndpoints")
        try #require(calls.count == 2)
        #expect(calls.map { $0.json["MaxResults"] as? Int } == [100, 100])
        #expect(calls[0].json["NextToken"] == nil)
        #expect(calls[1].json["NextToken"] as? String == "page-2")
        #expect(calls[0].host == "api.sagemaker.us-east-1.amazonaws.com")
        #expect(calls[0].request.headers.contains { $0.name == "Authorization" && $0.value.contains("/us-east-1/sagemaker/aws4_request") })
    }

    @Test func aPageTokenThatRepeatsIsReportedNotFollowed() async throws {
        let transport = FakeAWSTransport { _ in AWSFixtures.ok(Self.firstPage) }
        await #expect(throws: CollectorError.self) {
            _ = try await AWSFixtures.client().listEndpoints(region: "us-east-1", transport: transport)
        }
        #expect(transport.requests.count == 2)
    }

    @Test func describeEndpointReadsVariantsAndServerlessConfig() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.json["EndpointName"] as? String == "embed-sls")
            return AWSFixtures.ok("""
                {"EndpointName":"embed-sls","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/embed-sls",
                 "EndpointConfigName":"embed-sls-cfg","EndpointStatus":"InService",
                 "ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,"DesiredWeight":1.0,
                   "CurrentServerlessConfig":{"MemorySizeInMB":4096,"MaxConcurrency":20,"ProvisionedConcurrency":2},
                   "DesiredServerlessConfig":{"MemorySizeInMB":4096,"MaxConcurrency":20}}],
                 "CreationTime":1717000000.0,"LastModifiedTime":1718000000.5}
                """)
        }
        let answer = try await AWSFixtures.client().describeEndpoint(name: "embed-sls", region: "eu-west-1", transport: transport)
        #expect(transport.requests.first?.url.host == "api.sagemaker.eu-west-1.amazonaws.com")
        #expect(answer.endpointConfigName == "embed-sls-cfg")
        let variant = try #require(answer.productionVariants?.first)
        #expect(variant.currentServerlessConfig == SageMakerShapes.ServerlessConfig(memorySizeInMB: 4096, maxConcurrency: 20, provisionedConcurrency: 2))
        #expect(variant.currentInstanceCount == nil)
    }

    @Test func realTimeEndpointBecomesAnInstanceBackedEndpoint() throws {
        let summary = try JSONDecoder().decode(SageMakerShapes.EndpointSummary.self, from: Data("""
            {"EndpointName":"llm-prod","EndpointStatus":"InService","CreationTime":1717000000}
            """.utf8))
        let description = try JSONDecoder().decode(SageMakerShapes.DescribeEndpointOutput.self, from: Data("""
            {"EndpointName":"llm-prod","EndpointConfigName":"llm-prod-cfg-7","EndpointStatus":"Updating",
             "ProductionVariants":[
               {"VariantName":"blue","CurrentInstanceCount":2,"DesiredInstanceCount":3,
                "ManagedInstanceScaling":{"Status":"ENABLED","MinInstanceCount":1,"MaxInstanceCount":4}},
               {"VariantName":"green","CurrentInstanceCount":1,"DesiredInstanceCount":1}]}
            """.utf8))
        let config = try JSONDecoder().decode(SageMakerShapes.DescribeEndpointConfigOutput.self, from: Data("""
            {"EndpointConfigName":"llm-prod-cfg-7","EndpointConfigArn":"arn:x","CreationTime":1717000000,
             "ProductionVariants":[{"VariantName":"blue","ModelName":"llama-3-8b","InitialInstanceCount":2,"InstanceType":"ml.g5.12xlarge"},
                                   {"VariantName":"green","ModelName":"llama-3-8b-v2","InitialInstanceCount":1,"InstanceType":"ml.g5.12xlarge"}]}
            """.utf8))
        let target = AWSCollector.sageMakerTarget(
            summary: summary, description: description, config: config, account: "123456789012", region: "us-east-1", now: AWSFixtures.start
        )
        #expect(target.id == EndpointID(account: "123456789012", region: "us-east-1", service: .sageMakerRealtime, name: "llm-prod"))
        #expect(target.endpoint.kind == .dedicated)
        #expect(target.endpoint.status == "Updating")
        #expect(target.replicas == 3)
        #expect(target.source == .sageMaker(endpointName: "llm-prod", variants: ["blue", "green"]))
        let configuration = target.endpoint.configuration
        #expect(configuration.instanceType == "ml.g5.12xlarge")
        #expect(configuration.gpu == .a10g)
        #expect(configuration.gpuCount == 4)
        #expect(configuration.minReplicas == 1)
        #expect(configuration.maxReplicas == 4)
        #expect(configuration.model == "llama-3-8b")
        #expect(configuration.serverlessMemoryMB == nil)
    }

    @Test func serverlessEndpointIsClassifiedFromItsConfig() throws {
        let summary = try JSONDecoder().decode(SageMakerShapes.EndpointSummary.self, from: Data("""
            {"EndpointName":"embed-\\u001b[31msls","EndpointStatus":"InService"}
            """.utf8))
        let config = try JSONDecoder().decode(SageMakerShapes.DescribeEndpointConfigOutput.self, from: Data("""
            {"EndpointConfigName":"c","ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"bge",
              "ServerlessConfig":{"MemorySizeInMB":6144,"MaxConcurrency":50}}]}
            """.utf8))
        let target = AWSCollector.sageMakerTarget(
            summary: summary, description: nil, config: config, account: "123456789012", region: "us-east-1", now: AWSFixtures.start
        )
        #expect(target.id.service == .sageMakerServerless)
        #expect(target.endpoint.kind == .serverless)
        // The name shown is sanitised; the name the metrics are published under is kept as sent.
        #expect(target.id.name == "embed-[31msls")
        #expect(target.source == .sageMaker(endpointName: "embed-\u{1b}[31msls", variants: ["AllTraffic"]))
        #expect(target.endpoint.configuration.serverlessMemoryMB == 6144)
        #expect(target.endpoint.configuration.maxConcurrency == 50)
        #expect(target.endpoint.configuration.provisionedConcurrency == nil)
        #expect(target.endpoint.configuration.instanceType == nil)
        #expect(target.replicas == nil)
    }

    @Test func truncatedAnswerIsMalformed() async throws {
        let transport = FakeAWSTransport { _ in AWSFixtures.ok(#"{"Endpoints":[{"EndpointName":"llm-pr"#) }
        do {
            _ = try await AWSFixtures.client().listEndpoints(region: "us-east-1", transport: transport)
            Issue.record("a truncated answer was accepted")
        } catch let error as CollectorError {
            #expect(error.kind == "malformed response")
            #expect(error.detail.contains("ListEndpoints"))
        }
    }

    @Test func throttlingIsAThrottle() async throws {
        let transport = FakeAWSTransport { _ in AWSFixtures.error(400, type: "ThrottlingException", message: "Rate exceeded") }
        do {
            _ = try await AWSFixtures.client().describeEndpoint(name: "x", region: "us-east-1", transport: transport)
            Issue.record("a throttle was accepted")
        } catch let error as CollectorError {
            #expect(error.isThrottle)
        }
    }
}
