import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

/// The chain against real files in a temporary home directory.
@Suite struct GCPCredentialChainTests {
    static func gcloudFile(_ home: String) -> String { "\(home)/.config/gcloud/application_default_credentials.json" }

    @Test func googleApplicationCredentialsComesBeforeTheGcloudLogin() async throws {
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.serviceAccount(), to: "\(home)/keys/reader.json")
            try write(CredentialFiles.authorizedUser(), to: Self.gcloudFile(home))
            let chain = try GCPCredentialChain(environment: ["GOOGLE_APPLICATION_CREDENTIALS": "\(home)/keys/reader.json"], homeDirectory: home)
            #expect(chain.sourceDescription == "service account reader@demo-project.iam.gserviceaccount.com")
            #expect(chain.projectID == "demo-project")
            #expect(chain.loginHint.contains("\(home)/keys/reader.json"))
            let transport = RecordingGCPTransport { _ in .token("ya29.sa") }
            #expect(try await chain.token(at: gcpTestNow, transport: transport).value == "ya29.sa")
            #expect(transport.requests.first?.formFields["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        }
    }

    @Test func theGcloudLoginIsUsedWhenTheVariableIsUnset() async throws {
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.authorizedUser(), to: Self.gcloudFile(home))
            let chain = try GCPCredentialChain(environment: [:], homeDirectory: home)
            #expect(chain.sourceDescription == "gcloud user login")
            #expect(chain.loginHint == "run: gcloud auth application-default login")
            #expect(chain.projectID == "billing-project")
            let transport = RecordingGCPTransport { _ in .token("ya29.user") }
            let token = try await chain.token(at: gcpTestNow, transport: transport)
            #expect(token.quotaProject == "billing-project")
            #expect(transport.requests.first?.formFields["grant_type"] == "refresh_token")
        }
    }

    @Test func cloudsdkConfigMovesGcloudsDirectory() async throws {
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.authorizedUser(quotaProject: "decoy"), to: Self.gcloudFile(home))
            try write(CredentialFiles.authorizedUser(quotaProject: "from-cloudsdk-config"), to: "\(home)/other-gcloud/application_default_credentials.json")
            let chain = try GCPCredentialChain(environment: ["CLOUDSDK_CONFIG": "\(home)/other-gcloud"], homeDirectory: home)
            #expect(chain.projectID == "from-cloudsdk-config")
            #expect(chain.searched.contains("\(home)/other-gcloud/application_default_credentials.json"))
        }
    }

    @Test func googleCloudProjectNamesTheProjectOverTheFile() async throws {
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.serviceAccount(), to: "\(home)/sa.json")
            let environment = ["GOOGLE_APPLICATION_CREDENTIALS": "\(home)/sa.json", "GOOGLE_CLOUD_PROJECT": "chosen-project"]
            #expect(try GCPCredentialChain(environment: environment, homeDirectory: home).projectID == "chosen-project")
        }
    }

    @Test func withNoFilesTheMetadataServerIsAsked() async throws {
        try await withTemporaryDirectory { home in
            let chain = try GCPCredentialChain(environment: [:], homeDirectory: home)
            #expect(chain.sourceDescription == "metadata server")
            let transport = RecordingGCPTransport { request in
                request.url.path.hasSuffix("project-id") ? HTTPResponse(status: 200, body: Array("vm-project".utf8)) : .token("ya29.vm")
            }
            #expect(try await chain.token(at: gcpTestNow, transport: transport).value == "ya29.vm")
            #expect(transport.requests.first?.header("Metadata-Flavor") == "Google")
            #expect(chain.projectID == nil)
            #expect(await chain.resolveProjectID(transport: transport) == "vm-project")
        }
    }

    @Test func nothingAnsweringListsEveryPlaceLookedAtButNoValues() async throws {
        try await withTemporaryDirectory { home in
            let chain = try GCPCredentialChain(environment: ["GCE_METADATA_HOST": "127.0.0.1:1", "GOOGLE_CLOUD_PROJECT": "p"], homeDirectory: home)
            let error = await caughtError { try await chain.token(at: gcpTestNow, transport: RecordingGCPTransport.refusing) } as? CollectorError
            #expect(error?.kind == "no credentials")
            #expect(error?.hint == "run: gcloud auth application-default login, or set GOOGLE_APPLICATION_CREDENTIALS to a key file")
            #expect(error?.detail == "no Google credentials found; looked in: GOOGLE_APPLICATION_CREDENTIALS (not set); \(Self.gcloudFile(home)); metadata server at 127.0.0.1:1")
        }
    }

    @Test func noGceCheckSkipsTheMetadataServer() async throws {
        try await withTemporaryDirectory { home in
            let chain = try GCPCredentialChain(environment: ["NO_GCE_CHECK": "True"], homeDirectory: home)
            let transport = RecordingGCPTransport.refusing
            let error = await caughtError { try await chain.token(at: gcpTestNow, transport: transport) } as? CollectorError
            #expect(error?.kind == "no credentials")
            #expect(error?.detail.contains("metadata server (skipped: NO_GCE_CHECK)") == true)
            #expect(transport.requests.isEmpty)
        }
    }

    @Test func aLoginMadeWhileRunningIsPickedUp() async throws {
        try await withTemporaryDirectory { home in
            let chain = try GCPCredentialChain(environment: ["NO_GCE_CHECK": "true"], homeDirectory: home)
            let transport = RecordingGCPTransport { _ in .token("ya29.late") }
            #expect(await caughtError { try await chain.token(at: gcpTestNow, transport: transport) } != nil)
            try write(CredentialFiles.authorizedUser(), to: Self.gcloudFile(home))
            let token = try await chain.token(at: gcpTestNow, transport: transport)
            #expect(token.value == "ya29.late")
            #expect(token.source == "gcloud user login")
        }
    }

    @Test func aVariableNamingNoFileIsAConfigurationError() async throws {
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.authorizedUser(), to: Self.gcloudFile(home))
            let error = caughtError { try GCPCredentialChain(environment: ["GOOGLE_APPLICATION_CREDENTIALS": "\(home)/missing.json"], homeDirectory: home) } as? CollectorError
            #expect(error?.kind == "misconfigured")
            #expect(error?.detail == "GOOGLE_APPLICATION_CREDENTIALS names \(home)/missing.json, which does not exist")
        }
    }

    @Test func malformedFilesNameTheFileAndTheField() async throws {
        let key = CredentialFiles.serviceAccount()
        let cases: [(String, String)] = [
            (key.replacingOccurrences(of: #""client_email""#, with: #""email""#), "service account key file lacks field client_email"),
            (key.replacingOccurrences(of: #""private_key":"#, with: #""privatekey":"#), "service account key file lacks field private_key"),
            (key.replacingOccurrences(of: #""project_id": "demo-project""#, with: #""project_id": 7"#), "field project_id must be a string"),
            (CredentialFiles.authorizedUser().replacingOccurrences(of: #""refresh_token""#, with: #""token""#), "authorized_user file lacks field refresh_token"),
            (#"{"type": "gdch_service_account"}"#, "credential type gdch_service_account is not supported"),
            (#"{"client_email": "x"}"#, "credential file lacks field type"),
            ("[1, 2]", "not a JSON object"),
            (String(key.prefix(200)), "not valid JSON"),
        ]
        try await withTemporaryDirectory { home in
            for (text, expected) in cases {
                try write(text, to: "\(home)/bad.json")
                let error = caughtError { try GCPCredentialChain(environment: ["GOOGLE_APPLICATION_CREDENTIALS": "\(home)/bad.json"], homeDirectory: home) } as? CollectorError
                #expect(error?.kind == "misconfigured", "\(expected)")
                #expect(error?.detail.contains("\(home)/bad.json") == true, "\(expected)")
                #expect(error?.detail.contains(expected) == true, "\(error.map(visibleText) ?? "no error"), expected \(expected)")
            }
        }
    }

    @Test func aBrokenKeyIsNamedButNeverEchoed() async throws {
        let secretBody = "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDSECRETSECRET"
        let pem = "-----BEGIN PRIVATE KEY-----\n\(secretBody)\n-----END PRIVATE KEY-----\n"
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.serviceAccount(privateKey: pem), to: "\(home)/sa.json")
            let error = caughtError { try GCPCredentialChain(environment: ["GOOGLE_APPLICATION_CREDENTIALS": "\(home)/sa.json"], homeDirectory: home) }
            let text = try #require(error.map(visibleText))
            #expect(text.contains("\(home)/sa.json: private_key is not an RSA private key"))
            #expect(!text.contains(secretBody))
        }
    }

    @Test func impersonatedServiceAccountFilesUseTheirSourceLogin() async throws {
        let url = "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/target@demo-project.iam.gserviceaccount.com:generateAccessToken"
        let text = """
        {"type": "impersonated_service_account", "service_account_impersonation_url": "\(url)", "delegates": [],
         "source_credentials": \(CredentialFiles.authorizedUser(quotaProject: nil))}
        """
        try await withTemporaryDirectory { home in
            try write(text, to: Self.gcloudFile(home))
            let chain = try GCPCredentialChain(environment: [:], homeDirectory: home)
            #expect(chain.sourceDescription == "service account target@demo-project.iam.gserviceaccount.com (impersonated) via gcloud user login")
            #expect(chain.loginHint == "run: gcloud auth application-default login")
            let transport = RecordingGCPTransport { request in
                request.url.host == "oauth2.googleapis.com"
                    ? .token("ya29.user")
                    : .json(200, #"{"accessToken":"ya29.target","expireTime":"2025-03-01T13:00:00Z"}"#)
            }
            let token = try await chain.token(at: gcpTestNow, transport: transport)
            #expect(token.value == "ya29.target")
            #expect(token.expiry == gcpTestNow.addingTimeInterval(3600))
            #expect(transport.requests.last?.header("Authorization") == "Bearer ya29.user")
        }
    }

    @Test func theTokenOverrideOfTheEndpointsReachesTheFileProviders() async throws {
        try await withTemporaryDirectory { home in
            try write(CredentialFiles.authorizedUser(), to: Self.gcloudFile(home))
            let chain = try GCPCredentialChain(
                environment: [:], homeDirectory: home, endpoints: .single(try #require(URL(string: "http://127.0.0.1:9000")))
            )
            let transport = RecordingGCPTransport { _ in .token("ya29.sim") }
            _ = try await chain.token(at: gcpTestNow, transport: transport)
            #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:9000/token")
        }
    }
}
