import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct BedrockTests {
    static let page1 = """
        {"provisionedModelSummaries":[
          {"provisionedModelName":"chat-pt","provisionedModelArn":"arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
           "modelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
           "desiredModelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
           "foundationModelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
           "modelUnits":2,"desiredModelUnits":3,"status":"Updating","commitmentDuration":"OneMonth",
           "creationTime":"2024-05-01T12:00:00Z","lastModifiedTime":"2024-05-02T08:30:00.125Z"}],
         "nextToken":"tok/2+"}
        """
    static let page2 = #"{"provisionedModelSummaries":[]}"#

    @Test func listsEveryPageWithQueryParameters() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.request.method == "GET")
            #expect(call.request.url.path == "/provisioned-model-throughputs")
            return AWSFixtures.ok(call.query["nextToken"] == "tok/2+" ? Self.page2 : Self.page1)
        }
        let summaries = try await AWSFixtures.client().listProvisionedModelThroughputs(region: "us-east-1", transport: transport)
        try #require(transport.requests.count == 2)
        #expect(transport.requests[0].url.host == "bedrock.us-east-1.amazonaws.com")
        #expect(FakeAWSCall(request: transport.requests[0]).query == ["maxResults": "100"])
        #expect(FakeAWSCall(request: transport.requests[1]).query == ["maxResults": "100", "nextToken": "tok/2+"])
        // The token is percent-encoded on the wire.
        #expect(transport.requests[1].url.absoluteString.contains("nextToken=tok%2F2%2B"))
        let summary = try #require(summaries.first)
        #expect(summaries.count == 1)
        #expect(summary.modelUnits == 2)
        #expect(summary.status == "Updating")
        #expect(summary.foundationModelID == "anthropic.claude-3-haiku-20240307-v1:0")
        #expect(summary.creationDate == AWSFixtures.date("2024-05-01T12:00:00Z"))
        #expect(summary.lastModifiedDate == Date(timeIntervalSince1970: AWSFixtures.date("2024-05-02T08:30:00Z").timeIntervalSince1970 + 0.125))
    }

    @Test func accessDeniedNamesTheAction() async throws {
        let transport = FakeAWSTransport { _ in
            HTTPResponse(status: 403, headers: [HTTPHeader("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/")],
                         body: Array(#"{"message":"User is not authorized to perform: bedrock:ListProvisionedModelThroughputs"}"#.utf8))
        }
        do {
            _ = try await AWSFixtures.client().listProvisionedModelThroughputs(region: "us-east-1", transport: transport)
            Issue.record("accepted")
        } catch let error as CollectorError {
            #expect(error.hint?.contains("bedrock:ListProvisionedModelThroughputs") == true)
        }
    }

    @Test func modelNamesFromMetricDimensions() {
        #expect(AWSCollector.isProvisionedModelARN("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123"))
        #expect(!AWSCollector.isProvisionedModelARN("anthropic.claude-3-haiku-20240307-v1:0"))
        // The provider prefix goes (the column is narrow); a cross-region profile keeps its geography.
        #expect(AWSCollector.displayName("anthropic.claude-3-haiku-20240307-v1:0") == "claude-3-haiku-20240307-v1:0")
        #expect(AWSCollector.displayName("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-8b-instruct-v1:0")
            == "us.llama3-8b-instruct-v1:0")
        #expect(AWSCollector.displayName("amazon.titan-embed-text-v2:0") == "titan-embed-text-v2:0")
        // An unknown provider, or an id without one, is left whole.
        #expect(AWSCollector.displayName("acme.secret-model-v1") == "acme.secret-model-v1")
        #expect(AWSCollector.displayName("my-imported-model") == "my-imported-model")
        #expect(AWSCollector.displayName("anthropic.") == "anthropic.")
    }
}
