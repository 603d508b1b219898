import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

@Suite struct GCPAuthorizedUserProviderTests {
    static let path = "/home/tester/.config/gcloud/application_default_credentials.json"

    static func provider(_ text: String = CredentialFiles.authorizedUser(), files: GCPInMemoryFileReader? = nil, override: String? = nil) throws -> GCPAuthorizedUserProvider {
        guard case .authorizedUser(let login) = try GCPCredentialFile.parse(Array(text.utf8), path: path, homeDirectory: "/home/tester") else {
            throw CollectorError.misconfigured("not a user login")
        }
        return GCPAuthorizedUserProvider(login: login, rereadingFrom: files, tokenEndpoint: override)
    }

    @Test func theRefreshTokenGrantSendsTheFilesClientAndToken() async throws {
        let transport = RecordingGCPTransport { _ in .token("ya29.user-token", expiresIn: 3599) }
        let token = try await Self.provider().token(at: gcpTestNow, transport: transport)
        #expect(token.value == "ya29.user-token")
        #expect(token.expiry == gcpTestNow.addingTimeInterval(3599))
        #expect(token.source == "gcloud user login")
        #expect(token.quotaProject == "billing-project")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://oauth2.googleapis.com/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.formFields == [
            "grant_type": "refresh_token",
            "client_id": "000000000000-example.apps.googleusercontent.com",
            "client_secret": CredentialFiles.clientSecret,
            "refresh_token": CredentialFiles.refreshToken,
        ])
        // "1//0…": the slashes of a real refresh token are percent-encoded in the form.
        #expect(request.bodyText.contains("refresh_token=1%2F%2F0refresh-token-EXAMPLE-do-not-leak"))
    }

    @Test func theQuotaProjectReachesEveryAPIRequestAsXGoogUserProject() async throws {
        let transport = RecordingGCPTransport { request in
            request.url.path.hasSuffix("/token") ? .token("ya29.user-token") : .json(200, #"{"budgets":[]}"#)
        }
        let client = GCPClient(collector: "gcp", tokens: try Self.provider(), clock: ManualTimeSource(start: gcpTestNow), loginHint: "run: gcloud auth application-default login")
        let url = try #require(URL(string: "https://billingbudgets.googleapis.com/v1/billingAccounts/000000-000000-000000/budgets"))
        _ = try await client.get(url, api: .billingBudgets, transport: transport)
        let call = try #require(transport.requests.last)
        #expect(call.header("Authorization") == "Bearer ya29.user-token")
        #expect(call.header("x-goog-user-project") == "billing-project")
    }

    @Test func withoutAQuotaProjectNoHeaderIsSent() async throws {
        let transport = RecordingGCPTransport { request in
            request.url.path.hasSuffix("/token") ? .token("ya29.user-token") : .json(200, "{}")
        }
        let provider = try Self.provider(CredentialFiles.authorizedUser(quotaProject: nil))
        let client = GCPClient(collector: "gcp", tokens: provider, clock: ManualTimeSource(start: gcpTestNow), loginHint: "x")
        _ = try await client.get(try #require(URL(string: "https://monitoring.googleapis.com/v3/projects/p/timeSeries")), api: .monitoringTimeSeries, transport: transport)
        #expect(transport.requests.last?.header("x-goog-user-project") == nil)
    }

    @Test func anExpiredOrRevokedLoginAsksForGcloudLogin() async throws {
        let transport = RecordingGCPTransport { _ in
            .json(400, #"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#)
        }
        let error = await caughtError { try await Self.provider().token(at: gcpTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error?.hint == "run: gcloud auth application-default login")
        #expect(error?.detail == "oauth2 token: invalid_grant: Token has been expired or revoked.")
        #expect(error?.needsUserAction == true)
    }

    @Test func aDeletedOAuthClientAlsoAsksForALogin() async throws {
        let transport = RecordingGCPTransport { _ in .json(401, #"{"error":"invalid_client","error_description":"The OAuth client was deleted."}"#) }
        let error = await caughtError { try await Self.provider().token(at: gcpTestNow, transport: transport) } as? CollectorError
        #expect(error?.hint == "run: gcloud auth application-default login")
    }

    @Test func theFileIsReadAgainSoANewLoginReplacesARevokedOne() async throws {
        var files = GCPInMemoryFileReader([Self.path: CredentialFiles.authorizedUser(refreshToken: "1//old")])
        let old = try Self.provider(files: files)
        let transport = RecordingGCPTransport { _ in .token("ya29.t") }
        _ = try await old.token(at: gcpTestNow, transport: transport)
        files.files[Self.path] = CredentialFiles.authorizedUser(refreshToken: "1//new")
        let relogged = GCPAuthorizedUserProvider(login: old.login, rereadingFrom: files)
        _ = try await relogged.token(at: gcpTestNow, transport: transport)
        #expect(transport.requests.map { $0.formFields["refresh_token"] } == ["1//old", "1//new"])

        let gone = GCPAuthorizedUserProvider(login: old.login, rereadingFrom: GCPInMemoryFileReader([:]))
        let error = await caughtError { try await gone.token(at: gcpTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error?.hint == "run: gcloud auth application-default login")
    }

    @Test func theTokenEndpointOverrideIsUsed() async throws {
        let transport = RecordingGCPTransport { _ in .token("ya29.sim") }
        _ = try await Self.provider(override: "http://127.0.0.1:9000/token").token(at: gcpTestNow, transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:9000/token")
    }
}
