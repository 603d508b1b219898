import BurnwatchCollect
import BurnwatchCore
import Foundation

/// EC2 instance metadata, IMDSv2 only: `PUT /latest/api/token` (TTL 21600 s), then the role name
/// from `/latest/meta-data/iam/security-credentials/` and its credentials from `…/{role}`, each
/// with the token. Timeouts are short (1 s) so a laptop without IMDS gives up at once.
///
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves the base URL (and `…_ENDPOINT_MODE=IPv6` selects
/// `[fd00:ec2::254]`); `AWS_EC2_METADATA_DISABLED=true` turns the source off.
public struct AWSInstanceMetadataProvider: AWSCredentialProvider {
    public static let tokenTTLSeconds = 21600
    public let baseURL: URL
    public let isDisabled: Bool
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(environment: [String: String], collector: CollectorID = "aws", timeout: TimeInterval = 1) {
        self.baseURL = Self.baseURL(environment: environment)
        self.isDisabled = Self.isDisabled(in: environment)
        self.collector = collector
        self.timeout = timeout
    }

    public static func isDisabled(in environment: [String: String]) -> Bool {
        AWSEnvironmentCredentialProvider.value("AWS_EC2_METADATA_DISABLED", in: environment)?.lowercased() == "true"
    }

    static func baseURL(environment: [String: String]) -> URL {
        if let value = AWSEnvironmentCredentialProvider.value("AWS_EC2_METADATA_SERVICE_ENDPOINT", in: environment),
           let url = URL(string: value.hasSuffix("/") ? String(value.dropLast()) : value) {
            return url
        }
        if AWSEnvironmentCredentialProvider.value("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", in: environment)?.lowercased() == "ipv6" {
            return URL(string: "http://[fd00:ec2::254]")!
        }
        return URL(string: "http://169.254.169.254")!
    }

    public var sourceDescription: String { "EC2 instance metadata" }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        guard !isDisabled else {
            throw CollectorError.noCredentials(hint: "unset AWS_EC2_METADATA_DISABLED on EC2", "EC2 instance metadata is disabled (AWS_EC2_METADATA_DISABLED)")
        }
        let token = try await fetchToken(transport: transport)
        let listing = try await get("/latest/meta-data/iam/security-credentials/", token: token, transport: transport)
        guard listing.status == 200,
              let role = String(bytes: listing.body, encoding: .utf8)?.split(whereSeparator: \.isNewline).first
                .map({ String($0).trimmingCharacters(in: .whitespaces) }), !role.isEmpty
        else {
            throw CollectorError.noCredentials(hint: "attach an IAM role to this EC2 instance", "no IAM role is attached to this EC2 instance")
        }
        let answer = try await get("/latest/meta-data/iam/security-credentials/" + SigV4Encoding.encode(role), token: token, transport: transport)
        guard answer.status == 200 else {
            throw CollectorError.serverError(status: answer.status, "EC2 instance metadata answered HTTP \(answer.status) for the role credentials")
        }
        return try AWSCredentialDocument.credentials(
            from: answer.body, origin: "EC2 instance metadata", source: "\(sourceDescription) (role \(Sanitizer.clean(role)))"
        )
    }

    private func fetchToken(transport: any Transport) async throws -> String {
        let request = HTTPRequest(
            method: "PUT", url: AWSClient.join(baseURL, path: "/latest/api/token", query: []),
            headers: [HTTPHeader("x-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenTTLSeconds))], collector: collector, timeout: timeout
        )
        let response = try await reach(request, transport: transport)
        guard response.status == 200, let token = String(bytes: response.body, encoding: .utf8), !token.isEmpty else {
            throw CollectorError.noCredentials(
                hint: "enable IMDSv2 on this instance or configure other credentials",
                "EC2 instance metadata refused a session token (HTTP \(response.status))"
            )
        }
        return token.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func get(_ path: String, token: String, transport: any Transport) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: "GET", url: AWSClient.join(baseURL, path: path, query: []),
            headers: [HTTPHeader("x-aws-ec2-metadata-token", token)], collector: collector, timeout: timeout
        )
        return try await reach(request, transport: transport)
    }

    /// An unreachable metadata service means "not on EC2": no credentials here, not an outage.
    private func reach(_ request: HTTPRequest, transport: any Transport) async throws -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch let error as CollectorError where error.isTimeout || error.kind == "unreachable" {
            throw CollectorError.noCredentials(
                hint: "not on EC2: configure a profile or environment credentials", "EC2 instance metadata at \(baseURL.absoluteString) is not reachable"
            )
        }
    }
}
