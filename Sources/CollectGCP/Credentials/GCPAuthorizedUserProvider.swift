import BurnwatchCollect
import BurnwatchCore
import Foundation

/// A user login (`"type": "authorized_user"`), as `gcloud auth application-default login`
/// writes it: the refresh-token grant at `token_uri` (default `oauth2.googleapis.com/token`).
///
/// The file is read again before every refresh, so logging in again while burnwatch runs
/// replaces a revoked refresh token without a restart. `quota_project_id` becomes the tokens'
/// `quotaProject`, which `GCPClient` sends as `x-goog-user-project` (the Budget API needs it
/// for user credentials).
public struct GCPAuthorizedUserProvider: GCPTokenProvider, CustomStringConvertible {
    /// What burnwatch needs from the file. `description` and `dump` never show the secrets.
    public struct Login: Sendable, CustomStringConvertible, CustomReflectable {
        public var clientID: String
        var clientSecret: String
        var refreshToken: String
        public var tokenURI: String
        public var quotaProjectID: String?
        public var path: String

        public init(clientID: String, clientSecret: String, refreshToken: String, tokenURI: String = GCPServiceAccountProvider.googleTokenURI, quotaProjectID: String? = nil, path: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.refreshToken = refreshToken
            self.tokenURI = tokenURI
            self.quotaProjectID = quotaProjectID
            self.path = path
        }

        init(_ fields: GCPCredentialFields) throws {
            let kind = "authorized_user"
            clientID = try fields.required("client_id", for: kind)
            clientSecret = try fields.required("client_secret", for: kind)
            refreshToken = try fields.required("refresh_token", for: kind)
            tokenURI = try fields.string("token_uri") ?? GCPServiceAccountProvider.googleTokenURI
            quotaProjectID = try fields.string("quota_project_id")
            path = fields.path
        }

        public var description: String { "user login \(path)" }
        public var customMirror: Mirror { Mirror(self, children: ["path": path]) }
    }

    public let login: Login
    /// Where to read the file again before each refresh; nil keeps `login` as given.
    public let files: (any GCPFileReader)?
    /// `[gcp.endpoints] token`: replaces the file's `token_uri`.
    public let tokenEndpoint: String?
    public let sourceDescription: String
    /// The fix when Google refuses the refresh token.
    public let loginHint: String
    public let collector: CollectorID
    public let timeout: TimeInterval

    public static let gcloudLoginHint = "run: gcloud auth application-default login"

    public init(
        login: Login, rereadingFrom files: (any GCPFileReader)? = nil, tokenEndpoint: String? = nil,
        sourceDescription: String = "gcloud user login", loginHint: String = gcloudLoginHint, collector: CollectorID = "gcp",
        timeout: TimeInterval = 10
    ) {
        self.login = login
        self.files = files
        self.tokenEndpoint = tokenEndpoint
        self.sourceDescription = sourceDescription
        self.loginHint = loginHint
        self.collector = collector
        self.timeout = timeout
    }

    public var description: String { "GCPAuthorizedUserProvider(\(sourceDescription), \(login.path))" }

    /// The login as the file holds it now.
    func currentLogin() throws -> Login {
        guard let files else { return login }
        guard let bytes = try files.contents(ofFile: login.path) else {
            throw CollectorError.unauthorized(hint: loginHint, "the user login file \(login.path) is gone")
        }
        let fields = try GCPCredentialFields(bytes, path: login.path)
        guard try fields.string("type") == "authorized_user" else {
            throw CollectorError.misconfigured("\(login.path) no longer holds an authorized_user login; restart burnwatch to use it")
        }
        return try Login(fields)
    }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let login = try currentLogin()
        guard let url = URL(string: tokenEndpoint ?? login.tokenURI), url.scheme != nil else {
            throw CollectorError.misconfigured("\(login.path): token_uri is not a URL")
        }
        let exchange = GCPTokenExchange(
            url: url,
            form: [
                ("grant_type", "refresh_token"), ("client_id", login.clientID), ("client_secret", login.clientSecret),
                ("refresh_token", login.refreshToken),
            ],
            api: .oauthToken, refusalHint: loginHint, collector: collector, timeout: timeout
        )
        let answer = try await exchange.send(transport: transport)
        return GCPAccessToken(
            value: answer.value, expiry: now.addingTimeInterval(answer.lifetime), source: sourceDescription,
            quotaProject: login.quotaProjectID.map { Sanitizer.clean($0) }
        )
    }
}
