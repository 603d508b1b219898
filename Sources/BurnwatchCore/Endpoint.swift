/// A GPU model and its memory, as shown beside an endpoint.
public struct GPUModel: Sendable, Hashable, Codable {
    public var name: String
    public var memoryGB: Int

    public init(name: String, memoryGB: Int) {
        self.name = name
        self.memoryGB = memoryGB
    }

    public static let t4 = GPUModel(name: "T4", memoryGB: 16)
    public static let a10g = GPUModel(name: "A10G", memoryGB: 24)
    public static let l4 = GPUModel(name: "L4", memoryGB: 24)
    public static let a100_40 = GPUModel(name: "A100", memoryGB: 40)
    public static let a100_80 = GPUModel(name: "A100", memoryGB: 80)
    public static let h100 = GPUModel(name: "H100", memoryGB: 80)
    public static let inferentia2 = GPUModel(name: "Inferentia2", memoryGB: 32)
}

/// The configuration facts of an endpoint that do not change minute to minute.
public struct EndpointConfiguration: Sendable, Hashable, Codable {
    /// Instance type (`ml.g5.2xlarge`), machine type (`n1-standard-4`) or VM size.
    public var instanceType: String?
    public var gpu: GPUModel?
    public var gpuCount: Int?
    /// SageMaker Serverless memory size in MB (1024–6144).
    public var serverlessMemoryMB: Int?
    public var minReplicas: Int?
    public var maxReplicas: Int?
    public var maxConcurrency: Int?
    public var provisionedConcurrency: Int?
    /// Provisioned throughput units for managed model APIs (Bedrock PT, Azure OpenAI PTU).
    public var provisionedUnits: Int?
    /// The model behind a managed API (`anthropic.claude-3-haiku`, `gpt-4o`).
    public var model: String?

    public init(
        instanceType: String? = nil,
        gpu: GPUModel? = nil,
        gpuCount: Int? = nil,
        serverlessMemoryMB: Int? = nil,
        minReplicas: Int? = nil,
        maxReplicas: Int? = nil,
        maxConcurrency: Int? = nil,
        provisionedConcurrency: Int? = nil,
        provisionedUnits: Int? = nil,
        model: String? = nil
    ) {
        self.instanceType = instanceType
        self.gpu = gpu
        self.gpuCount = gpuCount
        self.serverlessMemoryMB = serverlessMemoryMB
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.maxConcurrency = maxConcurrency
        self.provisionedConcurrency = provisionedConcurrency
        self.provisionedUnits = provisionedUnits
        self.model = model
    }
}

/// One endpoint as the inventory knows it.
public struct Endpoint: Sendable, Hashable, Codable, Identifiable {
    public var id: EndpointID
    public var kind: EndpointKind
    public var configuration: EndpointConfiguration
    /// The provider's own status word (`InService`, `Updating`, `Succeeded`), already sanitised.
    public var status: String?

    public init(id: EndpointID, kind: EndpointKind? = nil, configuration: EndpointConfiguration = .init(), status: String? = nil) {
        self.id = id
        self.kind = kind ?? id.service.defaultKind
        self.configuration = configuration
        self.status = status
    }
}
