import Foundation

/// Opaque paging tokens of the simulated Google APIs: positions bound to the request they
/// continue (a fingerprint of its other parameters), so a token replayed with another request
/// is refused as Google refuses it.
enum GCPPageToken {
    static func make(_ positions: [Int64], request fingerprint: UInt64) -> String {
        let text = "g1:" + positions.map(String.init).joined(separator: ":") + ":" + String(fingerprint, radix: 16)
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The positions a token carries; nil when it is not one of ours or belongs to another request.
    static func positions(_ token: String, count: Int, request fingerprint: UInt64) -> [Int64]? {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == count + 2, parts[0] == "g1", parts.last.map(String.init) == String(fingerprint, radix: 16) else {
            return nil
        }
        var result: [Int64] = []
        for part in parts.dropFirst().dropLast() {
            guard let value = Int64(part) else { return nil }
            result.append(value)
        }
        return result
    }

    /// A stable hash of the query parameters, ignoring some names (the token itself, the page size).
    static func fingerprint(_ parameters: [(String, String)], ignoring names: Set<String>, extra: String = "") -> UInt64 {
        let text = parameters.filter { !names.contains($0.0) }.map { "\($0.0)=\($0.1)" }.joined(separator: "&") + "|" + extra
        return AWSPageToken.fnv1a(Array(text.utf8))
    }
}
