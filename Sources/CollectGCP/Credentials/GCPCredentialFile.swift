import BurnwatchCollect
import Foundation

/// A JSON credential file, by its `type`: what `GOOGLE_APPLICATION_CREDENTIALS` points at, or
/// gcloud's `application_default_credentials.json`.
///
/// Parsing checks every field burnwatch needs; a missing or mistyped one throws `.misconfigured`
/// naming the file and the field, never a value.
public indirect enum GCPCredentialFile: Sendable, CustomStringConvertible {
    case serviceAccount(GCPServiceAccountProvider.Key)
    case authorizedUser(GCPAuthorizedUserProvider.Login)
    case externalAccount(GCPExternalAccountProvider.Configuration)
    case impersonatedServiceAccount(source: GCPCredentialFile, impersonation: GCPServiceAccountImpersonation, quotaProjectID: String?, path: String)

    /// `homeDirectory` expands `~` in paths the file names (an external account's token file).
    public static func parse(_ bytes: [UInt8], path: String, homeDirectory: String) throws -> GCPCredentialFile {
        try parse(GCPCredentialFields(bytes, path: path), home: homeDirectory)
    }

    static func parse(_ fields: GCPCredentialFields, home: String) throws -> GCPCredentialFile {
        guard let type = try fields.string("type") else {
            throw CollectorError.misconfigured("\(fields.path): credential file lacks field type")
        }
        switch type {
        case "service_account":
            return .serviceAccount(try GCPServiceAccountProvider.Key(fields))
        case "authorized_user":
            return .authorizedUser(try GCPAuthorizedUserProvider.Login(fields))
        case "external_account":
            return .externalAccount(try GCPExternalAccountProvider.Configuration(fields, home: home))
        case "impersonated_service_account":
            let url = try fields.required("service_account_impersonation_url", for: type)
            guard let nested = try fields.object("source_credentials") else {
                throw CollectorError.misconfigured("\(fields.path): \(type) file lacks field source_credentials")
            }
            let source = try parse(nested, home: home)
            if case .impersonatedServiceAccount = source {
                throw CollectorError.misconfigured("\(fields.path): source_credentials may not be impersonated again")
            }
            let delegates = try fields.stringList("delegates") ?? []
            return .impersonatedServiceAccount(
                source: source, impersonation: GCPServiceAccountImpersonation(url: url, delegates: delegates),
                quotaProjectID: try fields.string("quota_project_id"), path: fields.path
            )
        default:
            let shown = type.count <= 40 && type.allSatisfy({ $0.isLetter || $0 == "_" }) ? type : "unknown"
            throw CollectorError.misconfigured(
                "\(fields.path): credential type \(shown) is not supported (use service_account, authorized_user, external_account or impersonated_service_account)"
            )
        }
    }

    /// The file it came from.
    public var path: String {
        switch self {
        case .serviceAccount(let key): key.path
        case .authorizedUser(let login): login.path
        case .externalAccount(let configuration): configuration.path
        case .impersonatedServiceAccount(_, _, _, let path): path
        }
    }

    /// The project the file names: a key's `project_id`, else a `quota_project_id`.
    public var projectID: String? {
        switch self {
        case .serviceAccount(let key): key.projectID
        case .authorizedUser(let login): login.quotaProjectID
        case .externalAccount(let configuration): configuration.quotaProjectID
        case .impersonatedServiceAccount(let source, _, let quota, _): quota ?? source.projectID
        }
    }

    public var description: String {
        switch self {
        case .serviceAccount: "service_account \(path)"
        case .authorizedUser: "authorized_user \(path)"
        case .externalAccount: "external_account \(path)"
        case .impersonatedServiceAccount: "impersonated_service_account \(path)"
        }
    }
}
