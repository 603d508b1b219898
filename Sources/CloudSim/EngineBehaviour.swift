import BurnwatchCore

/// How an endpoint's capacity works, which decides its state machine and its bill.
enum EngineBehaviour: Sendable {
    /// Instance-backed, including Vertex scale-to-zero: billed per instance-hour.
    case replicas
    /// SageMaker Serverless: containers per concurrent request, billed per GB-second.
    case warmPool
    /// Managed model API on demand: billed per token.
    case onDemandTokens
    /// Managed model API with provisioned throughput: billed per unit-hour.
    case provisionedUnits

    init(_ endpoint: SimulatedEndpoint) {
        switch endpoint.id.service {
        case .sageMakerServerless: self = .warmPool
        case .sageMakerRealtime, .vertexEndpoint, .azureMLOnline: self = .replicas
        case .bedrock, .vertexPublisherModel, .azureOpenAI:
            self = endpoint.configuration.provisionedUnits == nil ? .onDemandTokens : .provisionedUnits
        }
    }

    var isStateless: Bool { self == .onDemandTokens || self == .provisionedUnits }
}
