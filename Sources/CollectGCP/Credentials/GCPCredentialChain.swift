import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Application Default Credentials: picks the one source that applies, in google-auth's order,
/// and then asks only that source.
///
/// 1. `GOOGLE_APPLICATION_CREDENTIALS`: the JSON file it names (a missing file is an error, not
///    a reason to look further, as in google-auth).
/// 2. gcloud's `application_default_credentials.json` in `CLOUDSDK_CONFIG`, else `~/.config/gcloud`.
/// 3. The metadata server, unless `NO_GCE_CHECK=true`.
///
/// Choosing reads only the environment dictionary and the files given; nothing touches the
/// network until `token(at:transport:)`. A malformed file throws `.misconfigured` at creation.
/// When only the metadata server is left, each call looks for gcloud's file again first, so a
/// `gcloud auth application-default login` made while burnwatch runs is picked up. When nothing
/// answers, calls throw `.noCredentials` naming where the chain looked (paths and variable
/// names, never values).
///
/// Wrap it in `GCPCachingTokenProvider` to reuse and refresh what it returns.
public struct GCPCredentialChain: GCPTokenProvider, CustomStringConvertible {
    /// The chosen source, nil when none applies.
    public let provider: (any GCPTokenProvider)?
    /// For the Collectors screen: "service account reader@p.iam.gserviceaccount.com",
    /// "gcloud user login", "metadata server"…
    public let sourceDescription: String
    /// The fix to suggest when Google refuses the credentials (pass it to `GCPClient`).
    public let loginHint: String
    /// `GOOGLE_CLOUD_PROJECT` (or the older `GCLOUD_PROJECT`), else the file's `project_id` or
    /// `quota_project_id`. The metadata server's project needs a call: `resolveProjectID`.
    public let projectID: String?
    /// Where the chain looked, in order, for the "no credentials" message.
    public let searched: [String]
    /// The file chosen, if any.
    public let file: GCPCredentialFile?
    /// gcloud's ADC file, looked for again while only the metadata server is left.
    public let gcloudFilePath: String
    let metadataServer: GCPMetadataServerProvider?
    let context: Context

    public static let setupHint = "run: gcloud auth application-default login, or set GOOGLE_APPLICATION_CREDENTIALS to a key file"

    public init(
        environment: [String: String], homeDirectory: String, files: any GCPFileReader = GCPDiskFileReader(),
        endpoints: GCPEndpoints = .google, collector: CollectorID = "gcp"
    ) throws {
        let context = Context(home: homeDirectory, files: files, tokenEndpoint: endpoints.token, collector: collector)
        let configDirectory = Self.value("CLOUDSDK_CONFIG", in: environment).map { GCPPath.expand($0, home: homeDirectory) }
            ?? GCPPath.join(homeDirectory, ".config/gcloud")
        let gcloudFile = GCPPath.join(configDirectory, "application_default_credentials.json")
        var searched: [String] = []
        var chosen: (file: GCPCredentialFile, source: Source)?

        if let named = Self.value("GOOGLE_APPLICATION_CREDENTIALS", in: environment) {
            let path = GCPPath.expand(named, home: homeDirectory)
            searched.append("GOOGLE_APPLICATION_CREDENTIALS (\(path))")
            guard let bytes = try files.contents(ofFile: path) else {
                throw CollectorError.misconfigured("GOOGLE_APPLICATION_CREDENTIALS names \(path), which does not exist")
            }
            let file = try GCPCredentialFile.parse(bytes, path: path, homeDirectory: homeDirectory)
            chosen = (file, try context.source(for: file, fromGcloud: false))
        } else {
            searched.append("GOOGLE_APPLICATION_CREDENTIALS (not set)")
            searched.append(gcloudFile)
            if let file = try context.gcloudFile(at: gcloudFile) {
                chosen = (file, try context.source(for: file, fromGcloud: true))
            }
        }

        var metadataServer: GCPMetadataServerProvider?
        if chosen == nil {
            if Self.value("NO_GCE_CHECK", in: environment)?.lowercased() == "true" {
                searched.append("metadata server (skipped: NO_GCE_CHECK)")
            } else {
                let server = GCPMetadataServerProvider(environment: environment, collector: collector)
                searched.append("metadata server at \(server.host)")
                metadataServer = server
            }
        }

        self.file = chosen?.file
        self.provider = chosen?.source.provider ?? metadataServer
        self.sourceDescription = chosen?.source.description ?? (metadataServer == nil ? "no credentials" : "metadata server")
        self.loginHint = chosen?.source.hint ?? (metadataServer == nil ? Self.setupHint : GCPMetadataServerProvider.loginHint)
        self.projectID = (Self.value("GOOGLE_CLOUD_PROJECT", in: environment) ?? Self.value("GCLOUD_PROJECT", in: environment)
            ?? chosen?.file.projectID).map { Sanitizer.clean($0) }
        self.searched = searched
        self.gcloudFilePath = gcloudFile
        self.metadataServer = metadataServer
        self.context = context
    }

