import Foundation

/// The hosts of the Google APIs burnwatch calls, each overridable (`[gcp.endpoints]`) for
/// private endpoints, `*.p.googleapis.com`-style hosts, emulators and the simulator.
public struct GCPEndpoints: Sendable, Hashable {
    /// May contain `{location}`: Vertex AI is served from one host per region.
    public var aiplatform: String
    public var monitoring: String
    public var bigquery: String
    public var billingBudgets: String
    /// The OAuth token endpoint, when it should differ from the credential file's `token_uri`.
    public var token: String?

    public static let google = GCPEndpoints(
        aiplatform: "https://{location}-aiplatform.googleapis.com", monitoring: "https://monitoring.googleapis.com",
        bigquery: "https://bigquery.googleapis.com", billingBudgets: "https://billingbudgets.googleapis.com", token: nil
    )

    public init(aiplatform: String, monitoring: String, bigquery: String, billingBudgets: String, token: String? = nil) {
        self.aiplatform = aiplatform
        self.monitoring = monitoring
        self.bigquery = bigquery
        self.billingBudgets = billingBudgets
        self.token = token
    }

    /// Every API at one base URL (the simulator), token endpoint included.
    public static func single(_ base: URL) -> GCPEndpoints {
        let text = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        return GCPEndpoints(aiplatform: text, monitoring: text, bigquery: text, billingBudgets: text, token: text + "/token")
    }

    /// The Vertex AI base URL for one location.
    public func aiplatform(location: String) -> String {
        aiplatform.replacingOccurrences(of: "{location}", with: location)
    }

    /// A URL from a base, a path (already percent-encoded) and query items (encoded here).
    public static func url(_ base: String, path: String, query: [(String, String)] = []) -> URL? {
        var text = base.hasSuffix("/") ? String(base.dropLast()) : base
        text += path.hasPrefix("/") ? path : "/" + path
        if !query.isEmpty {
            text += "?" + query.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        }
        return URL(string: text)
    }

    /// Percent-encodes everything outside RFC 3986's unreserved set.
    public static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
