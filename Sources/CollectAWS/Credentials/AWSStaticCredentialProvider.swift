import BurnwatchCollect
import Foundation

/// Credentials known up front: keys from a profile, or the source keys of an assume-role call.
public struct AWSStaticCredentialProvider: AWSCredentialProvider {
    public let credentials: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.credentials = credentials
    }

    /// Fixed keys: for tests, the simulator, and keys a caller already resolved.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "static") {
        credentials = AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken, source: source)
    }

    /// The `aws_access_key_id` / `aws_secret_access_key` (/ `aws_session_token`) of one file's
    /// section of a profile. Throws `.misconfigured` naming the missing key when only half is set.
    init(profile: AWSProfile, inCredentialsFile: Bool, path: String) throws {
        guard let keyID = profile.value("aws_access_key_id", inCredentialsFile: inCredentialsFile) else {
            throw CollectorError.misconfigured("profile \(profile.name) in \(path) has no aws_access_key_id")
        }
        guard let secret = profile.value("aws_secret_access_key", inCredentialsFile: inCredentialsFile) else {
            throw CollectorError.misconfigured("profile \(profile.name) in \(path) has aws_access_key_id but no aws_secret_access_key")
        }
        let token = profile.value("aws_session_token", inCredentialsFile: inCredentialsFile)
        credentials = AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, source: "profile \(profile.name) (static keys)")
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        credentials
    }
}