    static func value(_ name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The error for "nothing found", naming every place the chain looked.
    public var noCredentialsError: CollectorError {
        let places = searched.joined(separator: "; ")
        return .noCredentials(hint: Self.setupHint, "no Google credentials found; looked in: \(places)")
    }

    public var description: String { "GCPCredentialChain(\(sourceDescription))" }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        if file == nil, let late = try context.gcloudFile(at: gcloudFilePath) {
            return try await context.source(for: late, fromGcloud: true).provider.token(at: now, transport: transport)
        }
        guard let provider else { throw noCredentialsError }
        do {
            return try await provider.token(at: now, transport: transport)
        } catch let error as CollectorError where file == nil && error.kind == "no credentials" {
            throw noCredentialsError
        }
    }

    /// `projectID`, else (on Google Cloud) the metadata server's project; nil when neither says.
    public func resolveProjectID(transport: any Transport) async -> String? {
        if let projectID { return projectID }
        guard file == nil, let metadataServer else { return nil }
        return try? await metadataServer.projectID(transport: transport)
    }

    // MARK: - Choosing

    /// A chosen source with what the Collectors screen says about it.
    struct Source {
        var provider: any GCPTokenProvider
        var description: String
        var hint: String
    }

    /// Everything the providers are built from.
    struct Context: Sendable {
        var home: String
        var files: any GCPFileReader
        var tokenEndpoint: String?
        var collector: CollectorID

        func gcloudFile(at path: String) throws -> GCPCredentialFile? {
            guard let bytes = try files.contents(ofFile: path) else { return nil }
            return try GCPCredentialFile.parse(bytes, path: path, homeDirectory: home)
        }

        /// `fromGcloud`: the file is gcloud's own (so the login hint is gcloud's command as is).
        /// `nested`: the file is the `source_credentials` of another, so it cannot be re-read alone.
        func source(for file: GCPCredentialFile, fromGcloud: Bool, nested: Bool = false) throws -> Source {
            switch file {
            case .serviceAccount(let key):
                let provider = GCPServiceAccountProvider(key: key, tokenEndpoint: tokenEndpoint, collector: collector)
                return Source(provider: provider, description: provider.sourceDescription, hint: provider.loginHint)
            case .authorizedUser(let login):
                let description = fromGcloud ? "gcloud user login" : "user login (GOOGLE_APPLICATION_CREDENTIALS)"
                let hint = fromGcloud
                    ? GCPAuthorizedUserProvider.gcloudLoginHint
                    : "\(GCPAuthorizedUserProvider.gcloudLoginHint), then unset GOOGLE_APPLICATION_CREDENTIALS or point it at the new login"
                let provider = GCPAuthorizedUserProvider(
                    login: login, rereadingFrom: nested ? nil : files, tokenEndpoint: tokenEndpoint, sourceDescription: description,
                    loginHint: hint, collector: collector
                )
                return Source(provider: provider, description: description, hint: hint)
            case .externalAccount(let configuration):
                let provider = GCPExternalAccountProvider(configuration: configuration, files: files, collector: collector)
                return Source(provider: provider, description: provider.sourceDescription, hint: provider.loginHint)
            case .impersonatedServiceAccount(let sourceFile, let impersonation, let quota, let path):
                let inner = try source(for: sourceFile, fromGcloud: fromGcloud, nested: true)
                let provider = GCPImpersonatedServiceAccountProvider(
                    source: inner.provider, impersonation: impersonation, quotaProjectID: quota, path: path, loginHint: inner.hint,
                    collector: collector
                )
                return Source(provider: provider, description: "\(provider.sourceDescription) via \(inner.description)", hint: inner.hint)
            }
        }
    }
}
