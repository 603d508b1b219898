import BurnwatchCore

extension FleetScenario {
    /// A generated fleet of `count` endpoints spread evenly over the seven services (and so the
    /// three clouds), several accounts per cloud and their usual regions: for benchmarks.
    /// No scripted events or faults. The same `count` and `seed` always give the same fleet.
    public static func large(endpoints count: Int, seed: UInt64 = 1) -> FleetScenario {
        var generator = SplitMix64(seed: seed)
        let awsAccounts = ["123456789012", "210987654321", "555566667777"]
        let gcpProjects = ["ml-prod-123", "ml-staging-456"]
        let azureSubscriptions = ["3b7f2c1e-9a4d-4e8b-b6f0-1c2d3e4f5a6b", "7c1d9e3a-2b4f-4d6a-8e0c-5f9b1a3d7e2c"]
        let awsRegions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"]
        let gcpRegions = ["us-central1", "europe-west4", "asia-northeast1"]
        let azureRegions = ["eastus", "swedencentral", "westeurope", "japaneast"]
        let services = Service.allCases

        func pick<T>(_ values: [T]) -> T { values[generator.nextInt(below: values.count)] }

        var endpoints: [SimulatedEndpoint] = []
        endpoints.reserveCapacity(max(0, count))
        for number in 0..<max(0, count) {
            let service = services[number % services.count]
            let name = "\(service.rawValue)-\(String(number + 10_000).dropFirst())"
            let peak = generator.nextLogUniform(2, 1500)
            let traffic = TrafficProfile(
                peakInvocationsPerMinute: peak, nightFloor: 0.05 + 0.25 * generator.nextUnit(),
                weekendFactor: 0.4 + 0.5 * generator.nextUnit()
            )
            let endpoint: SimulatedEndpoint
            switch service {
            case .sageMakerRealtime:
                let (type, gpu, count) = pick([
                    ("ml.g4dn.xlarge", GPUModel.t4, 1), ("ml.g5.2xlarge", .a10g, 1), ("ml.g5.12xlarge", .a10g, 4),
                    ("ml.p4d.24xlarge", .a100_40, 8),
                ])
                let capacity = max(10, peak / 3)
                endpoint = .sageMakerRealtime(
                    name, account: pick(awsAccounts), region: pick(awsRegions), instanceType: type, gpu: gpu, gpuCount: count,
                    replicas: 1...6, traffic: traffic, capacityPerInstance: capacity, baseLatencyMs: 40 + 2000 * generator.nextUnit()
                )
            case .sageMakerServerless:
                endpoint = .sageMakerServerless(
                    name, account: pick(awsAccounts), region: pick(awsRegions), memoryMB: pick([2048, 4096, 6144]),
                    maxConcurrency: pick([5, 10, 20, 50]), provisionedConcurrency: pick([nil, nil, 1, 2]), traffic: traffic,
                    invocationSeconds: 0.2 + 2 * generator.nextUnit(), baseLatencyMs: 100 + 1500 * generator.nextUnit(),
                    coldStartMs: 5000 + 10_000 * generator.nextUnit()
                )
            case .bedrock:
                let model = pick([
                    "anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "meta.llama3-1-70b-instruct-v1:0", "amazon.titan-embed-text-v2:0",
                ])
                endpoint = .bedrock(
                    name, account: pick(awsAccounts), region: pick(awsRegions), model: model, traffic: traffic,
                    tokens: TokenMix(input: 200 + generator.nextInt(below: 2000), output: generator.nextInt(below: 600)),
                    baseLatencyMs: 800 + 8000 * generator.nextUnit()
                )
            case .vertexEndpoint:
                let (machine, gpu, count) = pick([
                    ("n1-standard-4", GPUModel.t4, 1), ("g2-standard-8", .l4, 1), ("a2-highgpu-1g", .a100_40, 1),
                ])
                let scalesToZero = generator.nextInt(below: 5) == 0
                endpoint = .vertexEndpoint(
                    name, project: pick(gcpProjects), region: pick(gcpRegions), machineType: machine, gpu: gpu, gpuCount: count,
                    replicas: (scalesToZero ? 0 : 1)...5, traffic: traffic, capacityPerReplica: max(5, peak / 3),
                    baseLatencyMs: 50 + 3000 * generator.nextUnit()
                )
            case .vertexPublisherModel:
                endpoint = .vertexPublisherModel(
                    name, project: pick(gcpProjects), region: pick(gcpRegions),
                    model: pick(["gemini-1.5-flash-002", "gemini-1.5-pro-002", "text-embedding-005"]), traffic: traffic,
                    tokens: TokenMix(input: 200 + generator.nextInt(below: 2000), output: generator.nextInt(below: 600)),
                    baseLatencyMs: 600 + 6000 * generator.nextUnit()
                )
            case .azureMLOnline:
                let (type, gpu) = pick([
                    ("Standard_NC4as_T4_v3", GPUModel.t4), ("Standard_NC24ads_A100_v4", .a100_80),
                    ("Standard_NC40ads_H100_v5", .h100),
                ])
                endpoint = .azureMLOnline(
                    name, subscription: pick(azureSubscriptions), region: pick(azureRegions), instanceType: type, gpu: gpu,
                    instances: 1...5, traffic: traffic, capacityPerInstance: max(10, peak / 3),
                    baseLatencyMs: 50 + 2000 * generator.nextUnit()
                )
            case .azureOpenAI:
                let model = pick(["gpt-4o", "gpt-4o-mini", "text-embedding-3-large"])
                endpoint = .azureOpenAI(
                    name, subscription: pick(azureSubscriptions), region: pick(azureRegions), model: model,
                    ptu: model == "gpt-4o" && generator.nextInt(below: 4) == 0 ? 50 : nil, traffic: traffic,
                    tokens: TokenMix(input: 200 + generator.nextInt(below: 2000), output: generator.nextInt(below: 600)),
                    baseLatencyMs: 800 + 5000 * generator.nextUnit(), invocationsPerPTU: max(1, peak / 40)
                )
            }
            endpoints.append(endpoint)
        }
        return FleetScenario(name: "large-\(count)", endpoints: endpoints)
    }
}
