import BurnwatchCollect
import BurnwatchCore
import Foundation

/// One call to an OAuth 2.0 token endpoint (Google's `oauth2.googleapis.com/token`, the STS
/// `sts.googleapis.com/v1/token`): a form POST answered by `{access_token, expires_in, token_type}`.
///
/// Refusals (`invalid_grant`, `invalid_client`, `unauthorized_client`, `access_denied`, or any
/// 401/403) become `.unauthorized` with the fix the caller knows; the rest map as any Google
/// error does (throttles, outages, bad requests).
struct GCPTokenExchange {
    var url: URL
    var form: [(String, String)]
    var api: GCPAPI
    /// What to do when the endpoint refuses, e.g. `run: gcloud auth application-default login`.
    var refusalHint: String
    var collector: CollectorID
    var timeout: TimeInterval

    /// Google's OAuth error codes that mean "these credentials are no good", as opposed to a
    /// malformed request.
    static let refusals: Set<String> = ["invalid_grant", "invalid_client", "unauthorized_client", "access_denied"]

    /// The token and its lifetime in seconds.
    func send(transport: any Transport) async throws -> (value: String, lifetime: TimeInterval) {
        let body = form.map { "\(GCPEndpoints.encode($0.0))=\(GCPEndpoints.encode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded"), HTTPHeader("Accept", "application/json")],
            body: Array(body.utf8), collector: collector, timeout: timeout
        )
        let response = try await transport.send(request)
        guard (200..<300).contains(response.status) else {
            throw Self.failure(response, api: api, refusalHint: refusalHint)
        }
        return try GCPTokenAnswer.decode(response.body, call: api.name)
    }

    static func failure(_ response: HTTPResponse, api: GCPAPI, refusalHint: String) -> CollectorError {
        let error = GCPServiceError.decode(status: response.status, body: response.body, api: api)
        let refused = Self.refusals.contains(error.status) || response.status == 401 || response.status == 403
        if refused, !error.isThrottle {
            return .unauthorized(hint: refusalHint, "\(api.name): \(error.status)\(error.message.isEmpty ? "" : ": \(error.message)")")
        }
        return error.collectorError(retryAfter: response.header("Retry-After").flatMap(Double.init), loginHint: refusalHint)
    }
}
