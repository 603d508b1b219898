import Foundation

/// One authenticated call, as a service handler sees it.
struct AWSCall: Sendable {
    var operation: AWSOperation
    var request: AWSSignedRequest
    var signature: AWSVerifiedSignature
    /// The simulator's time when the request arrived.
    var now: Date
    /// The JSON body (JSON protocols), or an empty object.
    var json: AWSJSONValue
    /// The form parameters (query protocol), or the query string's (restJson1).
    var parameters: [(String, String)]

    var account: String { signature.keyPair.account }
    var region: String { signature.region }

    func parameter(_ name: String) -> String? {
        parameters.first { $0.0 == name }?.1
    }

    // MARK: JSON member readers that fail as the JSON services do

    func string(_ name: String, required: Bool = false) throws(AWSServiceError) -> String? {
        guard let value = json[name], value != .null else {
            if required { throw .validation("1 validation error detected: Value null at '\(lowerFirst(name))' failed to satisfy constraint: Member must not be null") }
            return nil
        }
        guard let text = value.stringValue else { throw serialization(name, "a string") }
        return text
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(AWSServiceError) -> Int? {
        guard let value = json[name], value != .null else { return nil }
        guard let number = value.intValue else { throw serialization(name, "an integer") }
        guard range.contains(number) else {
            throw .validation(
                "1 validation error detected: Value '\(number)' at '\(lowerFirst(name))' failed to satisfy constraint: "
                    + "Member must have value \(range.lowerBound > Int.min ? "greater than or equal to \(range.lowerBound)" : "")"
                    + "\(range.upperBound < Int.max ? " and less than or equal to \(range.upperBound)" : "")"
            )
        }
        return number
    }

    func serialization(_ name: String, _ expected: String) -> AWSServiceError {
        AWSServiceError(status: 400, code: "SerializationException", message: "Member \(name) must be \(expected)")
    }

    private func lowerFirst(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }
}
