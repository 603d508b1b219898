import BurnwatchCollect
import Foundation

/// A token provider that always answers the same token: for tests, and for tokens handed over
/// by another tool (`gcloud auth print-access-token`) for a short session.
public struct GCPStaticTokenProvider: GCPTokenProvider {
    public let accessToken: GCPAccessToken

    public init(_ value: String, source: String = "static token", quotaProject: String? = nil, expiry: Date = .distantFuture) {
        accessToken = GCPAccessToken(value: value, expiry: expiry, source: source, quotaProject: quotaProject)
    }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        guard accessToken.expiry > now else {
            throw CollectorError.unauthorized(hint: "run: gcloud auth application-default login", "the access token from \(accessToken.source) has expired")
        }
        return accessToken
    }
}
