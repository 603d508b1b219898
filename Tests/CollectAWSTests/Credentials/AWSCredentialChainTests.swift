import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

@Suite struct AWSCredentialChainTests {
    static let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIDENVIRONMENT00001", "AWS_SECRET_ACCESS_KEY": "envSecret-SECRET", "AWS_SESSION_TOKEN": "env-token-SECRET"]

    static func homeWithKeys() -> TestHome {
        var home = TestHome()
        home.credentials = """
            [default]
            aws_access_key_id = AKIDDEFAULT000000001
            aws_secret_access_key = defaultSecret-SECRET
            [ml]
            aws_access_key_id = AKIDML00000000000001
            aws_secret_access_key = mlSecret-SECRET
            """
        return home
    }

    func resolved(_ chain: AWSCredentialChain) async throws -> AWSCredentials {
        try await chain.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing)
    }

    // MARK: Environment versus profile

    @Test func environmentKeysComeFirstWithoutAnExplicitProfile() async throws {
        let chain = try Self.homeWithKeys().chain(environment: Self.environmentKeys)
        #expect(chain.sourceDescription == "environment")
        let credentials = try await resolved(chain)
        #expect(credentials.accessKeyID == "AKIDENVIRONMENT00001")
        #expect(credentials.sessionToken == "env-token-SECRET")
    }

    @Test func awsProfileDoesNotOutrankEnvironmentKeys() async throws {
        var environment = Self.environmentKeys
        environment["AWS_PROFILE"] = "ml"
        let chain = try Self.homeWithKeys().chain(environment: environment)
        #expect(chain.sourceDescription == "environment")
        #expect(chain.profileName == "ml")
        #expect(!chain.isProfileExplicit)
    }

    @Test func explicitProfileSkipsEnvironmentKeys() async throws {
        let chain = try Self.homeWithKeys().chain(profile: "ml", environment: Self.environmentKeys)
        #expect(chain.sourceDescription == "profile ml (static keys)")
        #expect(try await resolved(chain).accessKeyID == "AKIDML00000000000001")
    }

    @Test func awsProfileSelectsTheProfile() async throws {
        let chain = try Self.homeWithKeys().chain(environment: ["AWS_PROFILE": "ml"])
        #expect(try await resolved(chain).accessKeyID == "AKIDML00000000000001")
        let fallback = try Self.homeWithKeys().chain()
        #expect(try await resolved(fallback).accessKeyID == "AKIDDEFAULT000000001")
    }

    @Test func missingNamedProfileIsMisconfigured() {
        #expect(throws: CollectorError.misconfigured("profile nope not found in /home/tester/.aws/config or /home/tester/.aws/credentials")) {
            try Self.homeWithKeys().chain(profile: "nope")
        }
        #expect(throws: CollectorError.misconfigured("profile nope (from AWS_PROFILE) not found in /home/tester/.aws/config or /home/tester/.aws/credentials")) {
            try Self.homeWithKeys().chain(environment: ["AWS_PROFILE": "nope"])
        }
    }

    @Test func regionComesFromTheEnvironmentThenTheProfile() throws {
        var home = Self.homeWithKeys()
        home.config = "[default]\nregion = eu-north-1"
        #expect(try home.chain().region == "eu-north-1")
        #expect(try home.chain(environment: ["AWS_DEFAULT_REGION": "ap-east-1"]).region == "ap-east-1")
        #expect(try home.chain(environment: ["AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "ap-east-1"]).region == "us-west-1")
        #expect(try TestHome().chain(environment: ["AWS_EC2_METADATA_DISABLED": "true"]).region == nil)
    }

    // MARK: Precedence inside a profile (botocore's order)

    @Test func assumeRoleBeatsEverythingElseInTheProfile() throws {
        var home = Self.homeWithKeys()
        home.config = """
            [profile ml]
            role_arn = arn:aws:iam::123456789012:role/ml
            source_profile = default
            sso_session = s
            credential_process = never-run
            """
        #expect(try home.chain(profile: "ml").sourceDescription == "profile ml (assume role via profile default)")
    }

    @Test func webIdentityInAProfileBeatsRoleArnAlone() throws {
        var home = TestHome()
        home.config = "[profile k8s]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = ~/token\nsource_profile = k8s"
        let chain = try home.chain(profile: "k8s")
        #expect(chain.sourceDescription == "profile k8s (web identity)")
        #expect((chain.provider as? AWSWebIdentityProvider)?.tokenFile == "/home/tester/token")
    }

    @Test func ssoBeatsStaticKeys() throws {
        var home = Self.homeWithKeys()
        home.config = "[profile ml]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r"
        #expect(try home.chain(profile: "ml").sourceDescription == "profile ml (SSO)")
    }

    @Test func credentialsFileKeysBeatCredentialProcessWhichBeatsConfigFileKeys() async throws {
        var home = Self.homeWithKeys()
        home.config = """
            [profile ml]
            credential_process = from-config
            [profile cfg]
            credential_process = print-creds
            aws_access_key_id = AKIDCONFIG0000000001
            aws_secret_access_key = configSecret
            [profile keys-only]
            aws_access_key_id = AKIDCONFIG0000000002
            aws_secret_access_key = configSecret
            """
        #expect(try home.chain(profile: "ml").sourceDescription == "profile ml (static keys)")

        let runner = FakeProcessRunner(output: AWSCredentialProcessProviderTests.output)
        let cfg = try home.chain(profile: "cfg", runner: runner)
        #expect(cfg.sourceDescription == "profile cfg (credential_process)")
        #expect(try await resolved(cfg).accessKeyID == "ASIAPROCESS000000001")
        #expect(runner.commands == ["print-creds"])

        #expect(try await resolved(home.chain(profile: "keys-only")).accessKeyID == "AKIDCONFIG0000000002")
    }

    // MARK: Assume role

    @Test func chainedRolesSignEachCallWithThePreviousAnswer() async throws {
        var home = TestHome()
        home.credentials = "[base]\naws_access_key_id = AKIDBASE000000000001\naws_secret_access_key = baseSecret"
        home.config = """
            [profile top]
            role_arn = arn:aws:iam::111111111111:role/top
            source_profile = middle
            role_session_name = bw
            external_id = ext-1
            duration_seconds = 3600
            region = eu-west-2
            [profile middle]
            role_arn = arn:aws:iam::222222222222:role/middle
            source_profile = base
            """
        let chain = try home.chain(profile: "top")
        #expect(chain.sourceDescription == "profile top (assume role via profile middle)")
        let transport = RecordingCredentialTransport { request in
            let role = request.formFields["RoleArn"] ?? ""
            return .text(200, STSSample.assumeRole(keyID: role.hasSuffix("middle") ? "ASIAMIDDLE0000000001" : "ASIATOP0000000000001"))
        }
        let credentials = try await chain.credentials(at: credentialTestNow, transport: transport)
        #expect(credentials.accessKeyID == "ASIATOP0000000000001")
        let requests = transport.requests
        #expect(requests.count == 2)
        #expect(requests[0].formFields["RoleArn"] == "arn:aws:iam::222222222222:role/middle")
        #expect(requests[0].header("Authorization")?.contains("Credential=AKIDBASE000000000001/20250301/eu-west-2/sts/aws4_request") == true)
        #expect(requests[1].formFields == [
            "Action": "AssumeRole", "Version": "2011-06-15", "RoleArn": "arn:aws:iam::111111111111:role/top",
            "RoleSessionName": "bw", "DurationSeconds": "3600", "ExternalId": "ext-1",
        ])
        #expect(requests[1].header("Authorization")?.contains("Credential=ASIAMIDDLE0000000001/20250301/eu-west-2/sts/aws4_request") == true)
        #expect(requests[1].url.host == "sts.eu-west-2.amazonaws.com")
    }

    @Test func sourceProfileWithKeysAndRoleUsesItsKeys() async throws {
        var home = TestHome()
        home.credentials = "[base]\naws_access_key_id = AKIDBASE000000000001\naws_secret_access_key = baseSecret"
        home.config = "[profile base]\nrole_arn = arn:aws:iam::1:role/ignored-as-source\nsource_profile = base\n[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = base"
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.assumeRole()) }
        _ = try await home.chain(profile: "top").credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.count == 1)
        #expect(transport.requests[0].header("Authorization")?.contains("Credential=AKIDBASE000000000001/") == true)

        // Named directly, the self-referencing profile assumes its role with its own keys.
        let selfReferencing = try home.chain(profile: "base")
        #expect(selfReferencing.sourceDescription == "profile base (assume role via profile base)")
    }

    @Test func credentialSourceEnvironmentSignsWithEnvironmentKeys() async throws {
        var home = TestHome()
        home.config = "[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\ncredential_source = Environment"
        let chain = try home.chain(profile: "ci", environment: Self.environmentKeys)
        #expect(chain.sourceDescription == "profile ci (assume role via environment)")
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.assumeRole()) }
        _ = try await chain.credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.header("Authorization")?.contains("Credential=AKIDENVIRONMENT00001/20250301/us-east-1/sts/aws4_request") == true)
    }

    @Test func stsEndpointOverrideReachesAssumeRole() async throws {
        var home = Self.homeWithKeys()
        home.config = "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = ml"
        let chain = try home.chain(profile: "r", environment: ["AWS_ENDPOINT_URL_STS": "http://localhost:4566"])
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.assumeRole()) }
        _ = try await chain.credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "http://localhost:4566/")
    }

    @Test(arguments: [
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a",
         "source_profile loop: a → b → a"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = a", "profile a is its own source_profile but has no keys"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = ghost", "source_profile ghost (of profile a) not found in /home/tester/.aws/config or /home/tester/.aws/credentials"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nregion = us-east-1", "source_profile b of profile a has no credentials"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a", "profile a has role_arn but neither source_profile nor credential_source"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\ncredential_source = Environment", "profile a sets both source_profile and credential_source; keep one"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Laptop", "profile a: credential_source must be Environment, Ec2InstanceMetadata or EcsContainer"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Environment\nmfa_serial = arn:aws:iam::1:mfa/me",
         "profile a: roles that need an MFA code (mfa_serial) are not supported; use a profile without mfa_serial or SSO"),
        ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Environment\nduration_seconds = 60", "profile a: duration_seconds must be a whole number from 900 to 43200"),
        ("[profile a]\nweb_identity_token_file = /t", "profile a has web_identity_token_file but no role_arn"),
        ("[profile a]\naws_access_key_id = AKIDHALF", "profile a in /home/tester/.aws/config has aws_access_key_id but no aws_secret_access_key"),
    ])
    func badProfilesAreMisconfigured(config: String, detail: String) {
        var home = TestHome()
        home.config = config
        #expect(throws: CollectorError.misconfigured(detail)) { try home.chain(profile: "a") }
    }

    // MARK: After the profile

    @Test func environmentWebIdentityWhenTheProfileHasNoCredentials() async throws {
        var home = TestHome()
        home.config = "[default]\nregion = ca-central-1"
        home.files["/var/run/token"] = "jwt"
        let chain = try home.chain(environment: [
            "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/irsa", "AWS_ROLE_SESSION_NAME": "pod",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x",
        ])
        #expect(chain.sourceDescription == "web identity (AWS_ROLE_ARN)")
        let transport = RecordingCredentialTransport { _ in .text(200, STSSample.webIdentity()) }
        _ = try await chain.credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.host == "sts.ca-central-1.amazonaws.com")
        #expect(transport.requests.first?.formFields["RoleSessionName"] == "pod")
        #expect(transport.requests.first?.header("Authorization") == nil)
    }

    @Test func containerThenInstanceMetadata() throws {
        let container = try TestHome().chain(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x"])
        #expect(container.sourceDescription == "container credentials")
        let imds = try TestHome().chain()
        #expect(imds.sourceDescription == "EC2 instance metadata")
        #expect(imds.provider is AWSInstanceMetadataProvider)
    }

    @Test func nothingFoundNamesEveryPlaceLooked() async throws {
        let chain = try TestHome().chain(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        #expect(chain.provider == nil)
        #expect(chain.sourceDescription == "no credentials")
        let error = await caughtError { try await resolved(chain) } as? CollectorError
        let places = "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY); /home/tester/.aws/credentials [default]; /home/tester/.aws/config [default]; "
            + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN); container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI); "
            + "EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"
        #expect(error == .noCredentials(hint: "run aws configure or aws sso login, or set AWS_PROFILE (looked in: \(places))", "no AWS credentials found; looked in: \(places)"))
    }

    @Test func unreachableInstanceMetadataBecomesTheChainsNoCredentials() async throws {
        let chain = try TestHome().chain(profile: nil, environment: ["AWS_CONFIG_FILE": "/etc/aws.conf"])
        let transport = RecordingCredentialTransport { _ in throw CollectorError.timeout() }
        let error = await caughtError { try await chain.credentials(at: credentialTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "no credentials")
        #expect(error?.detail.contains("/etc/aws.conf [default]") == true)
        #expect(error?.detail.hasSuffix("; EC2 instance metadata") == true)
        #expect(transport.requests.count == 1)
    }

    // MARK: Secrets

    @Test func noSecretAppearsInAnyError() async throws {
        let secrets = ["envSecret-SECRET", "env-token-SECRET", "defaultSecret-SECRET", "mlSecret-SECRET", "halfSecret-SECRET", "sso-access-token-SECRET", "jwt-SECRET", "container-SECRET"]
        var errors: [any Error] = []

        // A secret key without its id, and an id without its secret.
        errors.append(await caughtError { try await AWSEnvironmentCredentialProvider(environment: ["AWS_SECRET_ACCESS_KEY": "envSecret-SECRET"]).credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) }!)
        errors.append(await caughtError { try await AWSEnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SESSION_TOKEN": "env-token-SECRET"]).credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) }!)
        // A malformed line holding a secret, and a half-configured profile.
        var malformed = TestHome()
        malformed.credentials = "[default]\naws_secret_access_key: defaultSecret-SECRET"
        errors.append(await caughtError { try malformed.chain() }!)
        var half = TestHome()
        half.credentials = "[default]\naws_secret_access_key = halfSecret-SECRET\naws_access_key_id ="
        half.config = "[default]\naws_access_key_id = AKIDHALF"
        errors.append(await caughtError { try half.chain() }!)
        // STS refusing the source keys of a role.
        var role = Self.homeWithKeys()
        role.config = "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = ml"
        let refusing = RecordingCredentialTransport { _ in .text(403, STSSample.error(code: "InvalidClientTokenId", message: "The security token included in the request is invalid.")) }
        errors.append(await caughtError { try await role.chain(profile: "r").credentials(at: credentialTestNow, transport: refusing) }!)
        // An expired SSO login and a portal refusal.
        var sso = TestHome()
        sso.config = AWSSSOCredentialProviderTests.config
        sso.files[AWSSSOCredentialProviderTests.sessionCache] = AWSSSOCredentialProviderTests.token("2025-01-01T00:00:00Z")
        errors.append(await caughtError { try await sso.chain(profile: "ml-prod").credentials(at: credentialTestNow, transport: refusing) }!)
        sso.files[AWSSSOCredentialProviderTests.sessionCache] = AWSSSOCredentialProviderTests.token("2026-01-01T00:00:00Z")
        errors.append(await caughtError { try await sso.chain(profile: "ml-prod").credentials(at: credentialTestNow, transport: refusing) }!)
        // Web identity refused, container refused.
        var web = TestHome()
        web.files["/t"] = "jwt-SECRET"
        errors.append(await caughtError { try await web.chain(environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r"]).credentials(at: credentialTestNow, transport: refusing) }!)
        errors.append(await caughtError {
            try await TestHome().chain(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1/c", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-SECRET"])
                .credentials(at: credentialTestNow, transport: refusing)
        }!)

        #expect(errors.count == 9)
        for error in errors {
            let text = visibleText(error) + String(reflecting: error)
            for secret in secrets {
                #expect(!text.contains(secret), "\(secret) leaked in \(text)")
            }
        }
    }

    @Test func credentialsDescriptionHidesTheSecret() async throws {
        let credentials = try await resolved(Self.homeWithKeys().chain(profile: "ml"))
        #expect("\(credentials)" == "AWSCredentials(AKID…0001 from profile ml (static keys))")
    }
}
