import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The ECS / EKS Pod Identity container endpoint:
/// `http://169.254.170.2{AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`, or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (EKS Pod Identity), with an `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every refresh; it rotates) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` when either is set.
///
/// A full URI must be HTTPS or point at a loopback or container-agent address, as in the SDKs,
/// so a stray variable cannot send the token to an arbitrary host in clear text.
public struct AWSContainerCredentialProvider: AWSCredentialProvider {
    public static let sourceDescription = "container credentials"
    static let relativeBase = "http://169.254.170.2"
    private static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost"]

    private let environment: [String: String]
    public let files: any AWSFileReader
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(environment: [String: String], files: any AWSFileReader = AWSDiskFileReader(), collector: CollectorID = "aws", timeout: TimeInterval = 2) {
        self.environment = environment
        self.files = files
        self.collector = collector
        self.timeout = timeout
    }

    /// Whether either URI variable is set.
    public static func isConfigured(in environment: [String: String]) -> Bool {
        AWSEnvironmentCredentialProvider.value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", in: environment) != nil
            || AWSEnvironmentCredentialProvider.value("AWS_CONTAINER_CREDENTIALS_FULL_URI", in: environment) != nil
    }

    /// The endpoint to call, checked.
    func endpoint() throws -> URL {
        if let relative = AWSEnvironmentCredentialProvider.value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", in: environment) {
            guard let url = URL(string: Self.relativeBase + (relative.hasPrefix("/") ? relative : "/" + relative)) else {
                throw CollectorError.misconfigured("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a URL path")
            }
            return url
        }
        guard let full = AWSEnvironmentCredentialProvider.value("AWS_CONTAINER_CREDENTIALS_FULL_URI", in: environment) else {
            throw CollectorError.noCredentials(
                hint: "set AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI", "not running in a container with credentials"
            )
        }
        guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw CollectorError.misconfigured("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        let allowed = scheme == "https" || (scheme == "http" && (host.hasPrefix("127.") || host == "::1" || host == "[::1]" || Self.allowedHTTPHosts.contains(host)))
        guard allowed else {
            throw CollectorError.misconfigured("AWS_CONTAINER_CREDENTIALS_FULL_URI must use https or a loopback or container-agent host")
        }
        return url
    }

    /// The `Authorization` value, if any (sent whichever URI is used, as botocore does).
    func authorization() throws -> String? {
        let token: String?
        if let path = AWSEnvironmentCredentialProvider.value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", in: environment) {
            guard let text = try files.text(ofFile: path) else {
                throw CollectorError.misconfigured("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: \(path) does not exist")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            token = AWSEnvironmentCredentialProvider.value("AWS_CONTAINER_AUTHORIZATION_TOKEN", in: environment)
        }
        guard let token, !token.isEmpty else { return nil }
        guard !token.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw CollectorError.misconfigured("the container authorization token is not a valid header value")
        }
        return token
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        var headers = [HTTPHeader("Accept", "application/json")]
        if let authorization = try authorization() { headers.append(HTTPHeader("Authorization", authorization)) }
        let request = HTTPRequest(method: "GET", url: try endpoint(), headers: headers, collector: collector, timeout: timeout)
        let response = try await transport.send(request)
        switch response.status {
        case 200..<300:
            return try AWSCredentialDocument.credentials(from: response.body, origin: "container credentials endpoint", source: Self.sourceDescription)
        case 401, 403:
            throw CollectorError.unauthorized(
                hint: "check AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)", "the container credentials endpoint refused the request (HTTP \(response.status))"
            )
        case 429:
            throw CollectorError.throttled(retryAfter: nil, "the container credentials endpoint is throttling")
        case 500...:
            throw CollectorError.serverError(status: response.status, "the container credentials endpoint failed (HTTP \(response.status))")
        default:
            throw CollectorError.misconfigured("the container credentials endpoint answered HTTP \(response.status)")
        }
    }
}
