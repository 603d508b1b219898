/// Why the simulator refused a request's signature, with the error code and message AWS uses.
public struct AWSSignatureFailure: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case missingAuthentication
        case malformedAuthorization(String)
        case unknownAccessKey
        case badSessionToken
        case expired(String)
        case notYetCurrent(String)
        case mismatch
        case wrongScope(String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    static let missingAuthentication = AWSSignatureFailure(.missingAuthentication)
    static func malformedAuthorization(_ detail: String) -> AWSSignatureFailure { AWSSignatureFailure(.malformedAuthorization(detail)) }
    static let unknownAccessKey = AWSSignatureFailure(.unknownAccessKey)
    static let badSessionToken = AWSSignatureFailure(.badSessionToken)
    static func expired(_ message: String) -> AWSSignatureFailure { AWSSignatureFailure(.expired(message)) }
    static func notYetCurrent(_ message: String) -> AWSSignatureFailure { AWSSignatureFailure(.notYetCurrent(message)) }
    static let mismatch = AWSSignatureFailure(.mismatch)
    static func wrongScope(_ message: String) -> AWSSignatureFailure { AWSSignatureFailure(.wrongScope(message)) }

    /// The error code of the JSON protocols (`__type`, `x-amzn-ErrorType`).
    public var code: String {
        switch reason {
        case .missingAuthentication: "MissingAuthenticationTokenException"
        case .malformedAuthorization: "IncompleteSignatureException"
        case .unknownAccessKey, .badSessionToken: "UnrecognizedClientException"
        case .expired, .notYetCurrent, .mismatch, .wrongScope: "InvalidSignatureException"
        }
    }

    /// The error code of the query protocol (STS, CloudWatch's `x-amzn-query-error`).
    public var queryCode: String {
        switch reason {
        case .missingAuthentication: "MissingAuthenticationToken"
        case .malformedAuthorization: "IncompleteSignature"
        case .unknownAccessKey, .badSessionToken: "InvalidClientTokenId"
        case .expired, .notYetCurrent, .mismatch, .wrongScope: "SignatureDoesNotMatch"
        }
    }

    public var message: String {
        switch reason {
        case .missingAuthentication: "Missing Authentication Token"
        case .malformedAuthorization(let detail): detail
        case .unknownAccessKey, .badSessionToken: "The security token included in the request is invalid."
        case .expired(let message), .notYetCurrent(let message), .wrongScope(let message): message
        case .mismatch:
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                + "Access Key and signing method. Consult the service documentation for details."
        }
    }

    /// Whether the failure is about the clock rather than the key or the signature.
    public var isClockSkew: Bool {
        switch reason {
        case .expired, .notYetCurrent: true
        default: false
        }
    }

    public var description: String { "\(code): \(message)" }
}
