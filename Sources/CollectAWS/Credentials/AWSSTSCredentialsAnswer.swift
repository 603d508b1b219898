import BurnwatchCollect
import Foundation

/// Reads the temporary credentials out of an STS `AssumeRole` or `AssumeRoleWithWebIdentity`
/// answer: `<{Action}Response><{Action}Result><Credentials>` with `AccessKeyId`,
/// `SecretAccessKey`, `SessionToken` and `Expiration` (ISO-8601), per the sts/2011-06-15 model.
enum AWSSTSCredentialsAnswer {
    static func credentials(from body: [UInt8], action: String, source: String) throws -> AWSCredentials {
        guard let text = String(bytes: body, encoding: .utf8), AWSXML.firstValue("\(action)Result", in: text) != nil else {
            throw CollectorError.malformedResponse("sts:\(action): answer has no \(action)Result")
        }
        // AccessKeyId and friends appear only inside Credentials, so the first of each is the one.
        func required(_ name: String) throws -> String {
            guard let value = AWSXML.firstValue(name, in: text)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw CollectorError.malformedResponse("sts:\(action): answer has no Credentials/\(name)")
            }
            return value
        }
        let keyID = try required("AccessKeyId")
        let secret = try required("SecretAccessKey")
        let token = try required("SessionToken")
        guard let expiration = AWSTimestamp.parse(try required("Expiration")) else {
            throw CollectorError.malformedResponse("sts:\(action): Credentials/Expiration is not an ISO-8601 time")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration, source: source)
    }

    /// The STS API version from the service descriptor (`2011-06-15`).
    static var apiVersion: String {
        if case .query(let version) = AWSService.sts.wireProtocol { return version }
        return "2011-06-15"
    }

    /// The session name used when the profile names none: stable within a second, like botocore's.
    static func defaultSessionName(at now: Date) -> String {
        "burnwatch-\(Int(now.timeIntervalSince1970))"
    }
}
