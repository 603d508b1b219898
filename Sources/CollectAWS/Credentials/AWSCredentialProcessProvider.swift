import BurnwatchCollect
import Foundation

/// `credential_process`: runs the profile's command and reads the JSON it prints
/// (`Version: 1`, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`).
/// Neither the command's output nor its standard error ever reaches an error message.
public struct AWSCredentialProcessProvider: AWSCredentialProvider {
    public let command: String
    public let profileName: String
    public let timeout: TimeInterval
    public let runner: any AWSProcessRunner

    public init(command: String, profileName: String, timeout: TimeInterval = 30, runner: any AWSProcessRunner = AWSShellProcessRunner()) {
        self.command = command
        self.profileName = profileName
        self.timeout = timeout
        self.runner = runner
    }

    public var sourceDescription: String { "profile \(profileName) (credential_process)" }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        let result = try await runner.run(command: command, timeout: timeout)
        guard result.status == 0 else {
            throw CollectorError.unauthorized(
                hint: "check credential_process of profile \(profileName)", "credential_process failed with status \(result.status)"
            )
        }
        let origin = "credential_process of profile \(profileName)"
        let document = try AWSCredentialDocument.decode(result.standardOutput, origin: origin)
        // Checked before the keys, so a future format is named as such.
        guard document.version == 1 else {
            throw CollectorError.malformedResponse("\(origin): output must have \"Version\": 1")
        }
        return try document.credentials(origin: origin, source: sourceDescription)
    }
}
