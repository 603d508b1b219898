import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

@Suite struct AWSContainerAndInstanceMetadataTests {
    static let document = #"{"AccessKeyId": "ASIACONTAINER0000001", "SecretAccessKey": "containerSecret", "Token": "container-token", "Expiration": "2025-03-01T18:00:00Z"}"#

    @Test func relativeURIGoesToTheECSAgent() async throws {
        let provider = AWSContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"])
        let transport = RecordingCredentialTransport { _ in .text(200, Self.document) }
        let credentials = try await provider.credentials(at: credentialTestNow, transport: transport)
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "http://169.254.170.2/v2/credentials/abc")
        #expect(request.header("Authorization") == nil)
        #expect(credentials.accessKeyID == "ASIACONTAINER0000001")
        #expect(credentials.sessionToken == "container-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_740_852_000))
        #expect(credentials.source == "container credentials")
    }

    @Test func fullURIsendsTheTokenFromTheFileFirst() async throws {
        let environment = [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/secrets/pod-identity/token",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "from-variable",
        ]
        let files = AWSInMemoryFileReader(["/var/run/secrets/pod-identity/token": "from-file\n"])
        let transport = RecordingCredentialTransport { _ in .text(200, Self.document) }
        _ = try await AWSContainerCredentialProvider(environment: environment, files: files).credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "http://169.254.170.23/v1/credentials")
        #expect(transport.requests.first?.header("Authorization") == "from-file")

        var variableOnly = environment
        variableOnly["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = nil
        _ = try await AWSContainerCredentialProvider(environment: variableOnly).credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.last?.header("Authorization") == "from-variable")
    }

    @Test(arguments: [
        ("http://evil.example.com/creds", false),
        ("https://creds.example.com/creds", true),
        ("http://127.0.0.1:8080/creds", true),
        ("http://localhost/creds", true),
        ("http://[::1]/creds", true),
    ])
    func fullURIMustBeSafe(uri: String, allowed: Bool) async {
        let provider = AWSContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok-SECRET"])
        let transport = RecordingCredentialTransport { _ in .text(200, Self.document) }
        let error = await caughtError { try await provider.credentials(at: credentialTestNow, transport: transport) } as? CollectorError
        if allowed {
            #expect(error == nil)
        } else {
            #expect(error?.kind == "misconfigured")
            #expect(transport.requests.isEmpty)
        }
    }

    @Test func containerRefusalNeverShowsTheToken() async {
        let provider = AWSContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1/c", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok-SECRET"])
        let transport = RecordingCredentialTransport { _ in .text(403, "denied tok-SECRET") }
        let error = await caughtError { try await provider.credentials(at: credentialTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error.map { visibleText($0).contains("tok-SECRET") } == false)
    }

    static func metadataServer(roles: String = "ml-instance-role\n", document: String = #"{"Code": "Success", "LastUpdated": "2025-03-01T11:00:00Z", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS000000000001", "SecretAccessKey": "imdsSecret", "Token": "imds-token", "Expiration": "2025-03-01T18:00:00Z"}"#) -> RecordingCredentialTransport {
        RecordingCredentialTransport { request in
            let path = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
            switch (request.method, path) {
            case ("PUT", "/latest/api/token"):
                return .text(200, "imds-session-AQAEA")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return request.header("x-aws-ec2-metadata-token") == "imds-session-AQAEA" ? .text(200, roles) : .text(401, "")
            case ("GET", "/latest/meta-data/iam/security-credentials/ml-instance-role"):
                return request.header("x-aws-ec2-metadata-token") == "imds-session-AQAEA" ? .text(200, document) : .text(401, "")
            default:
                return .text(404, "")
            }
        }
    }

    @Test func imdsV2TokenThenRoleThenCredentials() async throws {
        let transport = Self.metadataServer()
        let credentials = try await AWSInstanceMetadataProvider(environment: [:]).credentials(at: credentialTestNow, transport: transport)
        let requests = transport.requests
        #expect(requests.map(\.method) == ["PUT", "GET", "GET"])
        #expect(requests.map(\.url.absoluteString) == [
            "http://169.254.169.254/latest/api/token",
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/ml-instance-role",
        ])
        #expect(requests[0].header("x-aws-ec2-metadata-token-ttl-seconds") == "21600")
        #expect(requests.allSatisfy { $0.timeout == 1 })
        #expect(credentials.accessKeyID == "ASIAIMDS000000000001")
        #expect(credentials.sessionToken == "imds-token")
        #expect(credentials.source == "EC2 instance metadata (role ml-instance-role)")
    }

    @Test func imdsEndpointOverrideAndIPv6Mode() async throws {
        let transport = Self.metadataServer()
        _ = try await AWSInstanceMetadataProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338/"])
            .credentials(at: credentialTestNow, transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:1338/latest/api/token")
        #expect(AWSInstanceMetadataProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"]).baseURL.absoluteString == "http://[fd00:ec2::254]")
    }

    @Test func imdsUnreachableMeansNoCredentials() async {
        let error = await caughtError {
            try await AWSInstanceMetadataProvider(environment: [:]).credentials(at: credentialTestNow, transport: RecordingCredentialTransport { _ in throw CollectorError.timeout() })
        } as? CollectorError
        #expect(error?.kind == "no credentials")
        #expect(error?.detail == "EC2 instance metadata at http://169.254.169.254 is not reachable")
    }

    @Test func imdsWithoutRoleOrFailingCode() async {
        let noRole = await caughtError {
            try await AWSInstanceMetadataProvider(environment: [:]).credentials(at: credentialTestNow, transport: Self.metadataServer(roles: ""))
        } as? CollectorError
        #expect(noRole?.detail == "no IAM role is attached to this EC2 instance")

        let failing = await caughtError {
            try await AWSInstanceMetadataProvider(environment: [:])
                .credentials(at: credentialTestNow, transport: Self.metadataServer(document: #"{"Code": "AssumeRoleUnauthorizedAccess"}"#))
        } as? CollectorError
        #expect(failing?.kind == "unauthorized")
    }

    @Test func imdsDisabledSendsNothing() async {
        let transport = RecordingCredentialTransport.refusing
        let error = await caughtError {
            try await AWSInstanceMetadataProvider(environment: ["AWS_EC2_METADATA_DISABLED": "TRUE"]).credentials(at: credentialTestNow, transport: transport)
        } as? CollectorError
        #expect(error?.kind == "no credentials")
        #expect(transport.requests.isEmpty)
    }
}
