import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The JSON credential document shared, with small differences, by the container endpoint,
/// IMDS (`Token`) and `credential_process` (`SessionToken`, `Version: 1`).
struct AWSCredentialDocument: Decodable {
    var version: Int?
    var code: String?
    var accessKeyID: String?
    var secretAccessKey: String?
    var token: String?
    var sessionToken: String?
    var expiration: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case code = "Code"
        case accessKeyID = "AccessKeyId"
        case secretAccessKey = "SecretAccessKey"
        case token = "Token"
        case sessionToken = "SessionToken"
        case expiration = "Expiration"
    }

    /// Decodes and checks the document. `origin` names the source in errors (never the values).
    static func credentials(from body: [UInt8], origin: String, source: String) throws -> AWSCredentials {
        try decode(body, origin: origin).credentials(origin: origin, source: source)
    }

    static func decode(_ body: [UInt8], origin: String) throws -> AWSCredentialDocument {
        do {
            return try JSONDecoder().decode(AWSCredentialDocument.self, from: Data(body))
        } catch {
            throw CollectorError.malformedResponse("\(origin): \(AWSJSON.describe(error))")
        }
    }

    func credentials(origin: String, source: String) throws -> AWSCredentials {
        let document = self
        if let code = document.code, code != "Success" {
            throw CollectorError.unauthorized(hint: "check the IAM role of this instance", "\(origin): status \(Sanitizer.clean(String(code.prefix(60))))")
        }
        guard let keyID = document.accessKeyID, !keyID.isEmpty else {
            throw CollectorError.malformedResponse("\(origin): missing AccessKeyId")
        }
        guard let secret = document.secretAccessKey, !secret.isEmpty else {
            throw CollectorError.malformedResponse("\(origin): missing SecretAccessKey")
        }
        var expiration: Date?
        if let text = document.expiration, !text.isEmpty {
            guard let date = AWSTimestamp.parse(text) else {
                throw CollectorError.malformedResponse("\(origin): Expiration is not an ISO-8601 time")
            }
            expiration = date
        }
        let token = [document.sessionToken, document.token].compactMap { $0 }.first { !$0.isEmpty }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration, source: source)
    }
}
