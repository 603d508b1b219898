import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

@Suite struct AWSSSOCredentialProviderTests {
    /// sha1("my-sso"), computed separately with Python's hashlib.
    static let sessionCache = "/home/tester/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"
    /// sha1("https://d-92671207e4.awsapps.com/start"), likewise.
    static let legacyCache = "/home/tester/.aws/sso/cache/13f9d35043871d073ab260e020f0ffde092cb14b.json"

    static let config = """
        [profile ml-prod]
        sso_session = my-sso
        sso_account_id = 123456789012
        sso_role_name = ReadOnly
        region = eu-west-1

        [sso-session my-sso]
        sso_start_url = https://my-sso.awsapps.com/start
        sso_region = eu-central-1

        [default]
        sso_start_url = https://d-92671207e4.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 210987654321
        sso_role_name = Viewer
        """

    static func token(_ expiresAt: String) -> String {
        #"{"startUrl": "https://my-sso.awsapps.com/start", "region": "eu-central-1", "accessToken": "sso-access-token-SECRET", "expiresAt": "\#(expiresAt)"}"#
    }

    static let answer = #"{"roleCredentials": {"accessKeyId": "ASIASSOEXAMPLE000001", "secretAccessKey": "ssoSecret/EXAMPLE", "sessionToken": "sso-session-token", "expiration": 1740834000000}}"#

    func home(cache: String? = nil, legacy: String? = nil) -> TestHome {
        var home = TestHome()
        home.config = Self.config
        if let cache { home.files[Self.sessionCache] = cache }
        if let legacy { home.files[Self.legacyCache] = legacy }
        return home
    }

    @Test func sessionProfileExchangesTheCachedToken() async throws {
        let chain = try home(cache: Self.token("2025-03-01T20:00:00Z")).chain(profile: "ml-prod")
        #expect(chain.sourceDescription == "profile ml-prod (SSO)")
        #expect(chain.profileHint == "run: aws sso login --profile ml-prod")
        #expect(chain.region == "eu-west-1")
        let transport = RecordingCredentialTransport { _ in .text(200, Self.answer) }
        let credentials = try await chain.credentials(at: credentialTestNow, transport: transport)

        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?role_name=ReadOnly&account_id=123456789012")
        #expect(request.header("x-amz-sso_bearer_token") == "sso-access-token-SECRET")
        #expect(request.header("Authorization") == nil)
        #expect(credentials.accessKeyID == "ASIASSOEXAMPLE000001")
        #expect(credentials.secretAccessKey == "ssoSecret/EXAMPLE")
        #expect(credentials.sessionToken == "sso-session-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_740_834_000))
        #expect(credentials.source == "profile ml-prod (SSO)")
    }

    @Test func legacyProfileUsesTheStartURLForTheCacheName() async throws {
        let chain = try home(legacy: Self.token("2025-03-01T12:30:00UTC")).chain()
        #expect(chain.sourceDescription == "profile default (SSO)")
        let transport = RecordingCredentialTransport { _ in .text(200, Self.answer) }
        _ = try await chain.credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.host == "portal.sso.us-east-1.amazonaws.com")
        #expect(transport.requests.first?.url.query == "role_name=Viewer&account_id=210987654321")
    }

    @Test func expiredOrMissingLoginAsksForALoginNamingTheProfile() async throws {
        let expired = try home(cache: Self.token("2025-03-01T11:59:59Z")).chain(profile: "ml-prod")
        let error = await caughtError { try await expired.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error?.hint == "run: aws sso login --profile ml-prod")
        #expect(error.map { visibleText($0) }?.contains("sso-access-token-SECRET") == false)

        let missing = try home().chain()
        let missingError = await caughtError { try await missing.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) } as? CollectorError
        #expect(missingError?.hint == "run: aws sso login")
        #expect(missingError?.detail == "no SSO login cached for profile default (\(Self.legacyCache) does not exist)")

        let garbled = try home(cache: "{not json").chain(profile: "ml-prod")
        let garbledError = await caughtError { try await garbled.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) } as? CollectorError
        #expect(garbledError?.hint == "run: aws sso login --profile ml-prod")
    }

    @Test func portalRefusalAsksForALogin() async throws {
        let chain = try home(cache: Self.token("2025-03-01T20:00:00Z")).chain(profile: "ml-prod")
        let transport = RecordingCredentialTransport { _ in .text(401, #"{"message": "Session token not found or invalid"}"#) }
        let error = await caughtError { try await chain.credentials(at: credentialTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error?.hint == "run: aws sso login --profile ml-prod")
    }

    @Test func portalOverrideComesFromTheEnvironment() async throws {
        let chain = try home(cache: Self.token("2025-03-01T20:00:00Z"))
            .chain(profile: "ml-prod", environment: ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9000"])
        let transport = RecordingCredentialTransport { _ in .text(200, Self.answer) }
        _ = try await chain.credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:9000/federation/credentials?role_name=ReadOnly&account_id=123456789012")
    }

    @Test func incompleteSSOProfilesAreMisconfigured() {
        var broken = TestHome()
        broken.config = "[profile a]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = r"
        #expect(throws: CollectorError.misconfigured("profile a: sso_session nowhere has no [sso-session nowhere] in /home/tester/.aws/config")) {
            try broken.chain(profile: "a")
        }
        broken.config = "[profile b]\nsso_start_url = https://x\nsso_role_name = r"
        #expect(throws: CollectorError.misconfigured("profile b is an SSO profile but lacks sso_region, sso_account_id")) {
            try broken.chain(profile: "b")
        }
        broken.config = "[profile c]\nsso_session = s\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r\n[sso-session s]\nsso_start_url = https://x\nsso_region = eu-west-1"
        #expect(throws: CollectorError.misconfigured("profile c: sso_region differs from the one in [sso-session s]")) {
            try broken.chain(profile: "c")
        }
    }
}
