import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct AWSSageMakerTests {
    private func names(_ answer: AWSTestClient.Answer) -> [String] {
        (answer.json?["Endpoints"]?.arrayValue ?? []).compactMap { $0["EndpointName"]?.stringValue }
    }

    @Test func listEndpointsShowsOnlyTheSigningRegion() async throws {
        try await withDemoAWS { client, _, _ in
            let east = try await client.sageMaker("ListEndpoints", ["SortBy": "Name", "SortOrder": "Ascending"])
            #expect(names(east) == ["embed-serverless", "llm-70b-prod", "llm-chat-prod"])
            let west = try await client.sageMaker("ListEndpoints", ["SortBy": "Name", "SortOrder": "Ascending"], region: "eu-west-1")
            #expect(names(west) == ["ocr-serverless", "rerank-prod"])
            let first = east.json?["Endpoints"]?.arrayValue?.first
            #expect(first?["EndpointArn"]?.stringValue == "arn:aws:sagemaker:us-east-1:123456789012:endpoint/embed-serverless")
            #expect(first?["EndpointStatus"]?.stringValue == "InService")
            #expect(first?["CreationTime"]?.numberValue != nil)
        }
    }

    @Test func listEndpointsPagesWithNextToken() async throws {
        try await withDemoAWS { client, _, _ in
            let request: AWSJSONValue = ["SortBy": "Name", "SortOrder": "Ascending", "MaxResults": 2]
            let first = try await client.sageMaker("ListEndpoints", request)
            #expect(names(first) == ["embed-serverless", "llm-70b-prod"])
            let token = try #require(first.json?["NextToken"]?.stringValue)
            let second = try await client.sageMaker("ListEndpoints", ["SortBy": "Name", "SortOrder": "Ascending", "MaxResults": 2, "NextToken": .string(token)])
            #expect(names(second) == ["llm-chat-prod"])
            #expect(second.json?["NextToken"] == nil)

            // A token replayed with other filters is refused.
            let replayed = try await client.sageMaker("ListEndpoints", ["SortBy": "CreationTime", "NextToken": .string(token)])
            #expect(replayed.status == 400)
            #expect(replayed.errorType == "ValidationException")
        }
    }

    @Test func maxResultsIsOneToAHundred() async throws {
        try await withDemoAWS { client, _, _ in
            let tooMany = try await client.sageMaker("ListEndpoints", ["MaxResults": 101])
            #expect(tooMany.status == 400)
            #expect(tooMany.errorType == "ValidationException")
            let none = try await client.sageMaker("ListEndpoints", ["MaxResults": 0])
            #expect(none.status == 400)
            let hundred = try await client.sageMaker("ListEndpoints", ["MaxResults": 100])
            #expect(hundred.status == 200)
        }
    }

    @Test func describeEndpointCountsTheModelsInstances() async throws {
        // 40 minutes in: llm-chat-prod is in its traffic surge and scaling out.
        try await withDemoAWS(minutesAfterStart: 40) { client, model, clock in
            let answer = try await client.sageMaker("DescribeEndpoint", ["EndpointName": "llm-chat-prod"])
            #expect(answer.status == 200)
            let variant = try #require(answer.json?["ProductionVariants"]?.arrayValue?.first)
            let minute = try #require(model.minute(of: model.id(named: "llm-chat-prod"), containing: clock.now()))
            let replicas = try #require(minute.replicas)
            #expect(variant["VariantName"]?.stringValue == "AllTraffic")
            #expect(variant["CurrentInstanceCount"]?.intValue == replicas)
            #expect(variant["DesiredInstanceCount"]?.intValue == replicas + (minute.pendingReplicas ?? 0))
            #expect(answer.json?["EndpointConfigName"]?.stringValue == "llm-chat-prod-config")
            #expect(answer.json?["CreationTime"]?.numberValue != nil)
        }
    }

    @Test func serverlessVariantsShowTheirServerlessConfig() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.sageMaker("DescribeEndpoint", ["EndpointName": "ocr-serverless"], region: "eu-west-1")
            let variant = try #require(answer.json?["ProductionVariants"]?.arrayValue?.first)
            #expect(variant["CurrentInstanceCount"] == nil)
            #expect(variant["CurrentServerlessConfig"]?["MemorySizeInMB"]?.intValue == 4096)
            #expect(variant["CurrentServerlessConfig"]?["MaxConcurrency"]?.intValue == 10)
            #expect(variant["CurrentServerlessConfig"]?["ProvisionedConcurrency"]?.intValue == 2)

            let config = try await client.sageMaker("DescribeEndpointConfig", ["EndpointConfigName": "ocr-serverless-config"], region: "eu-west-1")
            let configured = try #require(config.json?["ProductionVariants"]?.arrayValue?.first)
            #expect(configured["ServerlessConfig"]?["MemorySizeInMB"]?.intValue == 4096)
            #expect(configured["InstanceType"] == nil)
        }
    }

    @Test func describeEndpointConfigGivesTheInstanceType() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.sageMaker("DescribeEndpointConfig", ["EndpointConfigName": "llm-70b-prod-config"])
            let variant = try #require(answer.json?["ProductionVariants"]?.arrayValue?.first)
            #expect(variant["InstanceType"]?.stringValue == "ml.p4d.24xlarge")
            #expect(variant["InitialInstanceCount"]?.intValue == 1)
        }
    }

    @Test func anEndpointOfAnotherRegionIsNotFound() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.sageMaker("DescribeEndpoint", ["EndpointName": "rerank-prod"], region: "us-east-1")
            #expect(answer.status == 400)
            #expect(answer.errorType == "ValidationException")
            #expect(answer.message?.hasPrefix("Could not find endpoint") == true)
            let missing = try await client.sageMaker("DescribeEndpoint", [:])
            #expect(missing.status == 400)
        }
    }
}
