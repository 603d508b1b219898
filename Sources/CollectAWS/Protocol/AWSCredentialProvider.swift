import BurnwatchCollect
import Foundation

/// A source of AWS credentials: the environment, a profile, STS, SSO, a process, the container
/// endpoint or IMDS. Providers that need the network get the collector's transport, so every call
/// is counted and can be served by the simulator in tests.
///
/// Errors are `CollectorError`s: `.noCredentials(hint:)` when this source has nothing to offer,
/// `.unauthorized(hint:)` when it has something that no longer works (an expired SSO login).
public protocol AWSCredentialProvider: Sendable {
    func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials
}
