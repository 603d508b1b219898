import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The default AWS credential chain: picks the one source that applies to a profile and an
/// environment, in botocore's order, and then asks only that source.
///
/// 1. Environment keys (`AWS_ACCESS_KEY_ID`…), unless a profile was named explicitly (by the
///    burnwatch config; `AWS_PROFILE` does not count, as in botocore).
/// 2. The profile (`profile`, else `AWS_PROFILE`, else `default`), by botocore's precedence:
///    assume role (`role_arn` + `source_profile` or `credential_source`), web identity, SSO,
///    keys in the credentials file, `credential_process`, keys in the config file.
/// 3. Web identity from `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` [+ `AWS_ROLE_SESSION_NAME`].
/// 4. The container endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `…_FULL_URI`).
/// 5. EC2 instance metadata (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
///
/// Choosing reads only the environment dictionary and the files given; nothing touches the
/// network until `credentials(at:transport:)`. A profile named but missing, or configured
/// wrongly, throws `.misconfigured` at creation. When no source applies, every call throws
/// `.noCredentials` naming where the chain looked (paths and variable names, never values).
///
/// Wrap it in `AWSCachingCredentialProvider` to reuse and refresh what it returns.
public struct AWSCredentialChain: AWSCredentialProvider {
    /// The profile in use.
    public let profileName: String
    /// Whether the profile was named by the caller (which turns off environment keys).
    public let isProfileExplicit: Bool
    /// The chosen source, nil when none applies.
    public let provider: (any AWSCredentialProvider)?
    /// For the Collectors screen: "environment", "profile ml-prod (SSO)", "EC2 instance metadata"…
    public let sourceDescription: String
    /// The fix to suggest when AWS refuses the credentials (pass it to `AWSClient`).
    public let profileHint: String
    /// `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's `region`; nil when none is set.
    public let region: String?
    /// Where the chain looked, in order, for the "no credentials" hint.
    public let searched: [String]
    /// Whether the chosen source is only the last resort (IMDS), whose absence means "nothing found".
    let isLastResort: Bool

    public init(
        profile: String? = nil, environment: [String: String], homeDirectory: String,
        files: any AWSFileReader = AWSDiskFileReader(), processRunner: any AWSProcessRunner = AWSShellProcessRunner(),
        endpoints: AWSEndpointResolver? = nil, collector: CollectorID = "aws"
    ) throws {
        let explicit = profile.flatMap { $0.isEmpty ? nil : $0 }
        let fromEnvironment = AWSEnvironmentCredentialProvider.value("AWS_PROFILE", in: environment)
            ?? AWSEnvironmentCredentialProvider.value("AWS_DEFAULT_PROFILE", in: environment)
        let name = explicit ?? fromEnvironment ?? "default"
        let config = try AWSSharedConfig.load(environment: environment, homeDirectory: homeDirectory, files: files)
        let region = AWSEnvironmentCredentialProvider.value("AWS_REGION", in: environment)
            ?? AWSEnvironmentCredentialProvider.value("AWS_DEFAULT_REGION", in: environment)
            ?? config.profile(named: name)?["region"]
        let context = Context(
            config: config, environment: environment, homeDirectory: homeDirectory, files: files, runner: processRunner,
            endpoints: endpoints ?? AWSEndpointResolver(environment: environment), collector: collector, stsRegion: region ?? "us-east-1"
        )

        var searched: [String] = []
        var chosen: Source?
        if explicit == nil {
            searched.append("environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)")
            if AWSEnvironmentCredentialProvider.hasKeys(in: environment) {
                chosen = Source(
                    provider: AWSEnvironmentCredentialProvider(environment: environment), description: AWSEnvironmentCredentialProvider.source,
                    hint: "refresh AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"
                )
            }
        }
        if chosen == nil {
            let header = name == "default" ? "[default]" : "[profile \(name)]"
            searched.append("\(config.credentialsPath) [\(name)]")
            searched.append("\(config.configPath) \(header)")
            if config.profile(named: name) != nil {
                chosen = try context.profileSource(name, visited: [], asSource: false)
            } else if name != "default" {
                let origin = explicit != nil ? "" : " (from AWS_PROFILE)"
                throw CollectorError.misconfigured("profile \(name)\(origin) not found in \(config.configPath) or \(config.credentialsPath)")
            }
        }
        if chosen == nil {
            searched.append("web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)")
            chosen = context.environmentWebIdentity()
        }
        if chosen == nil {
            searched.append("container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI)")
            if AWSContainerCredentialProvider.isConfigured(in: environment) {
                chosen = Source(
                    provider: AWSContainerCredentialProvider(environment: environment, files: files, collector: collector),
                    description: AWSContainerCredentialProvider.sourceDescription, hint: "check the task or pod role"
                )
            }
        }
        var lastResort = false
        if chosen == nil {
            if AWSInstanceMetadataProvider.isDisabled(in: environment) {
                searched.append("EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)")
            } else {
                searched.append("EC2 instance metadata")
                let imds = AWSInstanceMetadataProvider(environment: environment, collector: collector)
                chosen = Source(provider: imds, description: imds.sourceDescription, hint: "check the IAM role of this EC2 instance")
                lastResort = true
            }
        }
        self.profileName = name
        self.isProfileExplicit = explicit != nil
        self.provider = chosen?.provider
        self.sourceDescription = chosen?.description ?? "no credentials"
        self.profileHint = chosen?.hint ?? Self.setupHint
        self.region = region
        self.searched = searched
        self.isLastResort = lastResort
    }

