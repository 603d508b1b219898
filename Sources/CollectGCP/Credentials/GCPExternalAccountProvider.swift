import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Workload identity federation (`"type": "external_account"`): a subject token from another
/// identity provider, exchanged at the Security Token Service (`token_url`) for a Google token
/// (RFC 8693 token exchange), then, with `service_account_impersonation_url`, exchanged again
/// for a token of that service account.
///
/// Supported subject-token sources: `credential_source.file` and `credential_source.url` (with
/// `headers`), each in `format.type` `text` (the default) or `json` (`subject_token_field_name`).
/// Not supported: AWS (`environment_id`), executables (`executable`), and workforce pools that
/// need client authentication (`client_id` / `client_secret`); such files get `.misconfigured`.
public struct GCPExternalAccountProvider: GCPTokenProvider, CustomStringConvertible {
    public struct Configuration: Sendable, CustomStringConvertible {
        public enum SubjectTokenSource: Sendable, Hashable {
            case file(String)
            case url(String, headers: [String: String])
        }

        public var audience: String
        public var subjectTokenType: String
        public var tokenURL: String
        public var subjectTokenSource: SubjectTokenSource
        /// nil for `text`; the field to read for `json`.
        public var subjectTokenField: String?
        public var impersonation: GCPServiceAccountImpersonation?
        public var quotaProjectID: String?
        public var workforcePoolUserProject: String?
        public var path: String

        init(_ fields: GCPCredentialFields, home: String) throws {
            let kind = "external_account"
            audience = try fields.required("audience", for: kind)
            subjectTokenType = try fields.required("subject_token_type", for: kind)
            tokenURL = try fields.string("token_url") ?? GCPExternalAccountProvider.googleSTSURL
            quotaProjectID = try fields.string("quota_project_id")
            workforcePoolUserProject = try fields.string("workforce_pool_user_project")
            path = fields.path
            if try fields.string("client_id") != nil || fields.string("client_secret") != nil {
                throw CollectorError.misconfigured("\(path): external accounts with client_id / client_secret are not supported; use a service account key or gcloud login")
            }
            guard let source = try fields.object("credential_source") else {
                throw CollectorError.misconfigured("\(path): external_account file lacks field credential_source")
            }
            if try source.string("environment_id") != nil {
                throw CollectorError.misconfigured("\(path): credential_source.environment_id (AWS) is not supported; use a file or URL source")
            }
            if try source.object("executable") != nil {
                throw CollectorError.misconfigured("\(path): credential_source.executable is not supported; use a file or URL source")
            }
            if let file = try source.string("file") {
                subjectTokenSource = .file(GCPPath.expand(file, home: home))
            } else if let url = try source.string("url") {
                subjectTokenSource = .url(url, headers: try source.stringMap("headers") ?? [:])
            } else {
                throw CollectorError.misconfigured("\(path): credential_source needs file or url")
            }
            subjectTokenField = nil
            if let format = try source.object("format") {
                switch try format.string("type") ?? "text" {
                case "text": break
                case "json":
                    guard let field = try format.string("subject_token_field_name") else {
                        throw CollectorError.misconfigured("\(path): credential_source.format of type json lacks subject_token_field_name")
                    }
                    subjectTokenField = field
                default:
                    throw CollectorError.misconfigured("\(path): credential_source.format.type must be text or json")
                }
            }
            impersonation = nil
            if let url = try fields.string("service_account_impersonation_url") {
                var lifetime: TimeInterval = 3600
                if let options = try fields.object("service_account_impersonation"),
                   let seconds = try options.integer("token_lifetime_seconds") {
                    guard (600...43200).contains(seconds) else {
                        throw CollectorError.misconfigured("\(path): service_account_impersonation.token_lifetime_seconds must be from 600 to 43200")
                    }
                    lifetime = TimeInterval(seconds)
                }
                impersonation = GCPServiceAccountImpersonation(url: url, lifetime: lifetime)
            }
        }

        public var description: String { "external account \(path)" }
    }

    public static let googleSTSURL = "https://sts.googleapis.com/v1/token"
    static let grantType = "urn:ietf:params:oauth:grant-type:token-exchange"
    static let requestedTokenType = "urn:ietf:params:oauth:token-type:access_token"

