import BurnwatchCore

/// One endpoint of the simulated fleet: what the inventory shows, plus how it behaves.
public struct SimulatedEndpoint: Sendable, Hashable {
    public var id: EndpointID
    public var kind: EndpointKind
    public var configuration: EndpointConfiguration
    /// The provider's status word for the inventory (`InService`, `Succeeded`, …).
    public var status: String?
    public var traffic: TrafficProfile
    /// Invocations per minute one instance, replica or provisioned unit serves at full utilisation.
    public var capacityPerReplica: Double
    /// p99 latency in ms at low utilisation, without cold starts.
    public var baseLatencyMs: Double
    /// What a cold start adds to a request, in ms (serverless), or how long a request waits for a
    /// replica scaling from zero before it gives up (Vertex with `minReplicaCount = 0`).
    public var coldStartMs: Double
    /// Fraction of calls that fail in normal operation.
    public var errorFraction: Double
    /// Mean duration of one invocation in seconds: sets serverless concurrency and GB-seconds.
    public var invocationSeconds: Double
    /// Tokens per invocation, for managed model APIs.
    public var tokens: TokenMix?
    public var scaling: ScalingPolicy

    public init(
        id: EndpointID,
        kind: EndpointKind? = nil,
        configuration: EndpointConfiguration,
        status: String? = nil,
        traffic: TrafficProfile,
        capacityPerReplica: Double = 100,
        baseLatencyMs: Double = 100,
        coldStartMs: Double = 0,
        errorFraction: Double = 0.001,
        invocationSeconds: Double = 0.5,
        tokens: TokenMix? = nil,
        scaling: ScalingPolicy = .standard
    ) {
        self.id = id
        self.kind = kind ?? id.service.defaultKind
        self.configuration = configuration
        self.status = status
        self.traffic = traffic
        self.capacityPerReplica = max(0.001, capacityPerReplica)
        self.baseLatencyMs = baseLatencyMs
        self.coldStartMs = coldStartMs
        self.errorFraction = errorFraction
        self.invocationSeconds = invocationSeconds
        self.tokens = tokens
        self.scaling = scaling
    }

