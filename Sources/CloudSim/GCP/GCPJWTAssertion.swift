import Crypto
import Foundation
import _CryptoExtras

/// A service account's signed JWT (RFC 7519, JWS compact form, RS256), as the JWT-bearer grant
/// (RFC 7523) carries it, and its checks against a registered public key.
struct GCPJWTAssertion {
    var header: AWSJSONValue
    var claims: AWSJSONValue
    /// `base64url(header) "." base64url(claims)`: the bytes the signature covers.
    var signingInput: [UInt8]
    var signature: [UInt8]

    /// Splits and decodes a compact JWS; nil when it is not three base64url parts holding two JSON objects.
    static func parse(_ text: String) -> GCPJWTAssertion? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = base64URLDecode(parts[0]), let claimBytes = base64URLDecode(parts[1]),
            let signature = base64URLDecode(parts[2]), let header = AWSJSONValue.parse(headerBytes), header.isObject,
            let claims = AWSJSONValue.parse(claimBytes), claims.isObject
        else { return nil }
        return GCPJWTAssertion(
            header: header, claims: claims, signingInput: Array("\(parts[0]).\(parts[1])".utf8), signature: signature
        )
    }

    /// Whether the signature is RSASSA-PKCS1-v1_5 with SHA-256 over the signing input by `key`.
    func isSigned(by key: _RSA.Signing.PublicKey) -> Bool {
        let digest = SHA256.hash(data: signingInput)
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .insecurePKCS1v1_5)
    }

    /// RFC 4648 §5 without padding (padding tolerated); nil on any other character.
    static func base64URLDecode(_ text: Substring) -> [UInt8]? {
        var base64 = ""
        base64.reserveCapacity(text.count + 3)
        for character in text {
            switch character {
            case "-": base64.append("+")
            case "_": base64.append("/")
            case "+", "/": return nil
            default: base64.append(character)
            }
        }
        while base64.hasSuffix("=") { base64.removeLast() }
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return Array(data)
    }
}
