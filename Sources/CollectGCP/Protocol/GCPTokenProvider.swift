import BurnwatchCollect
import Foundation

/// A source of access tokens: a service-account key, a gcloud user login, an external account
/// or the metadata server. Providers that need the network get the collector's transport, so
/// every call is counted and can be served by the simulator in tests.
///
/// Errors are `CollectorError`s: `.noCredentials(hint:)` when nothing is configured,
/// `.unauthorized(hint:)` when a login expired or was revoked (with the exact command to fix it).
public protocol GCPTokenProvider: Sendable {
    func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken
}