    /// A SageMaker real-time endpoint on GPU instances with target-tracking autoscaling.
    public static func sageMakerRealtime(
        _ name: String, account: String, region: String, instanceType: String, gpu: GPUModel?, gpuCount: Int = 1,
        replicas: ClosedRange<Int>, traffic: TrafficProfile, capacityPerInstance: Double, baseLatencyMs: Double,
        scaling: ScalingPolicy = ScalingPolicy(provisionMinutes: 7)
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: account, region: region, service: .sageMakerRealtime, name: name),
            configuration: EndpointConfiguration(
                instanceType: instanceType, gpu: gpu, gpuCount: gpu == nil ? nil : gpuCount,
                minReplicas: replicas.lowerBound, maxReplicas: replicas.upperBound
            ),
            status: "InService", traffic: traffic, capacityPerReplica: capacityPerInstance,
            baseLatencyMs: baseLatencyMs, scaling: scaling
        )
    }

    /// A SageMaker Serverless Inference endpoint: containers start per request, cold, beyond the warm pool.
    public static func sageMakerServerless(
        _ name: String, account: String, region: String, memoryMB: Int, maxConcurrency: Int,
        provisionedConcurrency: Int? = nil, traffic: TrafficProfile, invocationSeconds: Double,
        baseLatencyMs: Double, coldStartMs: Double, scaling: ScalingPolicy = ScalingPolicy(idleMinutes: 10)
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: account, region: region, service: .sageMakerServerless, name: name),
            configuration: EndpointConfiguration(
                serverlessMemoryMB: memoryMB, maxConcurrency: maxConcurrency, provisionedConcurrency: provisionedConcurrency
            ),
            status: "InService", traffic: traffic, baseLatencyMs: baseLatencyMs, coldStartMs: coldStartMs,
            invocationSeconds: invocationSeconds, scaling: scaling
        )
    }

    /// An Amazon Bedrock model: on demand (priced per token) or with provisioned throughput (model units).
    public static func bedrock(
        _ name: String, account: String, region: String, model: String, modelUnits: Int? = nil,
        traffic: TrafficProfile, tokens: TokenMix, baseLatencyMs: Double, invocationsPerUnit: Double = 100
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: account, region: region, service: .bedrock, name: name),
            configuration: EndpointConfiguration(provisionedUnits: modelUnits, model: model),
            status: modelUnits == nil ? "ACTIVE" : "InService", traffic: traffic,
            capacityPerReplica: invocationsPerUnit, baseLatencyMs: baseLatencyMs, errorFraction: 0.002, tokens: tokens
        )
    }

    /// A Vertex AI endpoint with dedicated resources; `replicas.lowerBound == 0` makes it scale to zero.
    public static func vertexEndpoint(
        _ name: String, project: String, region: String, machineType: String, gpu: GPUModel?, gpuCount: Int = 1,
        replicas: ClosedRange<Int>, traffic: TrafficProfile, capacityPerReplica: Double, baseLatencyMs: Double,
        coldStartMs: Double = 60_000, scaling: ScalingPolicy = ScalingPolicy(provisionMinutes: 8, idleMinutes: 30)
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: project, region: region, service: .vertexEndpoint, name: name),
            kind: replicas.lowerBound == 0 ? .serverless : .dedicated,
            configuration: EndpointConfiguration(
                instanceType: machineType, gpu: gpu, gpuCount: gpu == nil ? nil : gpuCount,
                minReplicas: replicas.lowerBound, maxReplicas: replicas.upperBound
            ),
            traffic: traffic, capacityPerReplica: capacityPerReplica, baseLatencyMs: baseLatencyMs,
            coldStartMs: coldStartMs, scaling: scaling
        )
    }

    /// A Vertex AI Model Garden publisher model (Gemini, Claude on Vertex), priced per token.
    public static func vertexPublisherModel(
        _ name: String, project: String, region: String, model: String, traffic: TrafficProfile, tokens: TokenMix,
        baseLatencyMs: Double
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: project, region: region, service: .vertexPublisherModel, name: name),
            configuration: EndpointConfiguration(model: model), traffic: traffic, baseLatencyMs: baseLatencyMs,
            errorFraction: 0.002, tokens: tokens
        )
    }

    /// An Azure ML managed online deployment (at least one instance: Azure ML cannot scale to zero).
    public static func azureMLOnline(
        _ name: String, subscription: String, region: String, instanceType: String, gpu: GPUModel?, gpuCount: Int = 1,
        instances: ClosedRange<Int>, traffic: TrafficProfile, capacityPerInstance: Double, baseLatencyMs: Double,
        scaling: ScalingPolicy = ScalingPolicy(evaluationMinutes: 5, provisionMinutes: 9, scaleInMinutes: 20)
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: subscription, region: region, service: .azureMLOnline, name: name),
            configuration: EndpointConfiguration(
                instanceType: instanceType, gpu: gpu, gpuCount: gpu == nil ? nil : gpuCount,
                minReplicas: max(1, instances.lowerBound), maxReplicas: max(1, instances.upperBound)
            ),
            status: "Succeeded", traffic: traffic, capacityPerReplica: capacityPerInstance,
            baseLatencyMs: baseLatencyMs, scaling: scaling
        )
    }

    /// An Azure OpenAI deployment: standard (priced per token) or provisioned (PTUs).
    public static func azureOpenAI(
        _ name: String, subscription: String, region: String, model: String, ptu: Int? = nil, traffic: TrafficProfile,
        tokens: TokenMix, baseLatencyMs: Double, invocationsPerPTU: Double = 7
    ) -> SimulatedEndpoint {
        SimulatedEndpoint(
            id: EndpointID(account: subscription, region: region, service: .azureOpenAI, name: name),
            configuration: EndpointConfiguration(provisionedUnits: ptu, model: model), status: "Succeeded",
            traffic: traffic, capacityPerReplica: invocationsPerPTU, baseLatencyMs: baseLatencyMs, errorFraction: 0.002,
            tokens: tokens
        )
    }
}