    static let setupHint = "run aws configure or aws sso login, or set AWS_PROFILE"

    /// The error for "nothing found", naming every place the chain looked.
    public var noCredentialsError: CollectorError {
        let places = searched.joined(separator: "; ")
        return .noCredentials(hint: "\(Self.setupHint) (looked in: \(places))", "no AWS credentials found; looked in: \(places)")
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        guard let provider else { throw noCredentialsError }
        do {
            return try await provider.credentials(at: now, transport: transport)
        } catch let error as CollectorError where isLastResort && error.kind == "no credentials" {
            throw noCredentialsError
        }
    }

    // MARK: - Choosing

    /// A chosen source with what the Collectors screen says about it.
    struct Source {
        var provider: any AWSCredentialProvider
        var description: String
        var hint: String
    }

    /// Everything the providers are built from.
    struct Context {
        var config: AWSSharedConfig
        var environment: [String: String]
        var homeDirectory: String
        var files: any AWSFileReader
        var runner: any AWSProcessRunner
        var endpoints: AWSEndpointResolver
        var collector: CollectorID
        var stsRegion: String

        /// The source a profile's settings describe, or nil when it has none. `visited` holds the
        /// profiles whose `source_profile` led here; `asSource` is true for such a profile, whose
        /// own static keys then beat its `role_arn` (botocore's rule for role chaining).
        func profileSource(_ name: String, visited: [String], asSource: Bool) throws -> Source? {
            guard let profile = config.profile(named: name) else {
                throw CollectorError.misconfigured("source_profile \(name) (of profile \(visited.last ?? name)) not found in \(config.configPath) or \(config.credentialsPath)")
            }
            let hasKeys = profile.hasAccessKey(inCredentialsFile: true) || profile.hasAccessKey(inCredentialsFile: false)
            if let roleARN = profile["role_arn"], profile["web_identity_token_file"] == nil, !(asSource && hasKeys) {
                return try assumeRoleSource(profile, roleARN: roleARN, visited: visited)
            }
            if let tokenFile = profile["web_identity_token_file"] {
                guard let roleARN = profile["role_arn"] else {
                    throw CollectorError.misconfigured("profile \(name) has web_identity_token_file but no role_arn")
                }
                let description = "profile \(name) (web identity)"
                return Source(
                    provider: AWSWebIdentityProvider(
                        roleARN: roleARN, tokenFile: AWSPath.expand(tokenFile, home: homeDirectory), sessionName: profile["role_session_name"],
                        region: stsRegion, endpoints: endpoints, files: files, collector: collector, sourceDescription: description
                    ),
                    description: description, hint: "check web_identity_token_file and role_arn of profile \(name)"
                )
            }
            if let sso = try ssoSource(profile) { return sso }
            if profile.hasAccessKey(inCredentialsFile: true) {
                let provider = try AWSStaticCredentialProvider(profile: profile, inCredentialsFile: true, path: config.credentialsPath)
                return Source(provider: provider, description: "profile \(name) (static keys)", hint: "check the keys of profile \(name) in \(config.credentialsPath)")
            }
            if let command = profile["credential_process"] {
                let provider = AWSCredentialProcessProvider(command: command, profileName: name, runner: runner)
                return Source(provider: provider, description: provider.sourceDescription, hint: "check credential_process of profile \(name)")
            }
            if profile.hasAccessKey(inCredentialsFile: false) {
                let provider = try AWSStaticCredentialProvider(profile: profile, inCredentialsFile: false, path: config.configPath)
                return Source(provider: provider, description: "profile \(name) (static keys)", hint: "check the keys of profile \(name) in \(config.configPath)")
            }
            return nil
        }

