import BurnwatchCollect
import BurnwatchCore
import Foundation

/// A file of `"type": "impersonated_service_account"`, as `gcloud auth application-default
/// login --impersonate-service-account=…` writes it: the `source_credentials` (a user login or a
/// key) get a token, which IAM Credentials exchanges for one of the target account.
public struct GCPImpersonatedServiceAccountProvider: GCPTokenProvider, CustomStringConvertible {
    public let source: any GCPTokenProvider
    public let impersonation: GCPServiceAccountImpersonation
    public let quotaProjectID: String?
    public let path: String
    /// The fix when the source login is refused (e.g. `run: gcloud auth application-default login`).
    public let loginHint: String
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(
        source: any GCPTokenProvider, impersonation: GCPServiceAccountImpersonation, quotaProjectID: String?, path: String,
        loginHint: String, collector: CollectorID = "gcp", timeout: TimeInterval = 10
    ) {
        self.source = source
        self.impersonation = impersonation
        self.quotaProjectID = quotaProjectID
        self.path = path
        self.loginHint = loginHint
        self.collector = collector
        self.timeout = timeout
    }

    public var sourceDescription: String { "service account \(impersonation.targetEmail ?? "(impersonated)") (impersonated)" }
    public var description: String { "GCPImpersonatedServiceAccountProvider(\(sourceDescription), \(path))" }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let sourceToken = try await source.token(at: now, transport: transport)
        return try await impersonation.token(
            using: sourceToken, at: now, origin: path, sourceDescription: sourceDescription, quotaProject: quotaProjectID.map { Sanitizer.clean($0) },
            refusalHint: loginHint, collector: collector, timeout: timeout, transport: transport
        )
    }
}
