import BurnwatchCollect
import BurnwatchCore
import Foundation

/// An error answer from a Google API: the `google.rpc.Status` JSON (`{"error": {code, message,
/// status, details[]}}`), or a bare HTTP status when the body is something else.
public struct GCPServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var httpStatus: Int
    /// The canonical status: `RESOURCE_EXHAUSTED`, `PERMISSION_DENIED`, `UNAUTHENTICATED`, …
    public var status: String
    public var message: String
    /// `ErrorInfo.reason`, e.g. `RATE_LIMIT_EXCEEDED`, `SERVICE_DISABLED`, `IAM_PERMISSION_DENIED`.
    public var reason: String?
    /// The permission named in `ErrorInfo.metadata.permission`, when Google says which.
    public var permission: String?
    /// The API and call, e.g. `monitoring timeSeries.list`.
    public var api: GCPAPI

    public var description: String { "\(api.name): HTTP \(httpStatus) \(status): \(message)" }

    public static func decode(status httpStatus: Int, body: [UInt8], api: GCPAPI) -> GCPServiceError {
        var status = Self.canonical(httpStatus)
        var message = ""
        var reason: String?
        var permission: String?
        if let root = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
           let error = root["error"] as? [String: Any] {
            status = (error["status"] as? String) ?? status
            message = (error["message"] as? String) ?? ""
            for detail in error["details"] as? [[String: Any]] ?? [] {
                if let value = detail["reason"] as? String { reason = reason ?? value }
                if let metadata = detail["metadata"] as? [String: Any], let value = metadata["permission"] as? String {
                    permission = permission ?? value
                }
            }
        } else if let root = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let error = root["error"] as? String {
            // The OAuth token endpoint answers `{"error": "invalid_grant", "error_description": …}`.
            status = error
            message = (root["error_description"] as? String) ?? ""
        }
        let clean = Sanitizer.clean(message)
        return GCPServiceError(
            httpStatus: httpStatus, status: status, message: clean.count > 240 ? String(clean.prefix(240)) + "…" : clean,
            reason: reason.map { Sanitizer.clean($0) }, permission: permission.map { Sanitizer.clean($0) }, api: api
        )
    }

    static func canonical(_ httpStatus: Int) -> String {
        switch httpStatus {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 429: "RESOURCE_EXHAUSTED"
        case 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        default: httpStatus >= 500 ? "INTERNAL" : "HTTP\(httpStatus)"
        }
    }

    public var isThrottle: Bool { httpStatus == 429 || status == "RESOURCE_EXHAUSTED" }

    /// The error as the scheduler acts on it.
    public func collectorError(retryAfter: TimeInterval?, loginHint: String) -> CollectorError {
        let detail = "\(api.name): \(status)\(message.isEmpty ? "" : ": \(message)")"
        if isThrottle { return .throttled(retryAfter: retryAfter, "throttled by \(api.name) (\(status))") }
        if httpStatus == 503 || status == "UNAVAILABLE" {
            return .throttled(retryAfter: retryAfter, "\(api.name) unavailable (503)")
        }
        if httpStatus == 401 || status == "UNAUTHENTICATED" || status == "invalid_grant" {
            return .unauthorized(hint: loginHint, detail)
        }
        if httpStatus == 403 || status == "PERMISSION_DENIED" {
            if reason == "SERVICE_DISABLED" || message.contains("has not been used") || message.contains("is disabled") {
                return .misconfigured("\(detail) (enable \(api.service) in the project)")
            }
            let what = permission.map { "permission \($0) (role \(api.role))" } ?? "role \(api.role)"
            return .unauthorized(hint: "grant \(what) to the identity in use", detail)
        }
        if httpStatus >= 500 { return .serverError(status: httpStatus, detail) }
        return .misconfigured(detail)
    }
}

/// Which Google API a call goes to: for error text and for the role a denial asks for.
public struct GCPAPI: Sendable, Hashable {
    /// e.g. `monitoring timeSeries.list`.
    public var name: String
    /// The service to enable, e.g. `monitoring.googleapis.com`.
    public var service: String
    /// The read-only role that allows the call.
    public var role: String

    public init(name: String, service: String, role: String) {
        self.name = name
        self.service = service
        self.role = role
    }

    public static let vertexEndpoints = GCPAPI(name: "aiplatform endpoints.list", service: "aiplatform.googleapis.com", role: "roles/aiplatform.viewer")
    public static let monitoringTimeSeries = GCPAPI(name: "monitoring timeSeries.list", service: "monitoring.googleapis.com", role: "roles/monitoring.viewer")
    public static let bigQueryJobs = GCPAPI(
        name: "bigquery jobs.query", service: "bigquery.googleapis.com",
        role: "roles/bigquery.jobUser on the project and roles/bigquery.dataViewer on the export dataset"
    )
    public static let billingBudgets = GCPAPI(name: "billingbudgets budgets.list", service: "billingbudgets.googleapis.com", role: "roles/billing.viewer")
    public static let oauthToken = GCPAPI(name: "oauth2 token", service: "oauth2.googleapis.com", role: "—")
}
