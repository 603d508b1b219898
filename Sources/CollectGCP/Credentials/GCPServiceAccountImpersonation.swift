import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Service-account impersonation: IAM Credentials `generateAccessToken`, called with a source
/// token, answers a token of the target account. Used by external accounts with
/// `service_account_impersonation_url` and by `impersonated_service_account` files.
public struct GCPServiceAccountImpersonation: Sendable {
    /// `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/{email}:generateAccessToken`.
    public var url: String
    public var scopes: [String]
    public var delegates: [String]
    public var lifetime: TimeInterval

    public init(url: String, scopes: [String] = GCPOAuthScopes.burnwatch, delegates: [String] = [], lifetime: TimeInterval = 3600) {
        self.url = url
        self.scopes = scopes
        self.delegates = delegates
        self.lifetime = lifetime
    }

    /// The target account's e-mail, read from the URL (nil when it does not have the usual shape).
    public var targetEmail: String? {
        guard let start = url.range(of: "/serviceAccounts/") else { return nil }
        let tail = url[start.upperBound...]
        let email = tail.split(separator: ":", maxSplits: 1).first.map(String.init) ?? String(tail)
        let clean = Sanitizer.clean(email.removingPercentEncoding ?? email)
        return clean.isEmpty ? nil : clean
    }

    private struct Request: Encodable {
        var delegates: [String]?
        var lifetime: String
        var scope: [String]
    }

    private struct Answer: Decodable {
        var accessToken: String?
        var expireTime: String?
    }

    func token(
        using source: GCPAccessToken, at now: Date, origin: String, sourceDescription: String, quotaProject: String?,
        refusalHint: String, collector: CollectorID, timeout: TimeInterval, transport: any Transport
    ) async throws -> GCPAccessToken {
        guard let target = URL(string: url), target.scheme != nil else {
            throw CollectorError.misconfigured("\(origin): service_account_impersonation_url is not a URL")
        }
        let body = Request(delegates: delegates.isEmpty ? nil : delegates, lifetime: "\(Int(lifetime))s", scope: scopes)
        var headers = [
            HTTPHeader("Authorization", "Bearer \(source.value)"), HTTPHeader("Content-Type", "application/json"),
            HTTPHeader("Accept", "application/json"),
        ]
        if let project = source.quotaProject { headers.append(HTTPHeader("x-goog-user-project", project)) }
        let request = HTTPRequest(
            method: "POST", url: target, headers: headers, body: try GCPJSON.encode(body), collector: collector, timeout: timeout
        )
        let response = try await transport.send(request)
        guard (200..<300).contains(response.status) else {
            let error = GCPServiceError.decode(status: response.status, body: response.body, api: .impersonation)
            throw error.collectorError(retryAfter: response.header("Retry-After").flatMap(Double.init), loginHint: refusalHint)
        }
        let call = GCPAPI.impersonation.name
        let answer = try GCPJSON.decode(Answer.self, from: response.body, call: call)
        guard let token = answer.accessToken, !token.isEmpty else {
            throw CollectorError.malformedResponse("\(call): answer has no accessToken")
        }
        guard let text = answer.expireTime, let expiry = GCPTimestamp.parse(text) else {
            throw CollectorError.malformedResponse("\(call): expireTime is missing or not an RFC 3339 time")
        }
        return GCPAccessToken(value: token, expiry: expiry, source: sourceDescription, quotaProject: quotaProject)
    }
}
