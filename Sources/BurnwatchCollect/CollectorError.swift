import BurnwatchCore
import Foundation

/// Why a collection round failed, in a form the scheduler can act on.
public struct CollectorError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case throttled(retryAfter: TimeInterval?)
        case unauthorized(hint: String)
        case noCredentials(hint: String)
        case unreachable
        case timeout
        case malformedResponse
        case misconfigured
        case serverError(status: Int)
    }

    private let code: Code
    /// Human detail, already free of secrets and control characters.
    public let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public static func throttled(retryAfter: TimeInterval?, _ detail: String = "throttled") -> CollectorError {
        CollectorError(.throttled(retryAfter: retryAfter), detail)
    }
    public static func unauthorized(hint: String, _ detail: String) -> CollectorError {
        CollectorError(.unauthorized(hint: hint), detail)
    }
    public static func noCredentials(hint: String, _ detail: String) -> CollectorError {
        CollectorError(.noCredentials(hint: hint), detail)
    }
    public static func unreachable(_ detail: String) -> CollectorError { CollectorError(.unreachable, detail) }
    public static func timeout(_ detail: String = "timed out") -> CollectorError { CollectorError(.timeout, detail) }
    public static func malformedResponse(_ detail: String) -> CollectorError { CollectorError(.malformedResponse, detail) }
    public static func misconfigured(_ detail: String) -> CollectorError { CollectorError(.misconfigured, detail) }
    public static func serverError(status: Int, _ detail: String) -> CollectorError {
        CollectorError(.serverError(status: status), detail)
    }

    /// The server asked us to wait this long (Retry-After and its provider variants).
    public var retryAfter: TimeInterval? {
        if case .throttled(let value) = code { return value }
        return nil
    }

    public var isThrottle: Bool {
        if case .throttled = code { return true }
        return false
    }

    /// Worth retrying within the same round: throttles, timeouts, 5xx, connection failures.
    public var isRetryable: Bool {
        switch code {
        case .throttled, .timeout, .unreachable, .serverError: true
        case .unauthorized, .noCredentials, .malformedResponse, .misconfigured: false
        }
    }

    public var isTimeout: Bool { code == .timeout }

    /// The fix to show the user, such as `aws sso login --profile X`.
    public var hint: String? {
        switch code {
        case .unauthorized(let hint), .noCredentials(let hint): hint
        default: nil
        }
    }

    public var kind: String {
        switch code {
        case .throttled: "throttled"
        case .unauthorized: "unauthorized"
        case .noCredentials: "no credentials"
        case .unreachable: "unreachable"
        case .timeout: "timeout"
        case .malformedResponse: "malformed response"
        case .misconfigured: "misconfigured"
        case .serverError(let status): "server error \(status)"
        }
    }

    public var description: String { "\(kind): \(detail)" }

    /// The health state this failure puts a collector in; `throttledUntil` is when polling resumes.
    public func collectorState(throttledUntil: Date) -> CollectorState {
        switch code {
        case .throttled: .throttled(until: throttledUntil)
        case .unauthorized(let hint): .authFailed(hint: hint)
        case .noCredentials(let hint): .noCredentials(hint: hint)
        case .unreachable, .timeout: .unreachable
        case .misconfigured: .misconfigured
        case .malformedResponse, .serverError: .failing
        }
    }

    /// Whether asking again can help only after the user acts (login, credentials, config).
    public var needsUserAction: Bool {
        switch code {
        case .unauthorized, .noCredentials, .misconfigured: true
        default: false
        }
    }

    /// Wraps an error that is not a `CollectorError` (a decoding error, say) for health and logs.
    static func unexpected(_ error: any Error) -> CollectorError {
        let text = Sanitizer.clean(String(describing: error))
        return .malformedResponse(text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }
}
