import BurnwatchCore

/// Every call the simulated AWS answers, named `Service.Operation`.
public enum AWSOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case listEndpoints = "SageMaker.ListEndpoints"
    case describeEndpoint = "SageMaker.DescribeEndpoint"
    case describeEndpointConfig = "SageMaker.DescribeEndpointConfig"
    case listMetrics = "CloudWatch.ListMetrics"
    case getMetricData = "CloudWatch.GetMetricData"
    case listProvisionedModelThroughputs = "Bedrock.ListProvisionedModelThroughputs"
    case listFoundationModels = "Bedrock.ListFoundationModels"
    case getCostAndUsage = "CostExplorer.GetCostAndUsage"
    case getCostForecast = "CostExplorer.GetCostForecast"
    case describeBudgets = "Budgets.DescribeBudgets"
    case getCallerIdentity = "STS.GetCallerIdentity"
    case assumeRole = "STS.AssumeRole"

    public var description: String { rawValue }

    /// The service a request must be signed for (the credential scope's service).
    public var signingName: String {
        switch self {
        case .listEndpoints, .describeEndpoint, .describeEndpointConfig: "sagemaker"
        case .listMetrics, .getMetricData: "monitoring"
        case .listProvisionedModelThroughputs, .listFoundationModels: "bedrock"
        case .getCostAndUsage, .getCostForecast: "ce"
        case .describeBudgets: "budgets"
        case .getCallerIdentity, .assumeRole: "sts"
        }
    }

    /// The only region a global service accepts in the credential scope.
    var requiredRegion: String? {
        switch self {
        case .getCostAndUsage, .getCostForecast, .describeBudgets: "us-east-1"
        default: nil
        }
    }

    var wireProtocol: AWSWireProtocol {
        switch self {
        case .listEndpoints, .describeEndpoint, .describeEndpointConfig, .getCostAndUsage, .getCostForecast, .describeBudgets:
            .json("1.1")
        case .listMetrics, .getMetricData: .json("1.0")
        case .listProvisionedModelThroughputs, .listFoundationModels: .restJSON
        case .getCallerIdentity, .assumeRole: .query
        }
    }

    /// The data class a scripted `SimulatedFault` must name to hit this call.
    public var dataClass: DataClass {
        switch self {
        case .getMetricData: .metrics
        case .listEndpoints, .describeEndpoint, .describeEndpointConfig, .listMetrics, .listProvisionedModelThroughputs,
            .listFoundationModels, .getCallerIdentity, .assumeRole:
            .inventory
        case .getCostAndUsage, .getCostForecast, .describeBudgets: .cost
        }
    }

    /// The operation an `X-Amz-Target` header names.
    static func target(_ value: String) -> AWSOperation? {
        switch value {
        case "SageMaker.ListEndpoints": .listEndpoints
        case "SageMaker.DescribeEndpoint": .describeEndpoint
        case "SageMaker.DescribeEndpointConfig": .describeEndpointConfig
        case "GraniteServiceVersion20100801.ListMetrics": .listMetrics
        case "GraniteServiceVersion20100801.GetMetricData": .getMetricData
        case "AWSInsightsIndexService.GetCostAndUsage": .getCostAndUsage
        case "AWSInsightsIndexService.GetCostForecast": .getCostForecast
        case "AWSBudgetServiceGateway.DescribeBudgets": .describeBudgets
        default: nil
        }
    }
}

/// How a service frames requests and errors.
enum AWSWireProtocol: Hashable {
    /// awsJson1_0 / awsJson1_1: `POST /`, `X-Amz-Target`, JSON body, `__type` errors.
    case json(String)
    /// restJson1 (Bedrock): method and path select the call, `x-amzn-ErrorType` errors.
    case restJSON
    /// awsQuery (STS): form body, XML answers and `ErrorResponse` errors.
    case query
}
