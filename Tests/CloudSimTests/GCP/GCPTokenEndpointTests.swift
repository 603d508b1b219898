import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct GCPTokenEndpointTests {
    @Test func aCorrectlySignedAssertionGetsABearerTokenThatOpensTheAPIs() async throws {
        try await withDemoGCP { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let assertion = client.signer.assertion(
                audience: client.server.tokenURL.absoluteString, issuedAt: now, expires: now + 3600, scope: GCPTestClient.cloudPlatform
            )
            let answer = try await client.exchange(assertion)
            #expect(answer.status == 200)
            let token = try #require(answer.json?["access_token"]?.stringValue)
            #expect(answer.json?["expires_in"] == .number(3599))
            #expect(answer.json?["token_type"] == "Bearer")
            #expect(token.hasPrefix("ya29.") && token.count > 40)
            // A second exchange gives another, unrelated token.
            let again = try await client.exchange(assertion)
            #expect(again.json?["access_token"]?.stringValue != token)

            let endpoints = try await client.get("/v1/projects/ml-prod-123/locations/us-central1/endpoints", token: token)
            #expect(endpoints.status == 200)
            #expect(client.server.callCount(.token) == 2)
        }
    }

    @Test func theKeyFileNamesThisServerAndHoldsAPKCS8Key() throws {
        let url = URL(string: "http://127.0.0.1:4242/token")!
        let json = try #require(AWSJSONValue.parse(Array(gcpTestAccount.keyFileJSON(tokenURI: url).utf8)))
        #expect(json["type"] == "service_account")
        #expect(json["project_id"] == "ml-prod-123")
        #expect(json["token_uri"] == "http://127.0.0.1:4242/token")
        #expect(json["client_email"] == "burnwatch-demo@ml-prod-123.iam.gserviceaccount.com")
        #expect(json["private_key_id"]?.stringValue?.count == 40)
        let pem = try #require(json["private_key"]?.stringValue)
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n") && pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        // Generated at runtime: two accounts never share a key.
        let other = try SimulatedGCPServiceAccount.generate(project: "ml-prod-123")
        #expect(other.keyID != gcpTestAccount.keyID)
        #expect(other.keyFileJSON(tokenURI: url) != gcpTestAccount.keyFileJSON(tokenURI: url))
    }

    @Test func aTamperedSignatureIsRefused() async throws {
        try await withDemoGCP { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let good = client.signer.assertion(audience: client.server.tokenURL.absoluteString, issuedAt: now, expires: now + 3600, scope: GCPTestClient.cloudPlatform)
            var parts = good.split(separator: ".").map(String.init)
            // Flip one bit of the signature's first byte.
            var signature = try #require(GCPJWTAssertion.base64URLDecode(Substring(parts[2])))
            signature[0] ^= 0x01
            parts[2] = GCPTestSigner.base64URL(signature)
            let tampered = try await client.exchange(parts.joined(separator: "."))
            #expect(tampered.status == 400)
            #expect(tampered.oauthError == "invalid_grant")
            #expect(tampered.oauthDescription == "Invalid JWT Signature.")

            // Claims changed after signing: the signature no longer covers them.
            let forgedClaims: AWSJSONValue = [
                "iss": .string(client.signer.email), "scope": .string(GCPTestClient.cloudPlatform),
                "aud": .string(client.server.tokenURL.absoluteString), "iat": .number(now), "exp": .number(now + 60),
            ]
            let swapped = [parts[0], GCPTestSigner.base64URL(forgedClaims.bytes), good.split(separator: ".").map(String.init)[2]]
            let forged = try await client.exchange(swapped.joined(separator: "."))
            #expect(forged.oauthDescription == "Invalid JWT Signature.")

            // Signed by a key the server does not know, claiming to be the registered account.
            let stranger = try SimulatedGCPServiceAccount.generate(project: "ml-prod-123")
            var impostor = try GCPTestSigner(keyFile: stranger.keyFileJSON(tokenURI: client.server.tokenURL))
            impostor.keyID = client.signer.keyID
            let foreign = try await client.exchange(impostor.assertion(
                audience: client.server.tokenURL.absoluteString, issuedAt: now, expires: now + 3600, scope: GCPTestClient.cloudPlatform,
                issuer: client.signer.email
            ))
            #expect(foreign.status == 400 && foreign.oauthDescription == "Invalid JWT Signature.")
        }
    }

    @Test func aWrongAudienceIsRefusedButTheConfiguredTokenURIIsAccepted() async throws {
        try await withDemoGCP { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let wrong = try await client.exchange(client.signer.assertion(
                audience: "https://example.com/token", issuedAt: now, expires: now + 3600, scope: GCPTestClient.cloudPlatform
            ))
            #expect(wrong.status == 400)
            #expect(wrong.oauthError == "invalid_grant")
            #expect(wrong.oauthDescription == "Invalid JWT: Failed audience check. The right audience is \(client.server.tokenURL.absoluteString)")
            let google = try await client.exchange(client.signer.assertion(
                audience: "https://oauth2.googleapis.com/token", issuedAt: now, expires: now + 3600, scope: GCPTestClient.cloudPlatform
            ))
            #expect(google.status == 200)
        }
    }

    @Test func expiredFutureAndOverlongAssertionsAreRefused() async throws {
        try await withDemoGCP { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let audience = client.server.tokenURL.absoluteString
            let expectedText = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
            for (issuedAt, expires) in [(now - 7200, now - 3600), (now + 3600, now + 7200), (now, now + 3601), (now, now)] {
                let answer = try await client.exchange(client.signer.assertion(audience: audience, issuedAt: issuedAt, expires: expires, scope: GCPTestClient.cloudPlatform))
                #expect(answer.status == 400, "iat \(issuedAt - now), exp \(expires - now)")
                #expect(answer.oauthDescription == expectedText)
            }
            // Within the 5-minute skew on either side is fine.
            let skewed = try await client.exchange(client.signer.assertion(audience: audience, issuedAt: now + 200, expires: now + 3000, scope: GCPTestClient.cloudPlatform))
            #expect(skewed.status == 200)
            let justExpired = try await client.exchange(client.signer.assertion(audience: audience, issuedAt: now - 3700, expires: now - 100, scope: GCPTestClient.cloudPlatform))
            #expect(justExpired.status == 200)
        }
    }

    @Test func badHeadersIssuersAndScopesAreRefused() async throws {
        try await withDemoGCP { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let audience = client.server.tokenURL.absoluteString
            let unknown = try await client.exchange(client.signer.assertion(
                audience: audience, issuedAt: now, expires: now + 60, scope: GCPTestClient.cloudPlatform, issuer: "someone@else.iam.gserviceaccount.com"
            ))
            #expect(unknown.oauthError == "invalid_grant" && unknown.oauthDescription == "Invalid grant: account not found")

            let wrongKid = try await client.exchange(client.signer.assertion(
                audience: audience, issuedAt: now, expires: now + 60, scope: GCPTestClient.cloudPlatform,
                header: ["alg": "RS256", "typ": "JWT", "kid": "0000000000000000000000000000000000000000"]
            ))
            #expect(wrongKid.oauthDescription == "Invalid JWT Signature.")
            let noKid = try await client.exchange(client.signer.assertion(
                audience: audience, issuedAt: now, expires: now + 60, scope: GCPTestClient.cloudPlatform, header: ["alg": "RS256", "typ": "JWT"]
            ))
            #expect(noKid.status == 200)
            let hs256 = try await client.exchange(client.signer.assertion(
                audience: audience, issuedAt: now, expires: now + 60, scope: GCPTestClient.cloudPlatform, header: ["alg": "HS256", "typ": "JWT"]
            ))
            #expect(hs256.status == 400 && hs256.oauthError == "invalid_grant")

            let noScope = try await client.exchange(client.signer.assertion(audience: audience, issuedAt: now, expires: now + 60, scope: nil))
            #expect(noScope.status == 400 && noScope.oauthError == "invalid_scope")

            let garbage = try await client.exchange("not-a-jwt")
            #expect(garbage.status == 400 && garbage.oauthError == "invalid_grant")
            let grant = try await client.token([("grant_type", "client_credentials")])
            #expect(grant.status == 400 && grant.oauthError == "unsupported_grant_type")
            let json = try await client.send(method: "POST", path: "/token", headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
            #expect(json.status == 400 && json.oauthError == "invalid_request")
        }
    }

    @Test func theRefreshTokenGrantServesARegisteredAuthorizedUser() async throws {
        let user = SimulatedGCPAuthorizedUser(
            clientID: "764086051850-sim.apps.googleusercontent.com", clientSecret: "d-FL95Q19q7MQmFpd7hHD0Ty",
            refreshToken: "1//sim-refresh", account: "ops@example.com", quotaProject: "ml-prod-123"
        )
        try await withDemoGCP(options: SimulatedGCPOptions(authorizedUsers: [user])) { client, _, _ in
            let good = try await client.token([
                ("grant_type", "refresh_token"), ("client_id", user.clientID), ("client_secret", user.clientSecret), ("refresh_token", user.refreshToken),
            ])
            #expect(good.status == 200)
            #expect(good.json?["scope"]?.stringValue?.contains(GCPTestClient.cloudPlatform) == true)
            let token = try #require(good.json?["access_token"]?.stringValue)

            // Billing Budgets refuses user credentials without a quota project, and accepts them with one.
            let path = "/v1/billingAccounts/\(SimulatedGCPOptions.defaultBillingAccount)/budgets"
            let withoutQuota = try await client.get(path, token: token)
            #expect(withoutQuota.status == 403 && withoutQuota.errorStatus == "PERMISSION_DENIED")
            #expect(withoutQuota.errorMessage?.contains("requires a quota project") == true)
            let withQuota = try await client.get(path, token: token, headers: [("x-goog-user-project", "ml-prod-123")])
            #expect(withQuota.status == 200)
            let strangerQuota = try await client.get(path, token: token, headers: [("x-goog-user-project", "not-mine")])
            #expect(strangerQuota.status == 403 && strangerQuota.errorReason == "USER_PROJECT_DENIED")

            let badSecret = try await client.token([
                ("grant_type", "refresh_token"), ("client_id", user.clientID), ("client_secret", "nope"), ("refresh_token", user.refreshToken),
            ])
            #expect(badSecret.status == 401 && badSecret.oauthError == "invalid_client")
            let revoked = try await client.token([
                ("grant_type", "refresh_token"), ("client_id", user.clientID), ("client_secret", user.clientSecret), ("refresh_token", "1//other"),
            ])
            #expect(revoked.status == 400 && revoked.oauthError == "invalid_grant")
            let file = try #require(AWSJSONValue.parse(Array(user.credentialsFileJSON.utf8)))
            #expect(file["type"] == "authorized_user" && file["quota_project_id"] == "ml-prod-123")
        }
    }
}
