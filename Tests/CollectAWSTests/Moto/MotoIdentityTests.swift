import BurnwatchCollect
import CollectAWS
import Foundation
import Testing

extension MotoIntegrationTests {
    /// STS over the query protocol (form body, XML answer).
    @Suite struct MotoIdentityTests {
        @Test func callerIdentityNamesMotosDefaultAccount() async throws {
            let moto = try #require(MotoHarness.current)
            let answer = try await moto.client().query(
                .sts, region: "us-east-1", action: "GetCallerIdentity", parameters: [], transport: moto.transport
            )
            #expect(AWSXML.firstValue("Account", in: answer) == "123456789012")
            #expect(AWSXML.firstValue("Account", in: answer) == moto.seed.accountId)
            #expect(AWSXML.firstValue("Arn", in: answer)?.hasPrefix("arn:aws:sts::123456789012:") == true)
        }
    }
}
