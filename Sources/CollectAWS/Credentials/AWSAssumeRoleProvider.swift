import BurnwatchCollect
import BurnwatchCore
import Foundation

/// STS `AssumeRole` signed with the credentials of a source provider (a `source_profile`, or the
/// environment, container or IMDS for `credential_source`). The endpoint comes from the
/// resolver, so `AWS_ENDPOINT_URL_STS` and the simulator's forced URL apply.
public struct AWSAssumeRoleProvider: AWSCredentialProvider {
    public let roleARN: String
    /// `role_session_name`; nil means `burnwatch-<epoch seconds>`.
    public let sessionName: String?
    public let externalID: String?
    /// 900…43200; nil leaves STS's default (one hour).
    public let durationSeconds: Int?
    public let source: any AWSCredentialProvider
    /// The region whose STS endpoint is called.
    public let region: String
    public let endpoints: AWSEndpointResolver
    public let collector: CollectorID
    /// Shown in the Collectors screen and stamped on the credentials, e.g. "profile ml-prod (assume role)".
    public let sourceDescription: String
    /// The fix to suggest when STS refuses the source credentials.
    public let profileHint: String

    public init(
        roleARN: String, sessionName: String? = nil, externalID: String? = nil, durationSeconds: Int? = nil,
        source: any AWSCredentialProvider, region: String = "us-east-1", endpoints: AWSEndpointResolver,
        collector: CollectorID = "aws", sourceDescription: String, profileHint: String = "check the source credentials of the role"
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.source = source
        self.region = region
        self.endpoints = endpoints
        self.collector = collector
        self.sourceDescription = sourceDescription
        self.profileHint = profileHint
    }

    /// The form parameters after `Action` and `Version`.
    func parameters(at now: Date) -> [(String, String)] {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName ?? AWSSTSCredentialsAnswer.defaultSessionName(at: now))]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        if let externalID { parameters.append(("ExternalId", externalID)) }
        return parameters
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        let sourceCredentials = try await source.credentials(at: now, transport: transport)
        // The client signs at `now` (our only notion of time); it still corrects for skew it sees.
        let client = AWSClient(
            collector: collector, credentials: AWSStaticCredentialProvider(sourceCredentials), endpoints: endpoints,
            clock: ManualTimeSource(start: now), profileHint: profileHint
        )
        let body = try await client.query(.sts, region: region, action: "AssumeRole", parameters: parameters(at: now), transport: transport)
        return try AWSSTSCredentialsAnswer.credentials(from: body, action: "AssumeRole", source: sourceDescription)
    }
}
