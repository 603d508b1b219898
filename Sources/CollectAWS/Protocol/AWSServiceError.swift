import BurnwatchCollect
import BurnwatchCore
import Foundation

/// An error answer from an AWS API, decoded from any of the protocols' error shapes.
public struct AWSServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    /// The bare error code (`ThrottlingException`, `AccessDeniedException`), without namespace.
    public var code: String
    public var message: String
    /// The operation that failed, e.g. `sagemaker:ListEndpoints`, for IAM hints.
    public var action: String

    public init(status: Int, code: String, message: String, action: String) {
        self.status = status
        self.code = code
        self.message = message
        self.action = action
    }

    public var description: String { "\(action): HTTP \(status) \(code): \(message)" }

    /// The codes botocore's standard retry mode treats as throttling.
    static let throttleCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
    ]

    static let badCredentialCodes: Set<String> = [
        "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
        "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken", "AuthFailure",
    ]

    static let expiredCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "RequestExpired"]

    static let skewCodes: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException"]

    public var isThrottle: Bool {
        Self.throttleCodes.contains(code) || status == 429
    }

    /// Whether the message says the signature was refused because of the time in it.
    public var isClockSkew: Bool {
        code == "RequestTimeTooSkewed"
            || (Self.skewCodes.contains(code) && (message.contains("Signature expired") || message.contains("time")))
    }

    /// The error as the scheduler acts on it. `retryAfter` comes from `x-amz-retry-after` (ms).
    public func collectorError(retryAfter: TimeInterval?, profileHint: String) -> CollectorError {
        let text = Sanitizer.clean("\(action): \(code)\(message.isEmpty ? "" : ": \(message)")")
        let detail = text.count > 240 ? String(text.prefix(240)) + "…" : text
        if isThrottle {
            return .throttled(retryAfter: retryAfter, "throttled by \(action) (\(code))")
        }
        if Self.accessDeniedCodes.contains(code) || (status == 403 && !Self.badCredentialCodes.contains(code) && !Self.expiredCodes.contains(code)) {
            return .unauthorized(hint: "grant IAM action \(action) (read-only) to the identity in use", detail)
        }
        if Self.expiredCodes.contains(code) {
            return .unauthorized(hint: "credentials expired: \(profileHint)", detail)
        }
        if Self.badCredentialCodes.contains(code) {
            return .unauthorized(hint: "credentials refused: \(profileHint)", detail)
        }
        if status >= 500 {
            return .serverError(status: status, detail)
        }
        return .misconfigured(detail)
    }

    /// Decodes an error answer from its body and headers, whatever protocol produced it:
    /// JSON `{"__type": "ns#Code", "message": …}` (also `code`/`Message`), the query-compatible
    /// `x-amzn-query-error` header, `x-amzn-ErrorType`, or the XML `<Error><Code>` shape.
    public static func decode(status: Int, headers: [HTTPHeader], body: [UInt8], action: String) -> AWSServiceError {
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value
        }
        var code: String?
        var message = ""
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            code = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
            message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
        } else if let xml = String(bytes: body, encoding: .utf8), xml.contains("<Code>") {
            code = between(xml, "<Code>", "</Code>")
            message = between(xml, "<Message>", "</Message>") ?? ""
        }
        if let queryError = header("x-amzn-query-error"), let legacy = queryError.split(separator: ";").first {
            code = String(legacy)
        }
        if code == nil, let type = header("x-amzn-errortype") {
            code = String(type.split(separator: ":").first ?? Substring(type))
        }
        var bare = code ?? (status == 429 ? "TooManyRequestsException" : "HTTP\(status)")
        if let hash = bare.lastIndex(of: "#") { bare = String(bare[bare.index(after: hash)...]) }
        if let colon = bare.firstIndex(of: ":") { bare = String(bare[..<colon]) }
        return AWSServiceError(status: status, code: bare, message: Sanitizer.clean(message), action: action)
    }

    private static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
