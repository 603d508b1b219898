import Foundation
import _CryptoExtras

/// A Google service account for the simulator: a fresh RSA key pair made at runtime (never a
/// committed key), its identity, and the key file a client would be given.
///
/// The server needs only the `registration` (email, key id, public key); the private key leaves
/// this value only inside the key file's text.
public struct SimulatedGCPServiceAccount: Sendable {
    /// What the token endpoint knows of a service account: enough to check a signed assertion.
    public struct Registration: Sendable {
        public var clientEmail: String
        /// The key's id (`private_key_id` in the key file; `kid` in the JWT header).
        public var keyID: String
        public var publicKey: _RSA.Signing.PublicKey

        public init(clientEmail: String, keyID: String, publicKey: _RSA.Signing.PublicKey) {
            self.clientEmail = clientEmail
            self.keyID = keyID
            self.publicKey = publicKey
        }
    }

    public var project: String
    public var clientEmail: String
    public var clientID: String
    public var keyID: String
    private let privateKey: _RSA.Signing.PrivateKey

    public var registration: Registration {
        Registration(clientEmail: clientEmail, keyID: keyID, publicKey: privateKey.publicKey)
    }

    /// Makes a 2048-bit key and an identity `burnwatch-demo@<project>.iam.gserviceaccount.com`.
    public static func generate(project: String, name: String = "burnwatch-demo") throws -> SimulatedGCPServiceAccount {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        var generator = SystemRandomNumberGenerator()
        let keyID = (0..<20).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let clientID = "1" + (0..<20).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
        return SimulatedGCPServiceAccount(
            project: project, clientEmail: "\(name)@\(project).iam.gserviceaccount.com", clientID: clientID, keyID: keyID,
            privateKey: key
        )
    }

    /// The service-account key file (the JSON `gcloud iam service-accounts keys create` writes),
    /// with `token_uri` pointing at `tokenURI` (the simulator's `tokenURL`).
    public func keyFileJSON(tokenURI: URL) -> String {
        let value: AWSJSONValue = [
            "type": "service_account",
            "project_id": .string(project),
            "private_key_id": .string(keyID),
            "private_key": .string(Self.oneTrailingNewline(privateKey.pkcs8PEMRepresentation)),
            "client_email": .string(clientEmail),
            "client_id": .string(clientID),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": .string(tokenURI.absoluteString),
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": .string(
                "https://www.googleapis.com/robot/v1/metadata/x509/\(clientEmail.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? clientEmail)"
            ),
            "universe_domain": "googleapis.com",
        ]
        return value.text
    }

    /// Key files end the PEM with exactly one newline.
    private static func oneTrailingNewline(_ pem: String) -> String {
        var text = pem
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n"
    }
}
