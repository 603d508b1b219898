import Crypto
import Foundation
import _CryptoExtras

@testable import CloudSim

/// A deliberately plain RS256 JWT maker for the tests, reading the service-account key file the
/// way a client would (its `private_key` PEM, `private_key_id` and `client_email`).
struct GCPTestSigner {
    var key: _RSA.Signing.PrivateKey
    var keyID: String
    var email: String

    init(keyFile: String) throws {
        guard let json = AWSJSONValue.parse(Array(keyFile.utf8)), let pem = json["private_key"]?.stringValue,
            let keyID = json["private_key_id"]?.stringValue, let email = json["client_email"]?.stringValue
        else { throw TestFailure("not a key file") }
        key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        self.keyID = keyID
        self.email = email
    }

    /// A signed assertion; `header` and `claims` replace the defaults when given.
    func assertion(
        audience: String, issuedAt: Double, expires: Double, scope: String?, issuer: String? = nil,
        header: AWSJSONValue? = nil
    ) -> String {
        let headerValue = header ?? ["alg": "RS256", "typ": "JWT", "kid": .string(keyID)]
        var claims: [(String, AWSJSONValue)] = [("iss", .string(issuer ?? email))]
        if let scope { claims.append(("scope", .string(scope))) }
        claims += [("aud", .string(audience)), ("iat", .number(issuedAt)), ("exp", .number(expires))]
        let input = Self.base64URL(headerValue.bytes) + "." + Self.base64URL(AWSJSONValue.object(claims).bytes)
        let signature = try! key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Self.base64URL(Array(signature.rawRepresentation))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
