import Foundation

/// An HTTP request as the simulator received it, before any interpretation.
public struct AWSSignedRequest: Sendable, Hashable {
    public var method: String
    /// The request target exactly as sent: `/path?query`, still percent-encoded.
    public var target: String
    /// Headers in the order received, names as sent.
    public var headers: [Header]
    public var body: [UInt8]

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, target: String, headers: [Header], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The path without the query.
    public var path: Substring {
        target.firstIndex(of: "?").map { target[..<$0] } ?? target[...]
    }

    /// The query string without the `?`, still encoded.
    public var rawQuery: Substring {
        target.firstIndex(of: "?").map { target[target.index(after: $0)...] } ?? ""
    }

    /// Query parameters, decoded (`+` is a space here, as form encoding has it).
    public var queryParameters: [(String, String)] {
        AWSSignedRequest.formPairs(rawQuery)
    }

    /// Decodes `application/x-www-form-urlencoded` text.
    static func formPairs(_ text: Substring) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let spaced = item.replacingOccurrences(of: "+", with: " ")[...]
            let parts = spaced.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(decoding: AWSSigV4Canonical.decode(parts[0]), as: UTF8.self)
            let value = parts.count > 1 ? String(decoding: AWSSigV4Canonical.decode(parts[1]), as: UTF8.self) : ""
            return (name, value)
        }
    }
}
