import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct AWSBedrockTests {
    @Test func provisionedThroughputsListTheFleetsProvisionedModels() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.bedrock("/provisioned-model-throughputs")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            let summaries = try #require(answer.json?["provisionedModelSummaries"]?.arrayValue)
            #expect(summaries.count == 1)
            let summary = try #require(summaries.first)
            #expect(summary["provisionedModelName"]?.stringValue == "support-bot-ft")
            #expect(summary["modelUnits"]?.intValue == 1)
            #expect(summary["foundationModelArn"]?.stringValue == "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-8b-instruct-v1:0")
            #expect(summary["provisionedModelArn"]?.stringValue?.hasPrefix("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/") == true)
            // Bedrock is restJson1: timestamps are ISO 8601 strings.
            let created = try #require(summary["creationTime"]?.stringValue)
            #expect(created.count == 24 && created.hasSuffix("Z") && created.contains("T"))

            let west = try await client.bedrock("/provisioned-model-throughputs", region: "us-west-2")
            #expect(west.json?["provisionedModelSummaries"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func foundationModelsFilterByProvider() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.bedrock("/foundation-models", query: [("byProvider", "Anthropic")])
            let ids = (answer.json?["modelSummaries"]?.arrayValue ?? []).compactMap { $0["modelId"]?.stringValue }
            #expect(ids.contains("anthropic.claude-3-haiku-20240307-v1:0"))
            #expect(ids.allSatisfy { $0.hasPrefix("anthropic.") })
            let bad = try await client.bedrock("/foundation-models", query: [("byInferenceType", "SOMETIMES")])
            #expect(bad.status == 400)
            #expect(bad.header("x-amzn-ErrorType") == "ValidationException")
        }
    }
}
