import BurnwatchCollect
import Crypto
import Foundation
import _CryptoExtras

/// Signs JSON Web Tokens with RS256 (RSASSA-PKCS1-v1_5 with SHA-256) and writes them in the JWS
/// compact serialization: `base64url(header).base64url(payload).base64url(signature)`.
///
/// PKCS#1 v1.5 is deterministic, so the same key, header and payload always give the same token
/// (which is what lets RFC 7515 Appendix A.2 serve as a known answer).
public struct GCPJWTSigner: Sendable, CustomStringConvertible {
    private let key: _RSA.Signing.PrivateKey

    public init(privateKey: _RSA.Signing.PrivateKey) {
        self.key = privateKey
    }

    /// A key in PEM form: PKCS#8 (`BEGIN PRIVATE KEY`, what Google's key files hold) or PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`). Throws `.misconfigured` naming `origin`, never the key.
    public init(pemRepresentation pem: String, origin: String) throws {
        do {
            self.key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw CollectorError.misconfigured("\(origin): private_key is not an RSA private key of 2048 bits or more in PEM form")
        }
    }

    /// The public half, for checking signatures.
    public var publicKey: _RSA.Signing.PublicKey { key.publicKey }

    /// `header.payload.signature` over the exact bytes given (the JWS signing input is the
    /// base64url of these bytes, so their spacing and key order are kept as they are).
    public func sign(header: [UInt8], payload: [UInt8]) throws -> String {
        let input = GCPBase64URL.encode(header) + "." + GCPBase64URL.encode(payload)
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        } catch {
            throw CollectorError.misconfigured("could not sign a JWT with the RSA key")
        }
        return input + "." + GCPBase64URL.encode(signature.rawRepresentation)
    }

    /// A token whose header and claims are encoded as compact JSON with sorted keys.
    public func sign<Header: Encodable, Claims: Encodable>(header: Header, claims: Claims) throws -> String {
        try sign(header: try GCPJSON.encode(header), payload: try GCPJSON.encode(claims))
    }

    public var description: String { "GCPJWTSigner(RS256, \(key.keySizeInBits)-bit key)" }
}