        private func assumeRoleSource(_ profile: AWSProfile, roleARN: String, visited: [String]) throws -> Source {
            let name = profile.name
            if profile["mfa_serial"] != nil {
                throw CollectorError.misconfigured(
                    "profile \(name): roles that need an MFA code (mfa_serial) are not supported; use a profile without mfa_serial or SSO"
                )
            }
            var duration: Int?
            if let text = profile["duration_seconds"] {
                guard let value = Int(text), (900...43200).contains(value) else {
                    throw CollectorError.misconfigured("profile \(name): duration_seconds must be a whole number from 900 to 43200")
                }
                duration = value
            }
            let source: Source
            switch (profile["source_profile"], profile["credential_source"]) {
            case (.some, .some):
                throw CollectorError.misconfigured("profile \(name) sets both source_profile and credential_source; keep one")
            case (.some(let sourceName), nil):
                let chain = visited + [name]
                if sourceName == name {
                    // A profile may name itself to assume a role with its own keys.
                    guard profile.hasAccessKey(inCredentialsFile: true) || profile.hasAccessKey(inCredentialsFile: false) else {
                        throw CollectorError.misconfigured("profile \(name) is its own source_profile but has no keys")
                    }
                    let inCredentials = profile.hasAccessKey(inCredentialsFile: true)
                    let provider = try AWSStaticCredentialProvider(
                        profile: profile, inCredentialsFile: inCredentials, path: inCredentials ? config.credentialsPath : config.configPath
                    )
                    source = Source(provider: provider, description: "profile \(name)", hint: "check the keys of profile \(name)")
                } else if chain.contains(sourceName) {
                    throw CollectorError.misconfigured("source_profile loop: \((chain + [sourceName]).joined(separator: " → "))")
                } else {
                    guard let found = try profileSource(sourceName, visited: chain, asSource: true) else {
                        throw CollectorError.misconfigured("source_profile \(sourceName) of profile \(name) has no credentials")
                    }
                    source = Source(provider: found.provider, description: "profile \(sourceName)", hint: found.hint)
                }
            case (nil, .some(let credentialSource)):
                source = try namedCredentialSource(credentialSource, profile: name)
            case (nil, nil):
                throw CollectorError.misconfigured("profile \(name) has role_arn but neither source_profile nor credential_source")
            }
            let description = "profile \(name) (assume role via \(source.description))"
            return Source(
                provider: AWSAssumeRoleProvider(
                    roleARN: roleARN, sessionName: profile["role_session_name"], externalID: profile["external_id"], durationSeconds: duration,
                    source: source.provider, region: stsRegion, endpoints: endpoints, collector: collector,
                    sourceDescription: description, profileHint: source.hint
                ),
                description: description, hint: source.hint
            )
        }

