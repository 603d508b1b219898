import BurnwatchCollect
import Foundation

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN` (or the
/// legacy `AWS_SECURITY_TOKEN`) and `AWS_CREDENTIAL_EXPIRATION`, read from the environment
/// dictionary given at creation.
public struct AWSEnvironmentCredentialProvider: AWSCredentialProvider {
    public static let source = "environment"
    private let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Whether the environment carries an access key id (complete or not).
    public static func hasKeys(in environment: [String: String]) -> Bool {
        value("AWS_ACCESS_KEY_ID", in: environment) != nil
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        try resolve()
    }

    func resolve() throws -> AWSCredentials {
        guard let keyID = Self.value("AWS_ACCESS_KEY_ID", in: environment) else {
            throw CollectorError.noCredentials(
                hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID is not set in the environment"
            )
        }
        guard let secret = Self.value("AWS_SECRET_ACCESS_KEY", in: environment) else {
            throw CollectorError.misconfigured("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        let token = Self.value("AWS_SESSION_TOKEN", in: environment) ?? Self.value("AWS_SECURITY_TOKEN", in: environment)
        var expiration: Date?
        if let text = Self.value("AWS_CREDENTIAL_EXPIRATION", in: environment) {
            guard let date = AWSTimestamp.parse(text) else {
                throw CollectorError.misconfigured("AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration, source: Self.source)
    }

    static func value(_ name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
