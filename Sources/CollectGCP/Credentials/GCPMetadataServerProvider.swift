import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The metadata server of GCE, GKE, Cloud Run and the like: the token of the attached service
/// account, `GET /computeMetadata/v1/instance/service-accounts/default/token` with the header
/// `Metadata-Flavor: Google` (which the server requires, and a browser cannot send).
///
/// The host is `metadata.google.internal` unless `GCE_METADATA_HOST` names another (`host[:port]`,
/// as google-auth reads it). Timeouts are short (1 s) so a laptop gives up at once: a server that
/// cannot be reached means "not on Google Cloud", that is `.noCredentials`, not an outage.
/// No `scopes` are requested: the scopes of the instance (or the Workload Identity binding) apply.
public struct GCPMetadataServerProvider: GCPTokenProvider {
    public static let defaultHost = "metadata.google.internal"
    public static let tokenPath = "/computeMetadata/v1/instance/service-accounts/default/token"
    public static let projectIDPath = "/computeMetadata/v1/project/project-id"

    public let baseURL: URL
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(environment: [String: String], collector: CollectorID = "gcp", timeout: TimeInterval = 1) {
        self.baseURL = Self.baseURL(environment: environment)
        self.collector = collector
        self.timeout = timeout
    }

    static func baseURL(environment: [String: String]) -> URL {
        if let host = environment["GCE_METADATA_HOST"]?.trimmingCharacters(in: .whitespaces), !host.isEmpty {
            let text = host.contains("://") ? host : "http://" + host
            if let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), url.host != nil { return url }
        }
        return URL(string: "http://\(defaultHost)")!
    }

    public var sourceDescription: String { "metadata server" }
    public static let loginHint = "check the service account attached to this instance (or its Workload Identity binding)"

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let response = try await get(Self.tokenPath, transport: transport)
        switch response.status {
        case 200..<300:
            let answer = try GCPTokenAnswer.decode(response.body, call: "metadata server token")
            return GCPAccessToken(value: answer.value, expiry: now.addingTimeInterval(answer.lifetime), source: sourceDescription)
        case 404:
            throw CollectorError.noCredentials(
                hint: Self.loginHint, "the metadata server at \(host) has no default service account"
            )
        case 401, 403:
            throw CollectorError.unauthorized(hint: Self.loginHint, "the metadata server at \(host) refused a token (HTTP \(response.status))")
        default:
            throw CollectorError.serverError(status: response.status, "the metadata server at \(host) answered HTTP \(response.status) for a token")
        }
    }

    /// The project the instance runs in, or nil when the server does not say.
    public func projectID(transport: any Transport) async throws -> String? {
        let response = try await get(Self.projectIDPath, transport: transport)
        guard response.status == 200, let text = String(bytes: response.body, encoding: .utf8) else { return nil }
        let project = Sanitizer.clean(text.trimmingCharacters(in: .whitespacesAndNewlines))
        return project.isEmpty ? nil : project
    }

    var host: String { baseURL.host.map { host in baseURL.port.map { "\(host):\($0)" } ?? host } ?? baseURL.absoluteString }

    private func get(_ path: String, transport: any Transport) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method: "GET", url: URL(string: baseURL.absoluteString + path) ?? baseURL,
            headers: [HTTPHeader("Metadata-Flavor", "Google")], collector: collector, timeout: timeout
        )
        do {
            return try await transport.send(request)
        } catch let error as CollectorError where error.isTimeout || error.kind == "unreachable" {
            throw CollectorError.noCredentials(
                hint: "not on Google Cloud: \(GCPCredentialChain.setupHint)", "the metadata server at \(host) is not reachable"
            )
        }
    }
}
