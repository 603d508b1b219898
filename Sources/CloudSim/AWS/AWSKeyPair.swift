/// An access key the simulator accepts, and the identity it stands for.
public struct AWSKeyPair: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Temporary credentials (from AssumeRole) must send this as `X-Amz-Security-Token`.
    public var sessionToken: String?
    public var account: String
    /// What STS GetCallerIdentity answers as `Arn`.
    public var arn: String
    /// What STS GetCallerIdentity answers as `UserId`.
    public var userID: String

    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, account: String, arn: String, userID: String
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.account = account
        self.arn = arn
        self.userID = userID
    }

    /// The key pair of `burnwatch demo`: a made-up key for the demo account, valid only against
    /// the simulator (it is not secret, and no real AWS account knows it).
    public static let demo = AWSKeyPair(
        accessKeyID: "AKIDBURNWATCHDEMO000",
        secretAccessKey: "burnwatch+demo/Simulated/Secret/Key/0000",
        account: "123456789012",
        arn: "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/demo",
        userID: "AROABURNWATCHREADONLY:demo"
    )
}
