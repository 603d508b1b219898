import Foundation

/// One HTTP request as the simulated Google APIs see it: method, path, decoded query parameters
/// (repeated ones kept in order), headers and body.
struct GCPRequest: Sendable {
    var method: String
    /// The path, still percent-encoded (segments are decoded one by one when matched).
    var path: String
    /// Query parameters, percent-decoded, `+` read as a space, in the order sent.
    var query: [(String, String)]
    var headers: [(String, String)]
    var body: [UInt8]

    init(method: String, target: String, headers: [(String, String)], body: [UInt8]) {
        self.method = method
        self.headers = headers
        self.body = body
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = GCPRequest.formPairs(target[target.index(after: mark)...])
        } else {
            path = target
            query = []
        }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The first value of a query parameter.
    func parameter(_ name: String) -> String? {
        query.first { $0.0 == name }?.1
    }

    /// Every value of a repeated query parameter, in order.
    func parameters(_ name: String) -> [String] {
        query.filter { $0.0 == name }.map(\.1)
    }

    /// The path's segments, percent-decoded; nil when one does not decode.
    var segments: [String]? {
        var result: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(part).removingPercentEncoding else { return nil }
            result.append(decoded)
        }
        return result
    }

    /// `application/x-www-form-urlencoded` pairs (also the query string's syntax).
    static func formPairs(_ text: Substring) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            pairs.append((name, value))
        }
        return pairs
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
