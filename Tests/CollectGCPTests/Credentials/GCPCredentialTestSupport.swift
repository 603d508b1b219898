import BurnwatchCollect
import Foundation
import _CryptoExtras
@testable import CollectGCP

/// 2025-03-01T12:00:00Z, the "now" of the credential tests.
let gcpTestNow = Date(timeIntervalSince1970: 1_740_830_400)

/// A transport that answers from a closure and records every request, in order.
final class RecordingGCPTransport: Transport {
    private let answer: @Sendable (HTTPRequest) throws -> HTTPResponse
    private let log = LockedState<[HTTPRequest]>([])

    init(_ answer: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        self.answer = answer
    }

    /// Fails the call if anything is sent.
    static var refusing: RecordingGCPTransport {
        RecordingGCPTransport { _ in throw CollectorError.unreachable("no network in this test") }
    }

    var requests: [HTTPRequest] { log.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        return try answer(request)
    }
}

extension HTTPRequest {
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The decoded fields of an `application/x-www-form-urlencoded` body.
    var formFields: [String: String] {
        var fields: [String: String] = [:]
        for pair in bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}

extension HTTPResponse {
    static func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: Array(body.utf8))
    }

    /// A token endpoint's answer as Google sends it.
    static func token(_ value: String, expiresIn: Int = 3599) -> HTTPResponse {
        .json(200, #"{"access_token":"\#(value)","expires_in":\#(expiresIn),"token_type":"Bearer"}"#)
    }
}

/// One RSA key for the whole test run, generated at runtime: no private key is ever committed.
enum TestKeys {
    static let serviceAccount: _RSA.Signing.PrivateKey = {
        do { return try _RSA.Signing.PrivateKey(keySize: .bits2048) } catch { fatalError("cannot generate an RSA key: \(error)") }
    }()
}

/// Credential files written as the tools that make them do.
enum CredentialFiles {
    static let clientEmail = "reader@demo-project.iam.gserviceaccount.com"
    static let privateKeyID = "0123456789abcdef0123456789abcdef01234567"
    static let refreshToken = "1//0refresh-token-EXAMPLE-do-not-leak"
    static let clientSecret = "client-secret-EXAMPLE-do-not-leak"

    /// A JSON string literal (quotes included) for `text`.
    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    static func serviceAccount(
        projectID: String = "demo-project", tokenURI: String = "https://oauth2.googleapis.com/token",
        privateKey: String = TestKeys.serviceAccount.pkcs8PEMRepresentation
    ) -> String {
        """
        {
          "type": "service_account",
          "project_id": "\(projectID)",
          "private_key_id": "\(privateKeyID)",
          "private_key": \(quoted(privateKey)),
          "client_email": "\(clientEmail)",
          "client_id": "100000000000000000001",
          "auth_uri": "https://accounts.google.com/o/oauth2/auth",
          "token_uri": "\(tokenURI)",
          "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
          "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/reader%40demo-project.iam.gserviceaccount.com",
          "universe_domain": "googleapis.com"
        }
        """
    }

    static func authorizedUser(quotaProject: String? = "billing-project", refreshToken: String = refreshToken) -> String {
        let quota = quotaProject.map { #","quota_project_id": "\#($0)""# } ?? ""
        return """
        {
          "account": "",
          "client_id": "000000000000-example.apps.googleusercontent.com",
          "client_secret": "\(clientSecret)",
          "refresh_token": "\(refreshToken)",
          "type": "authorized_user",
          "universe_domain": "googleapis.com"\(quota)
        }
        """
    }
}

/// Every text a `CollectorError` shows: kind, detail and hint.
func visibleText(_ error: any Error) -> String {
    guard let error = error as? CollectorError else { return String(describing: error) }
    return [error.description, error.hint ?? ""].joined(separator: " | ")
}

/// The error a throwing async call ends with, or nil when it succeeds.
func caughtError<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// The error a throwing call ends with, or nil when it succeeds.
func caughtError<T>(_ body: () throws -> T) -> (any Error)? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// A fresh directory under the system's temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-gcreds-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true
    )
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}
