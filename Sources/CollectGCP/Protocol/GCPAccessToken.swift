import Foundation

/// An OAuth 2.0 access token. `description` never shows the token itself.
public struct GCPAccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var value: String
    public var expiry: Date
    /// Where it came from, e.g. "service account reader@p.iam.gserviceaccount.com". Shown in the Collectors screen.
    public var source: String
    /// For user credentials: the project to bill quota to (`x-goog-user-project`).
    public var quotaProject: String?

    public init(value: String, expiry: Date, source: String, quotaProject: String? = nil) {
        self.value = value
        self.expiry = expiry
        self.source = source
        self.quotaProject = quotaProject
    }

    public var description: String { "GCPAccessToken(from \(source), expires \(ISO8601DateFormatter().string(from: expiry)))" }
    public var debugDescription: String { description }

    /// `dump()` and the debugger show the source and expiry, never the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["source": source, "expiry": expiry, "quotaProject": quotaProject as Any], displayStyle: .struct)
    }
}
