import Foundation

/// Opaque paging tokens: an offset bound to the request it continues, so a token replayed with
/// other parameters is refused (as Cost Explorer's RequestChangedException and CloudWatch's
/// InvalidNextToken do).
enum AWSPageToken {
    static func make(offset: Int, request fingerprint: UInt64) -> String {
        Data("v1:\(offset):\(String(fingerprint, radix: 16))".utf8).base64EncodedString()
    }

    /// The offset a token carries; nil when it is not one of ours or belongs to another request.
    static func offset(_ token: String, request fingerprint: UInt64) -> Int? {
        guard let data = Data(base64Encoded: token) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":")
        guard parts.count == 3, parts[0] == "v1", let offset = Int(parts[1]), offset >= 0,
            parts[2] == String(fingerprint, radix: 16)
        else { return nil }
        return offset
    }

    /// A stable hash of a JSON request without its paging members.
    static func fingerprint(_ request: AWSJSONValue, ignoring keys: Set<String>) -> UInt64 {
        var value = request
        if case .object(let members) = request { value = .object(members.filter { !keys.contains($0.0) }) }
        return fnv1a(Array(value.text.utf8))
    }

    static func fingerprint(_ text: String) -> UInt64 { fnv1a(Array(text.utf8)) }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
