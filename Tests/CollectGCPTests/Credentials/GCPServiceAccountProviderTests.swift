import BurnwatchCollect
import Crypto
import Foundation
import Testing
import _CryptoExtras
@testable import CollectGCP

@Suite struct GCPServiceAccountProviderTests {
    static func provider(tokenURI: String = "https://oauth2.googleapis.com/token", override: String? = nil) throws -> GCPServiceAccountProvider {
        let file = try GCPCredentialFile.parse(
            Array(CredentialFiles.serviceAccount(tokenURI: tokenURI).utf8), path: "/keys/reader.json", homeDirectory: "/home/tester"
        )
        guard case .serviceAccount(let key) = file else { throw CollectorError.misconfigured("not a service account") }
        return GCPServiceAccountProvider(key: key, tokenEndpoint: override)
    }

    /// The three parts of a compact JWS, decoded, with the signing input.
    static func decode(_ jwt: String) throws -> (header: [String: Any], claims: [String: Any], signature: [UInt8], input: [UInt8]) {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        let headerBytes = try #require(GCPBase64URL.decode(parts[0]))
        let claimBytes = try #require(GCPBase64URL.decode(parts[1]))
        let signature = try #require(GCPBase64URL.decode(parts[2]))
        let header = try #require(try JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any])
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(claimBytes)) as? [String: Any])
        return (header, claims, signature, Array("\(parts[0]).\(parts[1])".utf8))
    }

    @Test func theAssertionIsSignedWithTheKeyAndCarriesGooglesClaims() throws {
        let jwt = try Self.provider().assertion(at: gcpTestNow.addingTimeInterval(0.75))
        let (header, claims, signature, input) = try Self.decode(jwt)
        #expect(header.count == 3)
        #expect(header["alg"] as? String == "RS256")
        #expect(header["typ"] as? String == "JWT")
        #expect(header["kid"] as? String == CredentialFiles.privateKeyID)
        #expect(claims.count == 5)
        #expect(claims["iss"] as? String == CredentialFiles.clientEmail)
        #expect(claims["scope"] as? String == "https://www.googleapis.com/auth/cloud-platform")
        #expect(claims["aud"] as? String == "https://oauth2.googleapis.com/token")
        // 2025-03-01T12:00:00Z in whole seconds, and one hour later.
        #expect((claims["iat"] as? NSNumber)?.int64Value == 1_740_830_400)
        #expect((claims["exp"] as? NSNumber)?.int64Value == 1_740_834_000)
        let publicKey = TestKeys.serviceAccount.publicKey
        let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
        #expect(publicKey.isValidSignature(rsa, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey
        #expect(!other.isValidSignature(rsa, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
    }

    @Test func manyScopesAreSpaceSeparated() throws {
        let provider = GCPServiceAccountProvider(key: try Self.provider().key, scopes: ["a", "b"])
        let (_, claims, _, _) = try Self.decode(try provider.assertion(at: gcpTestNow))
        #expect(claims["scope"] as? String == "a b")
    }

    @Test func theTokenRequestIsAJWTBearerGrantAtTheKeysTokenURI() async throws {
        let transport = RecordingGCPTransport { _ in .token("ya29.service-token", expiresIn: 3599) }
        let provider = try Self.provider(tokenURI: "https://oauth2.example.test/token")
        let token = try await provider.token(at: gcpTestNow, transport: transport)
        #expect(token.value == "ya29.service-token")
        #expect(token.expiry == gcpTestNow.addingTimeInterval(3599))
        #expect(token.source == "service account \(CredentialFiles.clientEmail)")
        #expect(token.quotaProject == nil)
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://oauth2.example.test/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.collector == "gcp")
        // The grant type is percent-encoded on the wire (":" is not unreserved).
        #expect(request.bodyText.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
        let fields = request.formFields
        #expect(fields.keys.sorted() == ["assertion", "grant_type"])
        #expect(fields["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        let (_, claims, _, _) = try Self.decode(try #require(fields["assertion"]))
        #expect(claims["aud"] as? String == "https://oauth2.example.test/token")
    }

    @Test func theTokenEndpointOverrideMovesThePostButNotTheAudience() async throws {
        let transport = RecordingGCPTransport { _ in .token("ya29.sim") }
        let provider = try Self.provider(override: "http://127.0.0.1:9000/token")
        _ = try await provider.token(at: gcpTestNow, transport: transport)
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "http://127.0.0.1:9000/token")
        let (_, claims, _, _) = try Self.decode(try #require(request.formFields["assertion"]))
        #expect(claims["aud"] as? String == "https://oauth2.googleapis.com/token")
    }

    @Test func aRefusedKeyIsUnauthorizedWithAHintNamingTheFile() async throws {
        let transport = RecordingGCPTransport { _ in .json(400, #"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#) }
        let error = await caughtError { try await Self.provider().token(at: gcpTestNow, transport: transport) } as? CollectorError
        #expect(error?.kind == "unauthorized")
        #expect(error?.hint?.contains("/keys/reader.json") == true)
        #expect(error?.detail.contains("Invalid JWT Signature.") == true)
    }

    @Test func tokenEndpointOutagesAndThrottlesStayRetryable() async throws {
        let busy = RecordingGCPTransport { _ in .json(429, #"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}}"#) }
        let throttled = await caughtError { try await Self.provider().token(at: gcpTestNow, transport: busy) } as? CollectorError
        #expect(throttled?.isThrottle == true)
        let down = RecordingGCPTransport { _ in HTTPResponse(status: 502, body: Array("<html>bad gateway</html>".utf8)) }
        let outage = await caughtError { try await Self.provider().token(at: gcpTestNow, transport: down) } as? CollectorError
        #expect(outage?.kind == "server error 502")
        #expect(outage?.isRetryable == true)
    }

    @Test func answersWithoutATokenOrWithAnotherTypeAreMalformed() async throws {
        for body in [#"{"expires_in":3599,"token_type":"Bearer"}"#, #"{"access_token":"x","expires_in":3599,"token_type":"MAC"}"#, "not json", #"{"access_token":"x","expires_in":-5}"#] {
            let transport = RecordingGCPTransport { _ in .json(200, body) }
            let error = await caughtError { try await Self.provider().token(at: gcpTestNow, transport: transport) } as? CollectorError
            #expect(error?.kind == "malformed response", "\(body)")
        }
        // expires_in as a string is read; a missing one means Google's usual hour.
        let stringly = RecordingGCPTransport { _ in .json(200, #"{"access_token":"x","expires_in":"1200"}"#) }
        #expect(try await Self.provider().token(at: gcpTestNow, transport: stringly).expiry == gcpTestNow.addingTimeInterval(1200))
        let bare = RecordingGCPTransport { _ in .json(200, #"{"access_token":"x"}"#) }
        #expect(try await Self.provider().token(at: gcpTestNow, transport: bare).expiry == gcpTestNow.addingTimeInterval(3600))
    }

    /// The one scope burnwatch asks for must be accepted by every method it calls, per Google's
    /// discovery documents (the read-only scope would not do for Vertex endpoints or budgets).
    @Test func theScopeIsAcceptedByEveryMethodBurnwatchCalls() throws {
        let methods: [(file: String, path: [String])] = [
            ("aiplatform.v1.trimmed.json", ["projects", "locations", "endpoints", "list"]),
            ("monitoring.v3.json", ["projects", "timeSeries", "list"]),
            ("bigquery.v2.trimmed.json", ["jobs", "query"]),
            ("bigquery.v2.trimmed.json", ["jobs", "getQueryResults"]),
            ("billingbudgets.v1.json", ["billingAccounts", "budgets", "list"]),
        ]
        for (file, path) in methods {
            let data = try Data(contentsOf: SpecFixtures.discoveryDocuments.appendingPathComponent(file))
            var node = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            for resource in path.dropLast() {
                node = try #require((node["resources"] as? [String: Any])?[resource] as? [String: Any], "\(file) \(resource)")
            }
            let method = try #require((node["methods"] as? [String: Any])?[path.last!] as? [String: Any], "\(file) \(path)")
            let scopes = try #require(method["scopes"] as? [String])
            for scope in GCPOAuthScopes.burnwatch {
                #expect(scopes.contains(scope), "\(file) \(path.joined(separator: ".")) does not accept \(scope)")
            }
        }
    }
}
