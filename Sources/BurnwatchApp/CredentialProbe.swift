import Foundation

/// Looks, without any network call, for the standard places each cloud keeps credentials, so that
/// `burnwatch` without a config can say exactly what it looked for. Never reads a secret's value.
public struct CredentialProbe: Sendable {
    public struct Finding: Sendable, Equatable {
        public var cloud: String
        public var source: String
        public var found: Bool
    }

    public var environment: [String: String]
    public var fileExists: @Sendable (String) -> Bool

    public init(environment: [String: String], fileExists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) {
        self.environment = environment
        self.fileExists = fileExists
    }

    public func findings() -> [Finding] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func env(_ name: String) -> Bool { !(environment[name] ?? "").isEmpty }
        func file(_ path: String) -> Bool { fileExists(path) }
        let awsCredentials = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        let awsConfig = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        let gcloudConfig = environment["CLOUDSDK_CONFIG"] ?? "\(home)/.config/gcloud"
        return [
            Finding(cloud: "AWS", source: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", found: env("AWS_ACCESS_KEY_ID")),
            Finding(cloud: "AWS", source: "AWS_PROFILE" + (env("AWS_PROFILE") ? " (\(environment["AWS_PROFILE"]!))" : ""), found: env("AWS_PROFILE")),
            Finding(cloud: "AWS", source: awsCredentials, found: file(awsCredentials)),
            Finding(cloud: "AWS", source: awsConfig, found: file(awsConfig)),
            Finding(cloud: "AWS", source: "AWS_WEB_IDENTITY_TOKEN_FILE", found: env("AWS_WEB_IDENTITY_TOKEN_FILE")),
            Finding(cloud: "AWS", source: "AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI",
                    found: env("AWS_CONTAINER_CREDENTIALS_FULL_URI") || env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")),
            Finding(cloud: "GCP", source: "GOOGLE_APPLICATION_CREDENTIALS", found: env("GOOGLE_APPLICATION_CREDENTIALS")),
            Finding(cloud: "GCP", source: "\(gcloudConfig)/application_default_credentials.json",
                    found: file("\(gcloudConfig)/application_default_credentials.json")),
            Finding(cloud: "GCP", source: "GOOGLE_CLOUD_PROJECT", found: env("GOOGLE_CLOUD_PROJECT")),
            Finding(cloud: "Azure", source: "AZURE_CLIENT_ID / AZURE_TENANT_ID", found: env("AZURE_CLIENT_ID") && env("AZURE_TENANT_ID")),
            Finding(cloud: "Azure", source: "AZURE_FEDERATED_TOKEN_FILE", found: env("AZURE_FEDERATED_TOKEN_FILE")),
            Finding(cloud: "Azure", source: "AZURE_SUBSCRIPTION_ID", found: env("AZURE_SUBSCRIPTION_ID")),
            Finding(cloud: "Azure", source: "\(home)/.azure (az login)", found: file("\(home)/.azure/azureProfile.json")),
        ]
    }

    public var anyFound: Bool { findings().contains { $0.found } }
}
