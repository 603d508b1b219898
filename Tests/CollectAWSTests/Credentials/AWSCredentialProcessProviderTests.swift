import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

@Suite struct AWSCredentialProcessProviderTests {
    static let output = #"{"Version": 1, "AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "processSecret", "SessionToken": "process-token", "Expiration": "2025-03-01T13:00:00Z"}"#

    @Test func parsesVersionOneOutput() async throws {
        let runner = FakeProcessRunner(output: Self.output)
        let provider = AWSCredentialProcessProvider(command: "vault-creds --role ml", profileName: "ml", runner: runner)
        let credentials = try await provider.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing)
        #expect(runner.commands == ["vault-creds --role ml"])
        #expect(credentials.accessKeyID == "ASIAPROCESS000000001")
        #expect(credentials.secretAccessKey == "processSecret")
        #expect(credentials.sessionToken == "process-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_740_834_000))
        #expect(credentials.source == "profile ml (credential_process)")
    }

    @Test func longTermKeysHaveNoExpiration() async throws {
        let runner = FakeProcessRunner(output: #"{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "s"}"#)
        let credentials = try await AWSCredentialProcessProvider(command: "x", profileName: "p", runner: runner)
            .credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing)
        #expect(credentials.expiration == nil)
        #expect(credentials.sessionToken == nil)
    }

    @Test func failuresSayOnlyTheStatus() async {
        let runner = FakeProcessRunner(status: 3, output: #"{"SecretAccessKey": "leaked-on-failure"}"#)
        let error = await caughtError {
            try await AWSCredentialProcessProvider(command: "x", profileName: "p", runner: runner).credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing)
        } as? CollectorError
        #expect(error?.detail == "credential_process failed with status 3")
        #expect(error?.kind == "unauthorized")
        #expect(error.map { visibleText($0).contains("leaked") } == false)
    }

    @Test(arguments: [
        (#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "topsecret"}"#, #"credential_process of profile p: output must have "Version": 1"#),
        (#"{"Version": 1, "AccessKeyId": "A"}"#, "credential_process of profile p: missing SecretAccessKey"),
        ("not json topsecret", "credential_process of profile p: not valid JSON (truncated?)"),
        (#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "topsecret", "Expiration": "soon"}"#, "credential_process of profile p: Expiration is not an ISO-8601 time"),
    ])
    func badOutputIsNamedWithoutItsContent(output: String, detail: String) async {
        let error = await caughtError {
            try await AWSCredentialProcessProvider(command: "x", profileName: "p", runner: FakeProcessRunner(output: output))
                .credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing)
        } as? CollectorError
        #expect(error?.kind == "malformed response")
        #expect(error?.detail == detail)
        #expect(error.map { visibleText($0).contains("topsecret") } == false)
    }

    @Test func shellRunnerRunsTheCommand() async throws {
        let command = #"printf '%s' '{"Version": 1, "AccessKeyId": "AKIASHELL", "SecretAccessKey": "s"}'; echo "noise on stderr" >&2"#
        let result = try await AWSShellProcessRunner().run(command: command, timeout: 30)
        #expect(result.status == 0)
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == #"{"Version": 1, "AccessKeyId": "AKIASHELL", "SecretAccessKey": "s"}"#)
    }

    @Test func shellRunnerReportsTheStatusAndDropsStandardError() async throws {
        let provider = AWSCredentialProcessProvider(command: "echo 'token=STDERR-SECRET' >&2; exit 7", profileName: "p")
        let error = await caughtError { try await provider.credentials(at: credentialTestNow, transport: RecordingCredentialTransport.refusing) } as? CollectorError
        #expect(error?.detail == "credential_process failed with status 7")
        #expect(error.map { visibleText($0).contains("STDERR-SECRET") } == false)
    }

    @Test func shellRunnerStopsACommandThatOutlivesItsTimeout() async {
        let error = await caughtError { try await AWSShellProcessRunner().run(command: "exec sleep 30", timeout: 0.2) } as? CollectorError
        #expect(error?.isTimeout == true)
    }
}
