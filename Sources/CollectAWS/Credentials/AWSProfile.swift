/// One named profile, with the credentials file's settings merged over the config file's as the
/// SDKs do. Keys are lower case; empty values count as absent.
public struct AWSProfile: Sendable, Hashable {
    public let name: String
    /// The settings from `[profile name]` (or `[default]`) in the config file.
    public let configValues: [String: String]
    /// The settings from `[name]` in the credentials file.
    public let credentialsValues: [String: String]

    public init(name: String, configValues: [String: String] = [:], credentialsValues: [String: String] = [:]) {
        self.name = name
        self.configValues = configValues
        self.credentialsValues = credentialsValues
    }

    /// Every setting, the credentials file winning where both files set a key.
    public var values: [String: String] {
        configValues.merging(credentialsValues) { _, fromCredentials in fromCredentials }
    }

    /// A setting by (case-insensitive) key; nil when absent or empty.
    public subscript(key: String) -> String? {
        let key = key.lowercased()
        return Self.nonEmpty(credentialsValues[key]) ?? Self.nonEmpty(configValues[key])
    }

    /// Whether one file holds a static access key (used for botocore's precedence, where the
    /// credentials file's keys beat `credential_process` and the config file's keys do not).
    func hasAccessKey(inCredentialsFile: Bool) -> Bool {
        Self.nonEmpty((inCredentialsFile ? credentialsValues : configValues)["aws_access_key_id"]) != nil
    }

    func value(_ key: String, inCredentialsFile: Bool) -> String? {
        Self.nonEmpty((inCredentialsFile ? credentialsValues : configValues)[key])
    }

    /// The fix for an expired login, with this profile's name (`aws sso login` for the default).
    var ssoLoginHint: String {
        name == "default" ? "run: aws sso login" : "run: aws sso login --profile \(name)"
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
