import BurnwatchCollect
import Foundation

/// Fixed credentials: for tests, the simulator, and keys handed over by a caller that already
/// resolved them. The real chain lives in `Credentials/`.
public struct AWSStaticCredentialProvider: AWSCredentialProvider {
    public let value: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        value = credentials
    }

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "static") {
        value = AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken, source: source)
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        value
    }
}
