import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

@Suite struct AWSSTSProviderTests {
    let sourceKeys = AWSCredentials(accessKeyID: "AKIDSOURCEEXAMPLE001", secretAccessKey: "sourceSecretKeyEXAMPLE", sessionToken: "source-token", source: "test")

    func assumeRole(endpoints: AWSEndpointResolver = AWSEndpointResolver(), region: String = "eu-west-1") -> AWSAssumeRoleProvider {
        AWSAssumeRoleProvider(
            roleARN: "arn:aws:iam::123456789012:role/demo", sessionName: "bw-test", externalID: "ext+1", durationSeconds: 1800,
            source: AWSStaticCredentialProvider(sourceKeys), region: region, endpoints: endpoints, collector: "aws-test",
            sourceDescription: "profile ml (assume role via profile base)"
        )
    }

    @Test func assumeRoleIsFormEncodedAndSignedWithTheSourceKeys() async throws {
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.assumeRole()) }
        let credentials = try await assumeRole().credentials(at: credentialTestNow, transport: transport)

        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://sts.eu-west-1.amazonaws.com/")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(request.bodyText == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=bw-test&DurationSeconds=1800&ExternalId=ext%2B1")

        let authorization = try #require(request.header("Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDSOURCEEXAMPLE001/20250301/eu-west-1/sts/aws4_request, SignedHeaders="))
        #expect(authorization.contains("x-amz-security-token"))
        #expect(request.header("X-Amz-Date") == "20250301T120000Z")
        #expect(request.header("X-Amz-Security-Token") == "source-token")

        #expect(credentials.accessKeyID == "ASIAASSUMEDEXAMPLE01")
        #expect(credentials.secretAccessKey == "assumedSecret/Key+EXAMPLE")
        #expect(credentials.sessionToken == "assumed-session-token")
        // 2025-03-01T13:00:00Z
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_740_834_000))
        #expect(credentials.source == "profile ml (assume role via profile base)")
    }

    @Test func assumeRoleFollowsTheSTSEndpointOverride() async throws {
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.assumeRole()) }
        let endpoints = AWSEndpointResolver(environment: ["AWS_ENDPOINT_URL_STS": "http://localhost:4566/sts"])
        _ = try await assumeRole(endpoints: endpoints).credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "http://localhost:4566/sts/")
        // Still signed for the region asked for.
        #expect(transport.requests.first?.header("Authorization")?.contains("/20250301/eu-west-1/sts/aws4_request") == true)
    }

    @Test func assumeRoleWithoutSessionNameUsesAStableDefault() async throws {
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.assumeRole()) }
        let provider = AWSAssumeRoleProvider(
            roleARN: "arn:aws:iam::123456789012:role/demo", source: AWSStaticCredentialProvider(sourceKeys), endpoints: AWSEndpointResolver(),
            sourceDescription: "x"
        )
        _ = try await provider.credentials(at: credentialTestNow, transport: transport)
        let fields = try #require(transport.requests.first).formFields
        #expect(fields["RoleSessionName"] == "burnwatch-1740830400")
        #expect(fields["DurationSeconds"] == nil)
        #expect(fields["ExternalId"] == nil)
        #expect(transport.requests.first?.url.host == "sts.us-east-1.amazonaws.com")
    }

    @Test func assumeRoleRefusalBecomesUnauthorizedWithoutSecrets() async {
        let transport = RecordingCredentialTransport { _ in
            .text(403, STSSample.error(code: "AccessDenied", message: "User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole"))
        }
        let error = await caughtError { try await assumeRole().credentials(at: credentialTestNow, transport: transport) }
        let collectorError = try? #require(error as? CollectorError)
        #expect(collectorError?.kind == "unauthorized")
        #expect(collectorError?.detail.contains("AccessDenied") == true)
        let text = visibleText(error!)
        #expect(!text.contains("sourceSecretKeyEXAMPLE"))
        #expect(!text.contains("source-token"))
    }

    @Test func answersWithoutCredentialsAreMalformed() async {
        let missingSecret = STSSample.assumeRole().replacingOccurrences(of: "<SecretAccessKey>assumedSecret/Key+EXAMPLE</SecretAccessKey>", with: "")
        for body in ["<html>proxy login</html>", missingSecret, STSSample.assumeRole(expiration: "tomorrow")] {
            let transport = RecordingCredentialTransport { _ in .text(200, body) }
            let error = await caughtError { try await assumeRole().credentials(at: credentialTestNow, transport: transport) } as? CollectorError
            #expect(error?.kind == "malformed response")
        }
    }

    @Test func stsAnswerDecodesWithEscapesAndFractionalSeconds() throws {
        let body = Array(STSSample.assumeRole(secret: "a&amp;b&lt;c", expiration: "2025-03-01T13:00:00.500Z").utf8)
        let credentials = try AWSSTSCredentialsAnswer.credentials(from: body, action: "AssumeRole", source: "s")
        #expect(credentials.secretAccessKey == "a&b<c")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_740_834_000.5))
        // The wrapper must match the action.
        #expect(throws: CollectorError.self) {
            try AWSSTSCredentialsAnswer.credentials(from: body, action: "AssumeRoleWithWebIdentity", source: "s")
        }
    }

    @Test func webIdentityIsUnsignedAndReadsTheTokenFile() async throws {
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.webIdentity()) }
        let files = AWSInMemoryFileReader(["/var/run/token": "eyJhbGciOiJSUzI1NiJ9.payload.sig\n"])
        let provider = AWSWebIdentityProvider(
            roleARN: "arn:aws:iam::123456789012:role/irsa", tokenFile: "/var/run/token", sessionName: "pod-1", region: "us-west-2",
            endpoints: AWSEndpointResolver(), files: files, collector: "aws-test", sourceDescription: "web identity (AWS_ROLE_ARN)"
        )
        let credentials = try await provider.credentials(at: credentialTestNow, transport: transport)
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "https://sts.us-west-2.amazonaws.com/")
        #expect(request.method == "POST")
        #expect(request.header("Authorization") == nil)
        #expect(request.header("X-Amz-Date") == nil)
        #expect(request.bodyText == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Firsa&RoleSessionName=pod-1&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.payload.sig")
        #expect(credentials.accessKeyID == "ASIAWEBIDENTITY00001")
        #expect(credentials.sessionToken == "web-session-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_740_834_000))
        #expect(credentials.source == "web identity (AWS_ROLE_ARN)")
    }

    @Test func webIdentityErrorsNeverRepeatTheToken() async {
        let files = AWSInMemoryFileReader(["/t": "SECRET-JWT-VALUE"])
        let provider = AWSWebIdentityProvider(roleARN: "arn:aws:iam::1:role/r", tokenFile: "/t", endpoints: AWSEndpointResolver(), files: files)
        let transport = RecordingCredentialTransport { _ in
            .text(400, STSSample.error(code: "InvalidIdentityToken", message: "Couldn't retrieve verification key from your identity provider"))
        }
        let error = await caughtError { try await provider.credentials(at: credentialTestNow, transport: transport) }
        #expect(error != nil)
        #expect(!visibleText(error!).contains("SECRET-JWT-VALUE"))

        let missing = AWSWebIdentityProvider(roleARN: "arn:aws:iam::1:role/r", tokenFile: "/nope", endpoints: AWSEndpointResolver(), files: files)
        let missingError = await caughtError { try await missing.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) } as? CollectorError
        #expect(missingError?.kind == "no credentials")
        #expect(missingError?.detail == "web identity token file /nope does not exist")
    }
}
