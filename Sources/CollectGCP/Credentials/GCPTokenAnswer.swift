import BurnwatchCollect
import BurnwatchCore
import Foundation

/// `{access_token, expires_in, token_type}`, the answer of every Google token source but the
/// IAM Credentials API.
struct GCPTokenAnswer: Decodable {
    var accessToken: String?
    var expiresIn: Double?
    var tokenType: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case tokenType = "token_type"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
        tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
        // A number everywhere seen; a string is accepted as proto3 JSON would allow it.
        if let number = try? container.decodeIfPresent(Double.self, forKey: .expiresIn) {
            expiresIn = number
        } else if let text = try container.decodeIfPresent(String.self, forKey: .expiresIn) {
            guard let number = Double(text) else {
                throw DecodingError.dataCorruptedError(forKey: .expiresIn, in: container, debugDescription: "not a number")
            }
            expiresIn = number
        }
    }

    /// Google's access tokens live one hour; a missing `expires_in` is taken as that.
    static let defaultLifetime: TimeInterval = 3600

    static func decode(_ body: [UInt8], call: String) throws -> (value: String, lifetime: TimeInterval) {
        let answer = try GCPJSON.decode(GCPTokenAnswer.self, from: body, call: call)
        guard let token = answer.accessToken, !token.isEmpty else {
            throw CollectorError.malformedResponse("\(call): answer has no access_token")
        }
        if let type = answer.tokenType, type.lowercased() != "bearer" {
            throw CollectorError.malformedResponse("\(call): token_type is \(Sanitizer.clean(String(type.prefix(20)))), not Bearer")
        }
        let lifetime = answer.expiresIn ?? defaultLifetime
        guard lifetime > 0, lifetime.isFinite else {
            throw CollectorError.malformedResponse("\(call): expires_in is not a positive number of seconds")
        }
        return (token, lifetime)
    }
}
