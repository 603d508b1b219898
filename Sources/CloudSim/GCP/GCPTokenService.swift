import BurnwatchCollect
import Foundation

/// `POST /token`: Google's OAuth 2.0 token endpoint, for the two grants burnwatch uses.
///
/// - JWT bearer (RFC 7523), a service account's assertion: the RS256 signature is checked with
///   the registered public key (chosen by `kid` when the header names one), then `iss` (a
///   registered `client_email`), `aud` (this server's token URL or an accepted alias), `iat` /
///   `exp` (within the skew tolerance of the simulator's clock, at most an hour apart) and `scope`.
/// - Refresh token, an `authorized_user`: `client_id`, `client_secret` and `refresh_token` must
///   match a registered user.
///
/// Errors take OAuth's shape, `{"error": "invalid_grant", "error_description": "…"}`, with the
/// texts Google sends.
struct GCPTokenService: Sendable {
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    /// The longest lifetime Google accepts for an assertion.
    static let maximumAssertionLifetime: TimeInterval = 3600

    let options: SimulatedGCPOptions
    let accounts: LockedState<[SimulatedGCPServiceAccount.Registration]>
    let tokens: GCPAccessTokenStore

    func respond(to request: GCPRequest, now: Date, tokenURL: String) -> GCPResponse {
        guard request.method == "POST" else {
            return GCPTokenService.oauthError(405, "invalid_request", "The token endpoint takes POST requests only.")
        }
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return GCPTokenService.oauthError(400, "invalid_request", "Invalid Content-Type: expected application/x-www-form-urlencoded.")
        }
        let form = GCPRequest.formPairs(Substring(String(decoding: request.body, as: UTF8.self)))
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        switch field("grant_type") ?? "" {
        case GCPTokenService.jwtBearerGrant:
            return jwtBearer(assertion: field("assertion") ?? "", now: now, tokenURL: tokenURL)
        case "refresh_token":
            return refresh(clientID: field("client_id"), secret: field("client_secret"), token: field("refresh_token"), now: now)
        case let other:
            return GCPTokenService.oauthError(400, "unsupported_grant_type", "Invalid grant_type: \(other)")
        }
    }

    private func jwtBearer(assertion: String, now: Date, tokenURL: String) -> GCPResponse {
        func invalid(_ description: String) -> GCPResponse {
            GCPTokenService.oauthError(400, "invalid_grant", description)
        }
        guard let jwt = GCPJWTAssertion.parse(assertion) else {
            return invalid("Invalid JWT: the assertion is not a JWS compact serialization of a JSON header and claim set.")
        }
        guard jwt.header["alg"]?.stringValue == "RS256" else {
            return invalid("Invalid JWT: the signing algorithm must be RS256.")
        }
        guard let issuer = jwt.claims["iss"]?.stringValue,
            case let keys = accounts.withLock({ $0.filter { $0.clientEmail == issuer } }), !keys.isEmpty
        else {
            return invalid("Invalid grant: account not found")
        }
        var candidates = keys
        if let kid = jwt.header["kid"] {
            candidates = keys.filter { $0.keyID == kid.stringValue }
        }
        guard candidates.contains(where: { jwt.isSigned(by: $0.publicKey) }) else {
            return invalid("Invalid JWT Signature.")
        }
        let audiences = [tokenURL] + options.additionalTokenAudiences
        guard let audience = jwt.claims["aud"]?.stringValue, audiences.contains(audience) else {
            return invalid("Invalid JWT: Failed audience check. The right audience is \(tokenURL)")
        }
        guard let issuedAt = jwt.claims["iat"]?.numberValue, let expires = jwt.claims["exp"]?.numberValue,
            expires > issuedAt, expires - issuedAt <= GCPTokenService.maximumAssertionLifetime,
            issuedAt <= now.timeIntervalSince1970 + options.clockSkewTolerance,
            expires >= now.timeIntervalSince1970 - options.clockSkewTolerance
        else {
            return invalid(
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
            )
        }
        let scopes = (jwt.claims["scope"]?.stringValue ?? "").split(separator: " ").map(String.init)
        guard !scopes.isEmpty else {
            return GCPTokenService.oauthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.")
        }
        let grant = GCPAccessTokenStore.Grant(
            principal: issuer, scopes: Set(scopes), expires: now.addingTimeInterval(Double(options.accessTokenLifetime)), isUser: false
        )
        let token = tokens.issue(grant, now: now)
        return GCPTokenService.success(["access_token": .string(token), "expires_in": .number(Double(options.accessTokenLifetime)), "token_type": "Bearer"])
    }

    private func refresh(clientID: String?, secret: String?, token: String?, now: Date) -> GCPResponse {
        guard let clientID, let user = options.authorizedUsers.first(where: { $0.clientID == clientID }) else {
            return GCPTokenService.oauthError(401, "invalid_client", "The OAuth client was not found.")
        }
        guard secret == user.clientSecret else {
            return GCPTokenService.oauthError(401, "invalid_client", "Unauthorized")
        }
        guard let token, token == user.refreshToken else {
            return GCPTokenService.oauthError(400, "invalid_grant", "Token has been expired or revoked.")
        }
        let grant = GCPAccessTokenStore.Grant(
            principal: user.account, scopes: Set(user.scopes), expires: now.addingTimeInterval(Double(options.accessTokenLifetime)),
            isUser: true, quotaProject: user.quotaProject
        )
        let issued = tokens.issue(grant, now: now)
        return GCPTokenService.success([
            "access_token": .string(issued), "expires_in": .number(Double(options.accessTokenLifetime)),
            "scope": .string(user.scopes.joined(separator: " ")), "token_type": "Bearer",
        ])
    }

    private static func success(_ body: AWSJSONValue) -> GCPResponse {
        GCPResponse(
            status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"), ("Pragma", "no-cache")],
            body: body.bytes
        )
    }

    static func oauthError(_ status: Int, _ error: String, _ description: String) -> GCPResponse {
        let body: AWSJSONValue = ["error": .string(error), "error_description": .string(description)]
        return GCPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body.bytes)
    }
}
