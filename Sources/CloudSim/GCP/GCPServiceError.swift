/// An error answer of a simulated Google API: the `google.rpc.Status` JSON form
/// `{"error":{"code","message","status","details"}}`, plus, for BigQuery, the legacy `errors` list
/// (`{message, domain, reason, location?}`) that API still sends beside it.
struct GCPServiceError: Error, Sendable {
    var httpStatus: Int
    /// The canonical code name (`INVALID_ARGUMENT`, `UNAUTHENTICATED`, …).
    var status: String
    var message: String
    /// `google.rpc` detail messages, each with its `@type`.
    var details: [AWSJSONValue] = []
    /// BigQuery's `errors[]` entries: reason and location.
    var legacyReason: String?
    var legacyLocation: String?

    var body: AWSJSONValue {
        var members: [(String, AWSJSONValue)] = [("code", .number(Double(httpStatus))), ("message", .string(message))]
        if let legacyReason {
            var entry: [(String, AWSJSONValue)] = [("message", .string(message)), ("domain", "global"), ("reason", .string(legacyReason))]
            if let legacyLocation {
                entry.append(("location", .string(legacyLocation)))
                entry.append(("locationType", "other"))
            }
            members.append(("errors", .array([.object(entry)])))
        }
        members.append(("status", .string(status)))
        if !details.isEmpty { members.append(("details", .array(details))) }
        return ["error": .object(members)]
    }

    /// A `google.rpc.ErrorInfo` detail.
    static func errorInfo(reason: String, domain: String = "googleapis.com", metadata: [(String, String)] = []) -> AWSJSONValue {
        var members: [(String, AWSJSONValue)] = [
            ("@type", "type.googleapis.com/google.rpc.ErrorInfo"), ("reason", .string(reason)), ("domain", .string(domain)),
        ]
        if !metadata.isEmpty { members.append(("metadata", .object(metadata.map { ($0.0, .string($0.1)) }))) }
        return .object(members)
    }

    static func invalidArgument(_ message: String) -> GCPServiceError {
        GCPServiceError(httpStatus: 400, status: "INVALID_ARGUMENT", message: message)
    }

    static func notFound(_ message: String) -> GCPServiceError {
        GCPServiceError(httpStatus: 404, status: "NOT_FOUND", message: message)
    }

    static func permissionDenied(_ message: String, reason: String = "IAM_PERMISSION_DENIED", metadata: [(String, String)] = [])
        -> GCPServiceError
    {
        GCPServiceError(
            httpStatus: 403, status: "PERMISSION_DENIED", message: message,
            details: [errorInfo(reason: reason, domain: reason == "IAM_PERMISSION_DENIED" ? "iam.googleapis.com" : "googleapis.com", metadata: metadata)]
        )
    }

    /// The text Google sends with every 401.
    static let credentialsHint =
        "Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."

    static func unauthenticated(reason: String, service: String, method: String) -> GCPServiceError {
        let lead = reason == "CREDENTIALS_MISSING"
            ? "Request is missing required authentication credential."
            : "Request had invalid authentication credentials."
        return GCPServiceError(
            httpStatus: 401, status: "UNAUTHENTICATED", message: "\(lead) \(credentialsHint)",
            details: [errorInfo(reason: reason, metadata: [("service", service), ("method", method)])]
        )
    }

    static func scopeInsufficient(service: String, method: String) -> GCPServiceError {
        GCPServiceError(
            httpStatus: 403, status: "PERMISSION_DENIED", message: "Request had insufficient authentication scopes.",
            details: [errorInfo(reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", metadata: [("service", service), ("method", method)])]
        )
    }

    /// A quota error as Cloud Monitoring words it (the limit names of its query quota).
    static func quotaExceeded(service: String) -> GCPServiceError {
        GCPServiceError(
            httpStatus: 429, status: "RESOURCE_EXHAUSTED",
            message: "Quota exceeded for quota metric 'Time series queries' and limit 'Time series queries per minute' of service '\(service)'.",
            details: [
                errorInfo(
                    reason: "RATE_LIMIT_EXCEEDED",
                    metadata: [
                        ("service", service), ("quota_metric", "\(service)/query_requests"),
                        ("quota_limit", "QueryRequestsPerMinutePerProject"), ("quota_limit_value", "6000"),
                    ]
                )
            ]
        )
    }

    static func unavailable() -> GCPServiceError {
        GCPServiceError(httpStatus: 503, status: "UNAVAILABLE", message: "The service is currently unavailable.")
    }

    static func internalError(_ message: String = "Internal error encountered.") -> GCPServiceError {
        GCPServiceError(httpStatus: 500, status: "INTERNAL", message: message)
    }

    /// A BigQuery error: status plus the legacy reason (`invalidQuery`, `notFound`, `invalid`).
    static func bigQuery(_ httpStatus: Int, _ status: String, reason: String, _ message: String, location: String? = nil)
        -> GCPServiceError
    {
        GCPServiceError(httpStatus: httpStatus, status: status, message: message, legacyReason: reason, legacyLocation: location)
    }
}
