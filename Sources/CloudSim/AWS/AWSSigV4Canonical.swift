import Crypto
import Foundation

/// The pieces of a SigV4 canonical request, computed from a request as it arrived on the wire.
///
/// Written from the SigV4 description (IAM user guide, "Create a signed AWS API request") and the
/// aws-c-auth test suite, for the verifier: it takes the path and query exactly as they were
/// received and derives what the client must have signed.
enum AWSSigV4Canonical {
    /// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else
    /// `%XX` with upper-case hex, byte by byte of the UTF-8.
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var output = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    static func encode(_ text: String) -> String { encode(text.utf8) }

    /// Decodes `%XX` escapes; other bytes (a literal `+` included) stand for themselves.
    static func decode(_ text: Substring) -> [UInt8] {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = Character(Unicode.Scalar(bytes[index + 1])).hexDigitValue,
                let low = Character(Unicode.Scalar(bytes[index + 2])).hexDigitValue
            {
                output.append(UInt8(high * 16 + low))
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// The canonical URI of a path as received: dot segments resolved, empty segments dropped
    /// (a trailing slash kept), then every segment encoded once more. A client encodes the
    /// path once to send it and twice to sign it (every service but S3), so encoding what
    /// arrived once reproduces what was signed.
    static func uri(path: Substring) -> String {
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for part in parts {
            switch part {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(part)
            }
        }
        if segments.isEmpty { return "/" }
        var result = "/" + segments.map { encode($0.utf8) }.joined(separator: "/")
        if path.hasSuffix("/") { result += "/" }
        return result
    }

    /// The canonical query: each name and value decoded as received, encoded strictly, sorted
    /// by name then value, joined as `name=value` with `&`.
    static func query(_ query: Substring) -> String {
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = item.firstIndex(of: "=") {
                name = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            pairs.append((encode(decode(name)), encode(decode(value))))
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// A header value as signed: trimmed, inner runs of spaces collapsed to one.
    static func headerValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The canonical request text.
    ///
    /// - Parameters:
    ///   - target: the request target as received (`/path?query`).
    ///   - headers: every received header; those named in `signedHeaders` are used, repeated
    ///     values joined with commas in the order received.
    /// - Returns: nil when a signed header is missing from the request.
    static func request(
        method: String, target: String, headers: [(String, String)], signedHeaders: [String], payloadHash: String
    ) -> String? {
        let path: Substring
        let rawQuery: Substring
        if let question = target.firstIndex(of: "?") {
            path = target[..<question]
            rawQuery = target[target.index(after: question)...]
        } else {
            path = target[...]
            rawQuery = ""
        }
        var lines = [method, uri(path: path), query(rawQuery)]
        for name in signedHeaders {
            let values = headers.filter { $0.0.lowercased() == name }.map { headerValue($0.1) }
            guard !values.isEmpty else { return nil }
            lines.append("\(name):\(values.joined(separator: ","))")
        }
        lines.append("")
        lines.append(signedHeaders.joined(separator: ";"))
        lines.append(payloadHash)
        return lines.joined(separator: "\n")
    }

    static func hexSHA256<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(SHA256.hash(data: Array(bytes)))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The string to sign for a canonical request.
    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(hexSHA256(canonicalRequest.utf8))"
    }

    /// The signing key: HMAC chain over date, region, service and `aws4_request`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The hex signature of `stringToSign` under `key`.
    static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// Compares two strings in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
