import Foundation

/// One set of AWS credentials. `description` never shows the secret or the session token, so a
/// value printed by accident (a log line, an error) leaks nothing.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?
    /// Where they came from, e.g. "environment", "profile ml-prod (assume role)". Shown in the Collectors screen.
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// The key id with its middle hidden: enough to tell two keys apart, useless to an attacker.
    public var redactedKeyID: String {
        accessKeyID.count > 8 ? "\(accessKeyID.prefix(4))…\(accessKeyID.suffix(4))" : "…"
    }

    public var description: String {
        var text = "AWSCredentials(\(redactedKeyID) from \(source)"
        if let expiration { text += ", expires \(ISO8601DateFormatter().string(from: expiration))" }
        return text + ")"
    }

    public var debugDescription: String { description }

    /// Seconds of validity left at `now`; nil for credentials that do not expire.
    public func remainingLifetime(at now: Date) -> TimeInterval? {
        expiration.map { $0.timeIntervalSince(now) }
    }
}
