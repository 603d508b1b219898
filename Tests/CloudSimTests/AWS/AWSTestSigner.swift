import Crypto
import Foundation

@testable import CloudSim

/// A deliberately plain SigV4 signer for the tests: it signs the simple requests the tests send
/// (unreserved path characters, form-style queries) and nothing more.
struct AWSTestSigner {
    var accessKeyID: String
    var secret: String
    var sessionToken: String?

    init(_ keyPair: AWSKeyPair) {
        accessKeyID = keyPair.accessKeyID
        secret = keyPair.secretAccessKey
        sessionToken = keyPair.sessionToken
    }

    /// The headers to add: `X-Amz-Date`, maybe `X-Amz-Security-Token`, and `Authorization`.
    func sign(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], body: [UInt8],
        region: String, service: String, at date: Date
    ) -> [(String, String)] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let amzDate = formatter.string(from: date)
        let day = String(amzDate.prefix(8))
        var all = headers + [("X-Amz-Date", amzDate)]
        if let sessionToken { all.append(("X-Amz-Security-Token", sessionToken)) }
        let canonicalHeaders = all.map { ($0.0.lowercased(), $0.1.trimmingCharacters(in: .whitespaces)) }.sorted { $0.0 < $1.0 }
        let signedHeaders = canonicalHeaders.map(\.0).joined(separator: ";")
        let canonicalQuery = query.map { (Self.escape($0.0), Self.escape($0.1)) }.sorted { $0 < $1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let canonicalPath = path.split(separator: "/").map { Self.escape(Self.escape(String($0))) }.joined(separator: "/")
        let canonical = [
            method, "/" + canonicalPath, canonicalQuery,
            canonicalHeaders.map { "\($0.0):\($0.1)\n" }.joined(), signedHeaders, Self.hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.hex(SHA256.hash(data: Array(canonical.utf8))))"
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
        var added = [("X-Amz-Date", amzDate)]
        if let sessionToken { added.append(("X-Amz-Security-Token", sessionToken)) }
        added.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        ))
        return added
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.unicodeScalars.map { scalar in
            allowed.contains(scalar) && scalar.isASCII ? String(scalar) : String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
