import BurnwatchCollect
import Crypto
import Foundation
import Testing
import _CryptoExtras
@testable import CollectGCP

@Suite struct GCPJWTSignerTests {
    /// RFC 7515 Appendix A.2.1: the RSA key of the example, as its JWK gives it (base64url).
    enum RFC7515A2 {
        static let n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"
        static let e = "AQAB"
        static let d = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ"
        static let p = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc"
        static let q = "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"

        /// A.2.1: the protected header and the payload, byte for byte (note the CRLFs).
        static let header = #"{"alg":"RS256"}"#
        static let payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"

        /// A.2.1: the encoded header and payload, and the complete JWS compact serialization.
        static let encodedHeader = "eyJhbGciOiJSUzI1NiJ9"
        static let encodedPayload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        static let encodedSignature = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"

        static func component(_ text: String) throws -> Data {
            try #require(GCPBase64URL.decode(text).map { Data($0) })
        }

        static func key() throws -> _RSA.Signing.PrivateKey {
            try _RSA.Signing.PrivateKey(n: component(n), e: component(e), d: component(d), p: component(p), q: component(q))
        }
    }

    @Test func rfc7515AppendixA2IsReproducedExactly() throws {
        let signer = GCPJWTSigner(privateKey: try RFC7515A2.key())
        let jws = try signer.sign(header: Array(RFC7515A2.header.utf8), payload: Array(RFC7515A2.payload.utf8))
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 3)
        #expect(parts.first == RFC7515A2.encodedHeader)
        #expect(parts.dropFirst().first == RFC7515A2.encodedPayload)
        #expect(parts.last == RFC7515A2.encodedSignature)
        #expect(jws == [RFC7515A2.encodedHeader, RFC7515A2.encodedPayload, RFC7515A2.encodedSignature].joined(separator: "."))
    }

    @Test func rfcSignatureVerifiesWithThePublicHalfOnly() throws {
        let publicKey = try _RSA.Signing.PublicKey(n: RFC7515A2.component(RFC7515A2.n), e: RFC7515A2.component(RFC7515A2.e))
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try RFC7515A2.component(RFC7515A2.encodedSignature))
        let input = Array("\(RFC7515A2.encodedHeader).\(RFC7515A2.encodedPayload)".utf8)
        #expect(publicKey.isValidSignature(signature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
        var tampered = input
        tampered[tampered.count - 1] ^= 1
        #expect(!publicKey.isValidSignature(signature, for: SHA256.hash(data: tampered), padding: .insecurePKCS1v1_5))
    }

    @Test func base64URLHasNoPaddingAndUsesTheURLAlphabet() {
        // 0xFB 0xFF encodes to "+/8=" in standard base64.
        #expect(GCPBase64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(GCPBase64URL.encode(Array("a".utf8)) == "YQ")
        #expect(GCPBase64URL.encode([]) == "")
        #expect(GCPBase64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(GCPBase64URL.decode("YQ") == Array("a".utf8))
        #expect(GCPBase64URL.decode("Y") == nil)
        #expect(GCPBase64URL.decode("Y*Q") == nil)
    }

    @Test func pkcs8AndPKCS1PEMKeysBothSign() throws {
        let key = TestKeys.serviceAccount
        for pem in [key.pkcs8PEMRepresentation, key.pemRepresentation] {
            let signer = try GCPJWTSigner(pemRepresentation: pem, origin: "test.json")
            let jws = try signer.sign(header: Array("{}".utf8), payload: Array("{}".utf8))
            let parts = jws.split(separator: ".").map(String.init)
            let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(GCPBase64URL.decode(parts[2])))
            let input = Array("\(parts[0]).\(parts[1])".utf8)
            #expect(key.publicKey.isValidSignature(signature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
        }
        #expect(key.pkcs8PEMRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func aKeyThatIsNotPEMIsAConfigurationErrorThatDoesNotEchoIt() {
        let garbage = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWXNlY3JldHN0dWZm\n-----END PRIVATE KEY-----\n"
        let error = caughtError { try GCPJWTSigner(pemRepresentation: garbage, origin: "/keys/sa.json") } as? CollectorError
        #expect(error?.kind == "misconfigured")
        #expect(error.map(visibleText)?.contains("/keys/sa.json") == true)
        #expect(error.map(visibleText)?.contains("private_key") == true)
        #expect(error.map(visibleText)?.contains("Tk9UQUtFWXNlY3JldHN0dWZm") == false)
    }
}
