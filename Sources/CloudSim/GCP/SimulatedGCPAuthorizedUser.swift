/// An `authorized_user` credential the token endpoint accepts for the refresh-token grant: what
/// `gcloud auth application-default login` writes (made up, valid only against the simulator).
public struct SimulatedGCPAuthorizedUser: Sendable, Hashable {
    public var clientID: String
    public var clientSecret: String
    public var refreshToken: String
    /// The user's email, the identity behind the tokens.
    public var account: String
    /// The project sent as `x-goog-user-project`; Billing Budgets refuses user tokens without one.
    public var quotaProject: String?
    /// The scopes the login granted.
    public var scopes: [String]

    public init(
        clientID: String, clientSecret: String, refreshToken: String, account: String, quotaProject: String? = nil,
        scopes: [String] = ["openid", "https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/cloud-platform"]
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.account = account
        self.quotaProject = quotaProject
        self.scopes = scopes
    }

    /// The `application_default_credentials.json` text for this user.
    public var credentialsFileJSON: String {
        var members: [(String, AWSJSONValue)] = [
            ("account", .string(account)), ("client_id", .string(clientID)), ("client_secret", .string(clientSecret)),
        ]
        if let quotaProject { members.append(("quota_project_id", .string(quotaProject))) }
        members += [("refresh_token", .string(refreshToken)), ("type", "authorized_user"), ("universe_domain", "googleapis.com")]
        return AWSJSONValue.object(members).text
    }
}
