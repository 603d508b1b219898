/// An error answer of a simulated AWS service: HTTP status, code and message, framed later in the
/// service's protocol.
struct AWSServiceError: Error, Sendable, Hashable {
    var status: Int
    /// The code of the JSON protocols (`__type`, `x-amzn-ErrorType`).
    var code: String
    var message: String
    /// The awsQuery code, for STS bodies and CloudWatch's `x-amzn-query-error` header.
    var queryCode: String?
    /// Whether the caller is at fault (`Sender`) or the service (`Receiver`).
    var senderFault: Bool = true

    static func validation(_ message: String, code: String = "ValidationException") -> AWSServiceError {
        AWSServiceError(status: 400, code: code, message: message)
    }

    static func throttling(_ operation: AWSOperation) -> AWSServiceError {
        switch operation.signingName {
        case "ce":
            AWSServiceError(status: 400, code: "LimitExceededException", message: "You made too many calls in a short period of time. Try again later.")
        case "monitoring":
            AWSServiceError(status: 400, code: "ThrottlingException", message: "Rate exceeded", queryCode: "Throttling")
        case "bedrock":
            // The Bedrock model gives ThrottlingException HTTP 429; the JSON services use 400.
            AWSServiceError(status: 429, code: "ThrottlingException", message: "Too many requests, please wait before trying again.")
        case "sts":
            AWSServiceError(status: 400, code: "Throttling", message: "Rate exceeded", queryCode: "Throttling")
        default:
            AWSServiceError(status: 400, code: "ThrottlingException", message: "Rate exceeded")
        }
    }

    static func signature(_ failure: AWSSignatureFailure) -> AWSServiceError {
        AWSServiceError(status: 403, code: failure.code, message: failure.message, queryCode: failure.queryCode)
    }
}