    public let configuration: Configuration
    public let scopes: [String]
    public let files: any GCPFileReader
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(
        configuration: Configuration, scopes: [String] = GCPOAuthScopes.burnwatch, files: any GCPFileReader = GCPDiskFileReader(),
        collector: CollectorID = "gcp", timeout: TimeInterval = 10
    ) {
        self.configuration = configuration
        self.scopes = scopes
        self.files = files
        self.collector = collector
        self.timeout = timeout
    }

    public var sourceDescription: String {
        if let email = configuration.impersonation?.targetEmail { return "workload identity federation as \(email)" }
        return "workload identity federation"
    }

    public var loginHint: String {
        "check the subject token source and the workload identity pool provider in \(configuration.path)"
    }

    public var description: String { "GCPExternalAccountProvider(\(sourceDescription), \(configuration.path))" }

    /// The subject token, read afresh: the other provider rotates it.
    func subjectToken(transport: any Transport) async throws -> String {
        let raw: [UInt8]
        let origin: String
        switch configuration.subjectTokenSource {
        case .file(let path):
            origin = "subject token file \(path)"
            guard let bytes = try files.contents(ofFile: path) else {
                throw CollectorError.noCredentials(hint: loginHint, "the \(origin) (credential_source of \(configuration.path)) does not exist")
            }
            raw = bytes
        case .url(let text, let headers):
            guard let url = URL(string: text), url.scheme != nil else {
                throw CollectorError.misconfigured("\(configuration.path): credential_source.url is not a URL")
            }
            origin = "subject token URL \(url.host ?? text)"
            let request = HTTPRequest(
                method: "GET", url: url, headers: headers.sorted { $0.key < $1.key }.map { HTTPHeader($0.key, $0.value) },
                collector: collector, timeout: timeout
            )
            let response = try await transport.send(request)
            if response.status >= 500 {
                throw CollectorError.serverError(status: response.status, "the \(origin) answered HTTP \(response.status)")
            }
            guard (200..<300).contains(response.status) else {
                throw CollectorError.unauthorized(hint: loginHint, "the \(origin) answered HTTP \(response.status)")
            }
            raw = response.body
        }
        let token: String?
        if let field = configuration.subjectTokenField {
            let object = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any]
            token = object?[field] as? String
            guard token != nil else {
                throw CollectorError.misconfigured("the \(origin) is not JSON with a string field \(field)")
            }
        } else {
            token = String(bytes: raw, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let token, !token.isEmpty else {
            throw CollectorError.misconfigured("the \(origin) holds no token")
        }
        return token
    }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let subject = try await subjectToken(transport: transport)
        guard let url = URL(string: configuration.tokenURL), url.scheme != nil else {
            throw CollectorError.misconfigured("\(configuration.path): token_url is not a URL")
        }
        var form = [
            ("grant_type", Self.grantType), ("audience", configuration.audience), ("scope", scopes.joined(separator: " ")),
            ("requested_token_type", Self.requestedTokenType), ("subject_token", subject), ("subject_token_type", configuration.subjectTokenType),
        ]
        if let project = configuration.workforcePoolUserProject, configuration.impersonation == nil {
            let options = try GCPJSON.encode(["userProject": project])
            form.append(("options", String(decoding: options, as: UTF8.self)))
        }
        let exchange = GCPTokenExchange(url: url, form: form, api: .stsToken, refusalHint: loginHint, collector: collector, timeout: timeout)
        let answer = try await exchange.send(transport: transport)
        let quotaProject = configuration.quotaProjectID.map { Sanitizer.clean($0) }
        let federated = GCPAccessToken(
            value: answer.value, expiry: now.addingTimeInterval(answer.lifetime), source: sourceDescription, quotaProject: quotaProject
        )
        guard let impersonation = configuration.impersonation else { return federated }
        return try await impersonation.token(
            using: federated, at: now, origin: configuration.path, sourceDescription: sourceDescription, quotaProject: quotaProject,
            refusalHint: loginHint, collector: collector, timeout: timeout, transport: transport
        )
    }
}
