import Foundation

/// How one AWS service is reached: host prefix, signing name, protocol and, for global services,
/// the one region they are signed for.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    public enum WireProtocol: Sendable, Hashable {
        /// `POST /` with a JSON body and `X-Amz-Target: {prefix}.{Operation}`.
        case json(version: String, targetPrefix: String)
        /// Method and path from the model, parameters in the query string.
        case restJSON
        /// Form-encoded `Action=…&Version=…`, XML answer (STS).
        case query(version: String)
    }

    /// The host's first label(s): `api.sagemaker`, `monitoring`, `ce`.
    public var endpointPrefix: String
    /// The service name in the signature's credential scope (`sagemaker`, not `api.sagemaker`).
    public var signingName: String
    /// The service id in `AWS_ENDPOINT_URL_<ID>` (upper case, spaces as underscores).
    public var environmentID: String
    public var wireProtocol: WireProtocol
    /// For services with one endpoint for the whole partition: its host and signing region.
    public var globalHost: String?
    public var globalRegion: String?

    public var description: String { signingName }

    /// The IAM action that allows `operation`, for "grant …" hints. IAM does not always use the
    /// signing name or the operation name: CloudWatch is `cloudwatch:`, and Budgets' reads are
    /// all `budgets:ViewBudget`.
    public func iamAction(_ operation: String) -> String {
        switch signingName {
        case "monitoring": "cloudwatch:\(operation)"
        case "budgets" where operation.hasPrefix("DescribeBudget") && !operation.hasPrefix("DescribeBudgetAction"): "budgets:ViewBudget"
        default: "\(signingName):\(operation)"
        }
    }

    public static let sageMaker = AWSService(
        endpointPrefix: "api.sagemaker", signingName: "sagemaker", environmentID: "SAGEMAKER",
        wireProtocol: .json(version: "1.1", targetPrefix: "SageMaker")
    )
    public static let cloudWatch = AWSService(
        endpointPrefix: "monitoring", signingName: "monitoring", environmentID: "CLOUDWATCH",
        wireProtocol: .json(version: "1.0", targetPrefix: "GraniteServiceVersion20100801")
    )
    public static let bedrock = AWSService(
        endpointPrefix: "bedrock", signingName: "bedrock", environmentID: "BEDROCK", wireProtocol: .restJSON
    )
    public static let costExplorer = AWSService(
        endpointPrefix: "ce", signingName: "ce", environmentID: "COST_EXPLORER",
        wireProtocol: .json(version: "1.1", targetPrefix: "AWSInsightsIndexService"),
        globalHost: "ce.us-east-1.amazonaws.com", globalRegion: "us-east-1"
    )
    public static let budgets = AWSService(
        endpointPrefix: "budgets", signingName: "budgets", environmentID: "BUDGETS",
        wireProtocol: .json(version: "1.1", targetPrefix: "AWSBudgetServiceGateway"),
        globalHost: "budgets.amazonaws.com", globalRegion: "us-east-1"
    )
    public static let sts = AWSService(
        endpointPrefix: "sts", signingName: "sts", environmentID: "STS", wireProtocol: .query(version: "2011-06-15")
    )
    /// The IAM Identity Center portal (`GetRoleCredentials`); called with a bearer token, unsigned.
    public static let sso = AWSService(
        endpointPrefix: "portal.sso", signingName: "awsssoportal", environmentID: "SSO", wireProtocol: .restJSON
    )
}
