import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

/// No secret (private key, refresh token, client secret, access token, subject token) in any
/// error, description or dump, whatever goes wrong.
@Suite struct GCPCredentialSecrecyTests {
    static let accessToken = "ya29.a0SECRET-ACCESS-TOKEN"
    static let subjectToken = "eyJSECRET-SUBJECT-TOKEN"

    /// The private key's base64 body lines; any of them showing would be a leak.
    static var privateKeyLines: [String] {
        TestKeys.serviceAccount.pkcs8PEMRepresentation.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") }
    }

    static var secrets: [String] {
        [CredentialFiles.refreshToken, CredentialFiles.clientSecret, accessToken, subjectToken] + privateKeyLines
    }

    static func expectNoSecret(in text: String, _ what: String) {
        for secret in secrets {
            #expect(!text.contains(secret), "\(what) shows a secret")
        }
    }

    /// Answers a server could give, some of them echoing what was sent.
    static let answers: [HTTPResponse] = [
        .json(400, #"{"error":"invalid_grant","error_description":"Bad Request"}"#),
        .json(401, #"{"error":{"code":401,"message":"unauthenticated","status":"UNAUTHENTICATED"}}"#),
        .json(403, #"{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}}"#),
        .json(200, #"{"token_type":"MAC","access_token":"\#(accessToken)"}"#),
        .json(200, #"{"access_token":"\#(accessToken)","expires_in":"soon"}"#),
        .json(200, #"{"accessToken":"\#(accessToken)","expireTime":"later"}"#),
        HTTPResponse(status: 500, body: Array("internal".utf8)),
        HTTPResponse(status: 200, body: Array("<html>".utf8)),
    ]

    @Test func failingProvidersNeverShowASecret() async throws {
        let home = "/home/tester"
        let gcloud = "\(home)/.config/gcloud/application_default_credentials.json"
        let external = """
        {"type": "external_account", "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q",
         "subject_token_type": "urn:ietf:params:oauth:token-type:jwt", "credential_source": {"file": "/t"},
         "service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/a@b.iam.gserviceaccount.com:generateAccessToken"}
        """
        let setups: [(String, [String: String], [String: String])] = [
            ("service account", ["GOOGLE_APPLICATION_CREDENTIALS": "/sa.json"], ["/sa.json": CredentialFiles.serviceAccount()]),
            ("user login", [:], [gcloud: CredentialFiles.authorizedUser()]),
            ("external account", ["GOOGLE_APPLICATION_CREDENTIALS": "/wif.json"], ["/wif.json": external, "/t": Self.subjectToken]),
            ("metadata server", [:], [:]),
        ]
        for (name, environment, files) in setups {
            let chain = try GCPCredentialChain(environment: environment, homeDirectory: home, files: GCPInMemoryFileReader(files))
            Self.expectNoSecret(in: String(describing: chain) + String(reflecting: chain), "\(name) chain")
            for answer in Self.answers {
                // External accounts: the STS call succeeds, so the answer reaches impersonation too.
                let transport = RecordingGCPTransport { request in
                    request.url.host == "sts.googleapis.com" ? .token("ya29.federated") : answer
                }
                if let error = await caughtError({ try await chain.token(at: gcpTestNow, transport: transport) }) {
                    Self.expectNoSecret(in: visibleText(error) + String(reflecting: error), "\(name) error for HTTP \(answer.status)")
                }
            }
        }
    }

    @Test func tokensKeysAndLoginsDescribeThemselvesWithoutSecrets() throws {
        let token = GCPAccessToken(value: Self.accessToken, expiry: gcpTestNow, source: "test")
        Self.expectNoSecret(in: String(describing: token) + String(reflecting: token), "an access token")

        let key = try GCPCredentialFile.parse(Array(CredentialFiles.serviceAccount().utf8), path: "/sa.json", homeDirectory: "/")
        let login = try GCPCredentialFile.parse(Array(CredentialFiles.authorizedUser().utf8), path: "/adc.json", homeDirectory: "/")
        for file in [key, login] {
            var text = ""
            dump(file, to: &text)
            Self.expectNoSecret(in: text + String(describing: file) + String(reflecting: file), "\(file)")
        }
        guard case .serviceAccount(let parsedKey) = key, case .authorizedUser(let parsedLogin) = login else {
            Issue.record("wrong kinds")
            return
        }
        for value in [String(describing: GCPServiceAccountProvider(key: parsedKey)), String(describing: GCPAuthorizedUserProvider(login: parsedLogin))] {
            Self.expectNoSecret(in: value, value)
        }
    }
}
