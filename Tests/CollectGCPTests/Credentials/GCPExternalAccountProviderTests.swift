import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

@Suite struct GCPExternalAccountProviderTests {
    static let audience = "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/ci-pool/providers/github"
    static let impersonationURL = "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/reader@demo-project.iam.gserviceaccount.com:generateAccessToken"

    static func file(source: String, impersonate: Bool = false, extra: String = "") -> String {
        let impersonation = impersonate ? #","service_account_impersonation_url": "\#(impersonationURL)""# : ""
        return """
        {
          "type": "external_account",
          "audience": "\(audience)",
          "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
          "token_url": "https://sts.googleapis.com/v1/token",
          "credential_source": \(source)\(impersonation)\(extra)
        }
        """
    }

    static func provider(_ text: String, files: [String: String] = [:]) throws -> GCPExternalAccountProvider {
        guard case .externalAccount(let configuration) = try GCPCredentialFile.parse(Array(text.utf8), path: "/etc/wif.json", homeDirectory: "/home/tester") else {
            throw CollectorError.misconfigured("not an external account")
        }
        return GCPExternalAccountProvider(configuration: configuration, files: GCPInMemoryFileReader(files))
    }

    @Test func aFileSourcedTokenIsExchangedAtSTS() async throws {
        let provider = try Self.provider(Self.file(source: #"{"file": "~/oidc/token"}"#), files: ["/home/tester/oidc/token": "eyJoidc.subject.token\n"])
        let transport = RecordingGCPTransport { _ in
            .json(200, #"{"access_token":"ya29.federated","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"Bearer","expires_in":3600}"#)
        }
        let token = try await provider.token(at: gcpTestNow, transport: transport)
        #expect(token.value == "ya29.federated")
        #expect(token.expiry == gcpTestNow.addingTimeInterval(3600))
        #expect(token.source == "workload identity federation")
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.url.absoluteString == "https://sts.googleapis.com/v1/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.formFields == [
            "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
            "audience": Self.audience,
            "scope": "https://www.googleapis.com/auth/cloud-platform",
            "requested_token_type": "urn:ietf:params:oauth:token-type:access_token",
            "subject_token": "eyJoidc.subject.token",
            "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
        ])
    }

    @Test func aJSONFormattedSourceIsReadByItsField() async throws {
        let source = #"{"file": "/var/run/token.json", "format": {"type": "json", "subject_token_field_name": "id_token"}}"#
        let provider = try Self.provider(Self.file(source: source), files: ["/var/run/token.json": #"{"id_token":"eyJjson.token","other":1}"#])
        #expect(try await provider.subjectToken(transport: RecordingGCPTransport.refusing) == "eyJjson.token")
    }

    @Test func aURLSourceIsFetchedWithItsHeaders() async throws {
        let source = #"{"url": "http://169.254.169.254/token?audience=x", "headers": {"Metadata": "True"}}"#
        let provider = try Self.provider(Self.file(source: source))
        let transport = RecordingGCPTransport { _ in HTTPResponse(status: 200, body: Array("eyJurl.token".utf8)) }
        #expect(try await provider.subjectToken(transport: transport) == "eyJurl.token")
        #expect(transport.requests.first?.header("Metadata") == "True")
        #expect(transport.requests.first?.url.absoluteString == "http://169.254.169.254/token?audience=x")
    }

    @Test func impersonationExchangesTheFederatedTokenForTheServiceAccounts() async throws {
        let provider = try Self.provider(Self.file(source: #"{"file": "/t"}"#, impersonate: true), files: ["/t": "eyJsubject"])
        let transport = RecordingGCPTransport { request in
            if request.url.host == "sts.googleapis.com" { return .token("ya29.federated") }
            return .json(200, #"{"accessToken":"ya29.impersonated","expireTime":"2025-03-01T12:59:59.123456789Z"}"#)
        }
        let token = try await provider.token(at: gcpTestNow, transport: transport)
        #expect(token.value == "ya29.impersonated")
        #expect(abs(token.expiry.timeIntervalSince(gcpTestNow.addingTimeInterval(3599.123456789))) < 0.001)
        #expect(token.source == "workload identity federation as reader@demo-project.iam.gserviceaccount.com")
        #expect(transport.requests.count == 2)
        let call = try #require(transport.requests.last)
        #expect(call.method == "POST")
        #expect(call.url.absoluteString == Self.impersonationURL)
        #expect(call.header("Authorization") == "Bearer ya29.federated")
        #expect(call.bodyText == #"{"lifetime":"3600s","scope":["https://www.googleapis.com/auth/cloud-platform"]}"#)
    }

    @Test func aMissingSubjectTokenFileIsNoCredentials() async throws {
        let provider = try Self.provider(Self.file(source: #"{"file": "/nowhere"}"#))
        let error = await caughtError { try await provider.token(at: gcpTestNow, transport: RecordingGCPTransport.refusing) } as? CollectorError
        #expect(error?.kind == "no credentials")
        #expect(error?.detail.contains("/nowhere") == true)
    }

    @Test func unsupportedSourcesAreNamed() {
        let cases = [
            (#"{"environment_id": "aws1", "region_url": "http://169.254.169.254"}"#, "environment_id"),
            (#"{"executable": {"command": "/bin/token"}}"#, "executable"),
            (#"{"file": "/t", "format": {"type": "json"}}"#, "subject_token_field_name"),
            (#"{}"#, "file or url"),
        ]
        for (source, named) in cases {
            let error = caughtError { try Self.provider(Self.file(source: source)) } as? CollectorError
            #expect(error?.kind == "misconfigured", "\(source)")
            #expect(error?.detail.contains(named) == true, "\(source)")
            #expect(error?.detail.contains("/etc/wif.json") == true)
        }
    }

    @Test func aRefusedExchangeNamesTheFile() async throws {
        let provider = try Self.provider(Self.file(source: #"{"file": "/t"}"#), files: ["/t": "eyJ"])
        let transport = RecordingGCPTransport { _ in .json(400, #"{"error":"invalid_grant","error_description":"The audience in ID Token does not match."}"#) }
        let error = await caughtError { try await provider.token(at: gcpTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error?.hint?.contains("/etc/wif.json") == true)
    }
}
