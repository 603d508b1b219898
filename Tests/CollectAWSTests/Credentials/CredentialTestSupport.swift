import BurnwatchCollect
import Foundation
@testable import CollectAWS

/// 2025-03-01T12:00:00Z, the "now" of the credential tests.
let credentialTestNow = Date(timeIntervalSince1970: 1_740_830_400)

/// A transport that answers from a closure and records every request, in order.
final class RecordingCredentialTransport: Transport {
    private let answer: @Sendable (HTTPRequest) throws -> HTTPResponse
    private let log = LockedState<[HTTPRequest]>([])

    init(_ answer: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        self.answer = answer
    }

    /// Fails the test's call if anything is sent.
    static var refusing: RecordingCredentialTransport {
        RecordingCredentialTransport { _ in throw CollectorError.unreachable("no network in this test") }
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

    /// The decoded form fields of a query-protocol body.
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
    static func text(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(body.utf8))
    }
}

/// STS answers written from the sts/2011-06-15 model's output shapes.
enum STSSample {
    static func assumeRole(keyID: String = "ASIAASSUMEDEXAMPLE01", secret: String = "assumedSecret/Key+EXAMPLE", token: String = "assumed-session-token", expiration: String = "2025-03-01T13:00:00Z") -> String {
        """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <SourceIdentity>DevUser123</SourceIdentity>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/demo/bw</Arn>
              <AssumedRoleId>ARO123EXAMPLE123:bw</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>\(keyID)</AccessKeyId>
              <SecretAccessKey>\(secret)</SecretAccessKey>
              <SessionToken>\(token)</SessionToken>
              <Expiration>\(expiration)</Expiration>
            </Credentials>
            <PackedPolicySize>6</PackedPolicySize>
          </AssumeRoleResult>
          <ResponseMetadata>
            <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
          </ResponseMetadata>
        </AssumeRoleResponse>
        """
    }

    static func webIdentity(keyID: String = "ASIAWEBIDENTITY00001", expiration: String = "2025-03-01T13:00:00.000Z") -> String {
        """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <SubjectFromWebIdentityToken>system:serviceaccount:ml:burnwatch</SubjectFromWebIdentityToken>
            <Audience>sts.amazonaws.com</Audience>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/irsa/bw</Arn>
              <AssumedRoleId>AROA2EXAMPLE:bw</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <SessionToken>web-session-token</SessionToken>
              <SecretAccessKey>webSecret/EXAMPLE</SecretAccessKey>
              <Expiration>\(expiration)</Expiration>
              <AccessKeyId>\(keyID)</AccessKeyId>
            </Credentials>
            <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.example</Provider>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """
    }

    static func error(code: String, message: String) -> String {
        """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error>
          <RequestId>4a6b1e3c-0000-0000-0000-000000000000</RequestId>
        </ErrorResponse>
        """
    }
}

/// The shared files of a test home directory, in memory.
struct TestHome {
    static let path = "/home/tester"
    var files: [String: String] = [:]

    var config: String? {
        get { files["\(Self.path)/.aws/config"] }
        set { files["\(Self.path)/.aws/config"] = newValue }
    }

    var credentials: String? {
        get { files["\(Self.path)/.aws/credentials"] }
        set { files["\(Self.path)/.aws/credentials"] = newValue }
    }

    var reader: AWSInMemoryFileReader { AWSInMemoryFileReader(files) }

    func chain(profile: String? = nil, environment: [String: String] = [:], runner: any AWSProcessRunner = FakeProcessRunner.unused) throws -> AWSCredentialChain {
        try AWSCredentialChain(profile: profile, environment: environment, homeDirectory: Self.path, files: reader, processRunner: runner)
    }
}

/// A process runner that returns a fixed result and records the commands it was given.
final class FakeProcessRunner: AWSProcessRunner {
    let result: AWSProcessResult
    private let log = LockedState<[String]>([])

    init(status: Int32 = 0, output: String) {
        result = AWSProcessResult(status: status, standardOutput: Array(output.utf8))
    }

    static var unused: FakeProcessRunner { FakeProcessRunner(status: 127, output: "") }

    var commands: [String] { log.withLock { $0 } }

    func run(command: String, timeout: TimeInterval) async throws -> AWSProcessResult {
        log.withLock { $0.append(command) }
        return result
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
