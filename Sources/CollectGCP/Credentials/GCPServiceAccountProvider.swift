import BurnwatchCollect
import BurnwatchCore
import Foundation

/// A service-account key file (`"type": "service_account"`): an RS256-signed JWT assertion
/// exchanged at the key's `token_uri` for an access token (the JWT bearer grant, RFC 7523).
///
/// The assertion's header is `{"alg":"RS256","kid":private_key_id,"typ":"JWT"}`; its claims are
/// `iss` = `client_email`, `scope` (space-separated), `aud` = `token_uri`, `iat` = now and
/// `exp` = `iat` + 3600 (the longest Google accepts).
public struct GCPServiceAccountProvider: GCPTokenProvider, CustomStringConvertible {
    /// What burnwatch needs from the key file. The private key lives only inside `signer`.
    public struct Key: Sendable, CustomStringConvertible, CustomReflectable {
        public var clientEmail: String
        public var privateKeyID: String?
        public var tokenURI: String
        public var projectID: String?
        /// The file it came from, for errors and hints.
        public var path: String
        let signer: GCPJWTSigner

        public init(clientEmail: String, privateKeyID: String?, tokenURI: String, projectID: String?, path: String, signer: GCPJWTSigner) {
            self.clientEmail = clientEmail
            self.privateKeyID = privateKeyID
            self.tokenURI = tokenURI
            self.projectID = projectID
            self.path = path
            self.signer = signer
        }

        /// Reads a parsed key file; `.misconfigured` names the file and the field at fault.
        init(_ fields: GCPCredentialFields) throws {
            let kind = "service account key"
            clientEmail = try fields.required("client_email", for: kind)
            let pem = try fields.required("private_key", for: kind)
            signer = try GCPJWTSigner(pemRepresentation: pem, origin: fields.path)
            privateKeyID = try fields.string("private_key_id")
            tokenURI = try fields.string("token_uri") ?? GCPServiceAccountProvider.googleTokenURI
            projectID = try fields.string("project_id")
            path = fields.path
        }

        public var description: String { "service account key \(path) (\(clientEmail))" }
        public var customMirror: Mirror { Mirror(self, children: ["path": path, "clientEmail": clientEmail]) }
    }

    public static let googleTokenURI = "https://oauth2.googleapis.com/token"
    static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    /// Google refuses assertions that live longer than an hour.
    static let assertionLifetime: TimeInterval = 3600

    public let key: Key
    public let scopes: [String]
    /// `[gcp.endpoints] token`: replaces the key's `token_uri` as the place to POST (the
    /// assertion's `aud` stays `token_uri`, which is what Google checks).
    public let tokenEndpoint: String?
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(
        key: Key, scopes: [String] = GCPOAuthScopes.burnwatch, tokenEndpoint: String? = nil, collector: CollectorID = "gcp",
        timeout: TimeInterval = 10
    ) {
        self.key = key
        self.scopes = scopes
        self.tokenEndpoint = tokenEndpoint
        self.collector = collector
        self.timeout = timeout
    }

    public var sourceDescription: String { "service account \(Sanitizer.clean(key.clientEmail))" }
    public var loginHint: String { "check the service account key \(key.path) (deleted or disabled keys need a new one) and the system clock" }
    public var description: String { "GCPServiceAccountProvider(\(sourceDescription))" }

    struct Header: Encodable {
        var alg = "RS256"
        var kid: String?
        var typ = "JWT"
    }

    struct Claims: Encodable {
        var iss: String
        var scope: String
        var aud: String
        var iat: Int64
        var exp: Int64
    }

    /// The signed JWT assertion for a request made at `now`.
    public func assertion(at now: Date) throws -> String {
        let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
        let claims = Claims(
            iss: key.clientEmail, scope: scopes.joined(separator: " "), aud: key.tokenURI, iat: issuedAt,
            exp: issuedAt + Int64(Self.assertionLifetime)
        )
        return try key.signer.sign(header: Header(kid: key.privateKeyID), claims: claims)
    }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let endpoint = tokenEndpoint ?? key.tokenURI
        guard let url = URL(string: endpoint), url.scheme != nil else {
            throw CollectorError.misconfigured("\(key.path): token_uri is not a URL")
        }
        let exchange = GCPTokenExchange(
            url: url, form: [("grant_type", Self.grantType), ("assertion", try assertion(at: now))], api: .oauthToken,
            refusalHint: loginHint, collector: collector, timeout: timeout
        )
        let answer = try await exchange.send(transport: transport)
        return GCPAccessToken(value: answer.value, expiry: now.addingTimeInterval(answer.lifetime), source: sourceDescription)
    }
}
