import BurnwatchCollect
import BurnwatchCore
import Foundation

/// STS `AssumeRoleWithWebIdentity` with the token read from a file (EKS IRSA, GitHub OIDC…).
/// The call is unsigned (the model marks it `smithy.api#noAuth`): the token is the proof. The
/// file is read on every refresh because its token rotates.
public struct AWSWebIdentityProvider: AWSCredentialProvider {
    public let roleARN: String
    public let tokenFile: String
    /// `role_session_name` / `AWS_ROLE_SESSION_NAME`; nil means `burnwatch-<epoch seconds>`.
    public let sessionName: String?
    public let region: String
    public let endpoints: AWSEndpointResolver
    public let files: any AWSFileReader
    public let collector: CollectorID
    public let sourceDescription: String
    public let timeout: TimeInterval

    public init(
        roleARN: String, tokenFile: String, sessionName: String? = nil, region: String = "us-east-1",
        endpoints: AWSEndpointResolver, files: any AWSFileReader = AWSDiskFileReader(), collector: CollectorID = "aws",
        sourceDescription: String = "web identity", timeout: TimeInterval = 10
    ) {
        self.roleARN = roleARN
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.region = region
        self.endpoints = endpoints
        self.files = files
        self.collector = collector
        self.sourceDescription = sourceDescription
        self.timeout = timeout
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        guard let text = try files.text(ofFile: tokenFile) else {
            throw CollectorError.noCredentials(hint: "check the web identity token file", "web identity token file \(tokenFile) does not exist")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CollectorError.misconfigured("web identity token file \(tokenFile) is empty")
        }
        let form = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", AWSSTSCredentialsAnswer.apiVersion), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName ?? AWSSTSCredentialsAnswer.defaultSessionName(at: now)), ("WebIdentityToken", token),
        ].map { "\(SigV4Encoding.encode($0.0))=\(SigV4Encoding.encode($0.1))" }.joined(separator: "&")
        let resolved = endpoints.resolve(.sts, region: region)
        let request = HTTPRequest(
            method: "POST", url: AWSClient.join(resolved.baseURL, path: "/", query: []),
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(form.utf8),
            collector: collector, timeout: timeout
        )
        let response = try await transport.send(request)
        guard response.status < 300 else {
            let error = AWSServiceError.decode(status: response.status, headers: response.headers, body: response.body, action: "sts:AssumeRoleWithWebIdentity")
            throw error.collectorError(retryAfter: AWSClient.retryAfter(response), profileHint: "check the web identity token and the role's trust policy")
        }
        return try AWSSTSCredentialsAnswer.credentials(from: response.body, action: "AssumeRoleWithWebIdentity", source: sourceDescription)
    }
}
