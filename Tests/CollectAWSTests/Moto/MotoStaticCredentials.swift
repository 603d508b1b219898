import BurnwatchCollect
import CollectAWS
import Foundation

/// Fixed fake keys for calls to moto, which accepts any well-formed SigV4 signature (it routes by
/// the credential scope's service name but never checks the signature itself).
struct MotoStaticCredentials: AWSCredentialProvider {
    static let accessKeyID = "AKIAMOTOTESTEXAMPLE"

    func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        AWSCredentials(accessKeyID: Self.accessKeyID, secretAccessKey: "moto-test-not-a-secret", source: "moto test keys")
    }
}