        private func namedCredentialSource(_ value: String, profile: String) throws -> Source {
            switch value {
            case "Environment":
                return Source(
                    provider: AWSEnvironmentCredentialProvider(environment: environment), description: "environment",
                    hint: "refresh AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"
                )
            case "Ec2InstanceMetadata":
                let provider = AWSInstanceMetadataProvider(environment: environment, collector: collector)
                return Source(provider: provider, description: provider.sourceDescription, hint: "check the IAM role of this EC2 instance")
            case "EcsContainer":
                return Source(
                    provider: AWSContainerCredentialProvider(environment: environment, files: files, collector: collector),
                    description: AWSContainerCredentialProvider.sourceDescription, hint: "check the task or pod role"
                )
            default:
                throw CollectorError.misconfigured(
                    "profile \(profile): credential_source must be Environment, Ec2InstanceMetadata or EcsContainer"
                )
            }
        }

        /// An SSO profile: `sso_session` pointing at `[sso-session X]`, or the legacy
        /// `sso_start_url` + `sso_region` in the profile itself.
        private func ssoSource(_ profile: AWSProfile) throws -> Source? {
            let name = profile.name
            let keys = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"]
            guard keys.contains(where: { profile[$0] != nil }) else { return nil }
            var startURL = profile["sso_start_url"]
            var ssoRegion = profile["sso_region"]
            let sessionName = profile["sso_session"]
            if let sessionName {
                guard let session = config.ssoSessions[sessionName] else {
                    throw CollectorError.misconfigured("profile \(name): sso_session \(sessionName) has no [sso-session \(sessionName)] in \(config.configPath)")
                }
                let sessionURL = session["sso_start_url"].flatMap { $0.isEmpty ? nil : $0 }
                let sessionRegion = session["sso_region"].flatMap { $0.isEmpty ? nil : $0 }
                if let startURL, let sessionURL, startURL != sessionURL {
                    throw CollectorError.misconfigured("profile \(name): sso_start_url differs from the one in [sso-session \(sessionName)]")
                }
                if let ssoRegion, let sessionRegion, ssoRegion != sessionRegion {
                    throw CollectorError.misconfigured("profile \(name): sso_region differs from the one in [sso-session \(sessionName)]")
                }
                startURL = sessionURL ?? startURL
                ssoRegion = sessionRegion ?? ssoRegion
            }
            var missing: [String] = []
            if startURL == nil { missing.append("sso_start_url") }
            if ssoRegion == nil { missing.append("sso_region") }
            if profile["sso_account_id"] == nil { missing.append("sso_account_id") }
            if profile["sso_role_name"] == nil { missing.append("sso_role_name") }
            guard missing.isEmpty, let startURL, let ssoRegion, let account = profile["sso_account_id"], let role = profile["sso_role_name"] else {
                throw CollectorError.misconfigured("profile \(name) is an SSO profile but lacks \(missing.joined(separator: ", "))")
            }
            let provider = AWSSSOCredentialProvider(
                profileName: name, accountID: account, roleName: role, ssoRegion: ssoRegion, startURL: startURL, sessionName: sessionName,
                homeDirectory: homeDirectory, files: files, endpoints: endpoints, collector: collector
            )
            return Source(provider: provider, description: provider.sourceDescription, hint: provider.loginHint)
        }

        /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` [+ `AWS_ROLE_SESSION_NAME`].
        func environmentWebIdentity() -> Source? {
            guard let tokenFile = AWSEnvironmentCredentialProvider.value("AWS_WEB_IDENTITY_TOKEN_FILE", in: environment),
                  let roleARN = AWSEnvironmentCredentialProvider.value("AWS_ROLE_ARN", in: environment)
            else { return nil }
            let description = "web identity (AWS_ROLE_ARN)"
            return Source(
                provider: AWSWebIdentityProvider(
                    roleARN: roleARN, tokenFile: AWSPath.expand(tokenFile, home: homeDirectory),
                    sessionName: AWSEnvironmentCredentialProvider.value("AWS_ROLE_SESSION_NAME", in: environment),
                    region: stsRegion, endpoints: endpoints, files: files, collector: collector, sourceDescription: description
                ),
                description: description, hint: "check AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN"
            )
        }
    }
}
