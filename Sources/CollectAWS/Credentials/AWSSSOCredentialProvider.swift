import BurnwatchCollect
import BurnwatchCore
import Crypto
import Foundation

/// IAM Identity Center (SSO): the access token `aws sso login` cached, exchanged for role
/// credentials with the portal's `GetRoleCredentials` (unsigned; the bearer token is the proof).
///
/// The cache file is `~/.aws/sso/cache/{sha1(session name)}.json` for an `sso_session` profile
/// and `{sha1(start url)}.json` for a legacy one. burnwatch never refreshes the login itself:
/// a missing or expired token means the user has to log in again, and the hint says how.
public struct AWSSSOCredentialProvider: AWSCredentialProvider {
    public let profileName: String
    public let accountID: String
    public let roleName: String
    /// The region of the portal (`sso_region`).
    public let ssoRegion: String
    public let startURL: String
    /// The `[sso-session name]`; nil for a legacy profile with `sso_start_url` only.
    public let sessionName: String?
    public let homeDirectory: String
    public let files: any AWSFileReader
    public let endpoints: AWSEndpointResolver
    public let collector: CollectorID
    public let timeout: TimeInterval

    public init(
        profileName: String, accountID: String, roleName: String, ssoRegion: String, startURL: String, sessionName: String?,
        homeDirectory: String, files: any AWSFileReader = AWSDiskFileReader(), endpoints: AWSEndpointResolver,
        collector: CollectorID = "aws", timeout: TimeInterval = 10
    ) {
        self.profileName = profileName
        self.accountID = accountID
        self.roleName = roleName
        self.ssoRegion = ssoRegion
        self.startURL = startURL
        self.sessionName = sessionName
        self.homeDirectory = homeDirectory
        self.files = files
        self.endpoints = endpoints
        self.collector = collector
        self.timeout = timeout
    }

    public var sourceDescription: String { "profile \(profileName) (SSO)" }

    /// `run: aws sso login --profile X`, or `run: aws sso login` for the default profile.
    public var loginHint: String { AWSProfile(name: profileName).ssoLoginHint }

    /// Where `aws sso login` left the token for this profile.
    public var tokenCachePath: String {
        let digest = Insecure.SHA1.hash(data: Data((sessionName ?? startURL).utf8))
        let hex = digest.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
        return AWSPath.join(AWSPath.join(homeDirectory, ".aws/sso/cache"), hex + ".json")
    }

    private struct CachedToken: Decodable {
        var accessToken: String?
        var expiresAt: String?
    }

    /// The cached access token, or `.unauthorized` with the login hint when it is missing,
    /// unreadable or expired at `now`.
    func accessToken(at now: Date) throws -> String {
        let path = tokenCachePath
        guard let bytes = try files.contents(ofFile: path) else {
            throw CollectorError.unauthorized(hint: loginHint, "no SSO login cached for profile \(profileName) (\(path) does not exist)")
        }
        guard let token = try? JSONDecoder().decode(CachedToken.self, from: Data(bytes)),
              let accessToken = token.accessToken, !accessToken.isEmpty,
              let expiresText = token.expiresAt, let expiresAt = AWSTimestamp.parse(expiresText)
        else {
            throw CollectorError.unauthorized(hint: loginHint, "the SSO token cache \(path) is not readable")
        }
        guard expiresAt > now else {
            throw CollectorError.unauthorized(hint: loginHint, "the SSO login for profile \(profileName) expired")
        }
        return accessToken
    }

    private struct Answer: Decodable {
        struct RoleCredentials: Decodable {
            var accessKeyId: String?
            var secretAccessKey: String?
            var sessionToken: String?
            /// Epoch milliseconds.
            var expiration: Double?
        }
        var roleCredentials: RoleCredentials?
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        let token = try accessToken(at: now)
        let base = endpoints.resolve(.sso, region: ssoRegion).baseURL
        let request = HTTPRequest(
            method: "GET", url: AWSClient.join(base, path: "/federation/credentials", query: [("role_name", roleName), ("account_id", accountID)]),
            headers: [HTTPHeader("x-amz-sso_bearer_token", token), HTTPHeader("Accept", "application/json")],
            collector: collector, timeout: timeout
        )
        let response = try await transport.send(request)
        guard response.status < 300 else {
            let error = AWSServiceError.decode(status: response.status, headers: response.headers, body: response.body, action: "sso:GetRoleCredentials")
            if response.status == 401 || response.status == 403 {
                throw CollectorError.unauthorized(hint: loginHint, "the SSO portal refused the cached login: \(error.code)")
            }
            throw error.collectorError(retryAfter: AWSClient.retryAfter(response), profileHint: loginHint)
        }
        let answer = try AWSJSON.decode(Answer.self, from: response.body, operation: "sso:GetRoleCredentials")
        guard let role = answer.roleCredentials, let keyID = role.accessKeyId, !keyID.isEmpty,
              let secret = role.secretAccessKey, !secret.isEmpty
        else {
            throw CollectorError.malformedResponse("sso:GetRoleCredentials: answer has no roleCredentials keys")
        }
        let expiration = role.expiration.map { Date(timeIntervalSince1970: $0 / 1000) }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: role.sessionToken.flatMap { $0.isEmpty ? nil : $0 },
            expiration: expiration, source: sourceDescription
        )
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
