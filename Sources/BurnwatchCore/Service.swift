/// The inference services burnwatch knows, across the three clouds.
public enum Service: String, Sendable, Hashable, CaseIterable, Codable {
    case sageMakerRealtime = "sagemaker-realtime"
    case sageMakerServerless = "sagemaker-serverless"
    case bedrock = "bedrock"
    case vertexEndpoint = "vertex-endpoint"
    case vertexPublisherModel = "vertex-publisher-model"
    case azureMLOnline = "azureml-online"
    case azureOpenAI = "azure-openai"

    public var cloud: Cloud {
        switch self {
        case .sageMakerRealtime, .sageMakerServerless, .bedrock: .aws
        case .vertexEndpoint, .vertexPublisherModel: .gcp
        case .azureMLOnline, .azureOpenAI: .azure
        }
    }

    /// The kind an endpoint of this service has unless its configuration says otherwise
    /// (a Vertex endpoint with `minReplicaCount = 0` is serverless-like, for instance).
    public var defaultKind: EndpointKind {
        switch self {
        case .sageMakerServerless: .serverless
        case .sageMakerRealtime, .vertexEndpoint, .azureMLOnline: .dedicated
        case .bedrock, .vertexPublisherModel, .azureOpenAI: .managedAPI
        }
    }

    /// A short label that fits a narrow table column.
    public var shortName: String {
        switch self {
        case .sageMakerRealtime: "SM-RT"
        case .sageMakerServerless: "SM-SLS"
        case .bedrock: "Bedrock"
        case .vertexEndpoint: "Vertex"
        case .vertexPublisherModel: "MdlGrdn"
        case .azureMLOnline: "AML"
        case .azureOpenAI: "AOAI"
        }
    }

    public var displayName: String {
        switch self {
        case .sageMakerRealtime: "SageMaker real-time"
        case .sageMakerServerless: "SageMaker Serverless"
        case .bedrock: "Amazon Bedrock"
        case .vertexEndpoint: "Vertex AI endpoint"
        case .vertexPublisherModel: "Vertex AI Model Garden"
        case .azureMLOnline: "Azure ML online deployment"
        case .azureOpenAI: "Azure OpenAI deployment"
        }
    }
}

/// How an endpoint is billed and scaled.
public enum EndpointKind: String, Sendable, Hashable, CaseIterable, Codable {
    case serverless
    case dedicated
    case managedAPI = "managed-api"
}
