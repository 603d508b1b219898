import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct AWSDispatchTests {
    @Test func stsNamesTheDemoIdentityInXML() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.sts("Action=GetCallerIdentity&Version=2011-06-15")
            #expect(answer.status == 200)
            #expect(answer.text.contains("<Account>123456789012</Account>"))
            #expect(answer.text.contains("<Arn>arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/demo</Arn>"))
            #expect(answer.text.contains("<UserId>"))
            #expect(client.server.callCount(operation: .getCallerIdentity) == 1)
        }
    }

    @Test func everyAnswerCarriesTheSimulatedDateAndARequestID() async throws {
        try await withDemoAWS(start: utc("2025-06-16T14:00:00Z"), minutesAfterStart: 30) { client, _, _ in
            let answer = try await client.sts("Action=GetCallerIdentity&Version=2011-06-15")
            // The simulator's clock, not the wall clock: 14:30 on Monday 16 June 2025.
            #expect(answer.header("Date") == "Mon, 16 Jun 2025 14:30:00 GMT")
            #expect((answer.header("x-amzn-RequestId") ?? "").count == 36)
            let failed = try await client.sageMaker("NoSuchCall")
            #expect(failed.header("Date") == "Mon, 16 Jun 2025 14:30:00 GMT")
            #expect(failed.header("x-amzn-RequestId") != answer.header("x-amzn-RequestId"))
        }
    }

    @Test func eachTargetReachesItsService() async throws {
        try await withDemoAWS { client, _, _ in
            #expect(try await client.sageMaker("ListEndpoints").status == 200)
            #expect(try await client.cloudWatch("ListMetrics", [:]).status == 200)
            #expect(try await client.bedrock("/provisioned-model-throughputs").status == 200)
            #expect(try await client.bedrock("/foundation-models").status == 200)
            #expect(try await client.budgets(["AccountId": "123456789012"]).status == 200)
            let unknown = try await client.sageMaker("DeleteEndpoint", ["EndpointName": "llm-chat-prod"])
            #expect(unknown.status == 400)
            #expect(unknown.errorType == "UnknownOperationException")
            let path = try await client.bedrock("/custom-models")
            #expect(path.status == 404)
            for operation in [AWSOperation.listEndpoints, .listMetrics, .listProvisionedModelThroughputs, .listFoundationModels, .describeBudgets] {
                #expect(client.server.callCount(operation: operation) == 1, "\(operation)")
            }
            #expect(client.server.callCount(operation: .describeEndpoint) == 0)
        }
    }

    @Test func aCallSignedForAnotherServiceIsRefused() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.json("SageMaker.ListEndpoints", [:], region: "us-east-1", service: "api.sagemaker")
            #expect(answer.status == 403)
            #expect(answer.errorType == "InvalidSignatureException")
            #expect(answer.header("x-amzn-ErrorType") == "InvalidSignatureException")
            #expect(answer.message == "Credential should be scoped to correct service: 'sagemaker'. ")
        }
    }

    @Test func costExplorerAndBudgetsMustBeSignedForUSEast1() async throws {
        try await withDemoAWS { client, _, _ in
            let cost = try await client.json(
                "AWSInsightsIndexService.GetCostForecast", [:], region: "eu-west-1", service: "ce"
            )
            #expect(cost.status == 403)
            #expect(cost.errorType == "InvalidSignatureException")
            let budgets = try await client.json(
                "AWSBudgetServiceGateway.DescribeBudgets", ["AccountId": "123456789012"], region: "us-west-2", service: "budgets"
            )
            #expect(budgets.status == 403)
        }
    }

    @Test func aWrongSecretAnUnknownKeyAndASkewedClockAreRefused() async throws {
        try await withDemoAWS { client, _, _ in
            var wrongSecret = client
            wrongSecret.keyPair.secretAccessKey = String(AWSKeyPair.demo.secretAccessKey.reversed())
            let mismatch = try await wrongSecret.sageMaker("ListEndpoints")
            #expect(mismatch.status == 403)
            #expect(mismatch.errorType == "InvalidSignatureException")
            #expect(mismatch.header("x-amzn-ErrorType") == "InvalidSignatureException")

            var unknown = client
            unknown.keyPair.accessKeyID = "AKIAUNKNOWNKEY000000"
            let unrecognised = try await unknown.cloudWatch("ListMetrics", [:])
            #expect(unrecognised.status == 403)
            #expect(unrecognised.errorType == "UnrecognizedClientException")
            #expect(unrecognised.header("x-amzn-query-error") == "InvalidClientTokenId;Sender")

            var skewed = client
            skewed.clockOffset = -600
            let expired = try await skewed.sageMaker("ListEndpoints")
            #expect(expired.status == 403)
            #expect(expired.errorType == "InvalidSignatureException")
            #expect(expired.message?.hasPrefix("Signature expired: 20250616T142000Z is now earlier than 20250616T142500Z") == true)

            let stsExpired = try await skewed.sts("Action=GetCallerIdentity&Version=2011-06-15")
            #expect(stsExpired.status == 403)
            #expect(stsExpired.text.contains("<Code>SignatureDoesNotMatch</Code>"))
            #expect(stsExpired.text.contains("<ErrorResponse"))
        }
    }

    @Test func anUnsignedRequestIsRefused() async throws {
        try await withDemoAWS { client, _, _ in
            let url = URL(string: client.server.baseURL.absoluteString + "/")!
            let response = try await client.transport.send(HTTPRequest(
                method: "POST", url: url,
                headers: [HTTPHeader("X-Amz-Target", "SageMaker.ListEndpoints"), HTTPHeader("Content-Type", "application/x-amz-json-1.1")],
                body: Array("{}".utf8), collector: CollectorID("test/aws")
            ))
            #expect(response.status == 403)
            #expect(response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException")
        }
    }

    @Test func assumedRoleKeysWorkWithTheirToken() async throws {
        try await withDemoAWS { client, _, _ in
            let answer = try await client.sts(
                "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fburnwatch-readonly&RoleSessionName=ops"
            )
            #expect(answer.status == 200)
            func element(_ name: String) -> String? {
                guard let open = answer.text.range(of: "<\(name)>"), let close = answer.text.range(of: "</\(name)>") else { return nil }
                return String(answer.text[open.upperBound..<close.lowerBound])
            }
            let temporary = AWSKeyPair(
                accessKeyID: element("AccessKeyId") ?? "", secretAccessKey: element("SecretAccessKey") ?? "",
                sessionToken: element("SessionToken"), account: "", arn: "", userID: ""
            )
            #expect(temporary.accessKeyID.hasPrefix("ASIA"))
            #expect(temporary.secretAccessKey.count == 40)
            var assumed = client
            assumed.keyPair = temporary
            let identity = try await assumed.sts("Action=GetCallerIdentity&Version=2011-06-15")
            #expect(identity.text.contains("<Arn>arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/ops</Arn>"))
            var withoutToken = assumed
            withoutToken.keyPair.sessionToken = nil
            let refused = try await withoutToken.sageMaker("ListEndpoints")
            #expect(refused.errorType == "UnrecognizedClientException")
        }
    }
}
