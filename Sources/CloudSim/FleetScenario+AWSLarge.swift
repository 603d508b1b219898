import BurnwatchCore

extension FleetScenario {
    /// A generated fleet in one AWS account and region, for benchmarks of the AWS collector:
    /// `realTime` SageMaker real-time endpoints, `serverless` SageMaker Serverless endpoints and
    /// `bedrock` Bedrock models (the first four on demand, each a different foundation model; the
    /// rest provisioned throughputs, which CloudWatch tells apart by their ARNs).
    ///
    /// `FleetScenario.large` spreads its fleet over three clouds, three AWS accounts and four
    /// regions; this one puts every endpoint where one collector with one key sees it. No scripted
    /// events or faults. The same arguments always give the same fleet.
    public static func awsAccount(
        realTime: Int, serverless: Int = 0, bedrock: Int = 0, account: String = "123456789012", region: String = "us-east-1",
        seed: UInt64 = 1
    ) -> FleetScenario {
        var generator = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[generator.nextInt(below: values.count)] }
        func traffic() -> TrafficProfile {
            TrafficProfile(
                peakInvocationsPerMinute: generator.nextLogUniform(2, 1500), nightFloor: 0.05 + 0.25 * generator.nextUnit(),
                weekendFactor: 0.4 + 0.5 * generator.nextUnit()
            )
        }
        let onDemandModels = [
            "anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "meta.llama3-1-70b-instruct-v1:0", "amazon.titan-embed-text-v2:0",
        ]

        var endpoints: [SimulatedEndpoint] = []
        endpoints.reserveCapacity(max(0, realTime) + max(0, serverless) + max(0, bedrock))
        for number in 0..<max(0, realTime) {
            let (type, gpu, count) = pick([
                ("ml.g4dn.xlarge", GPUModel.t4, 1), ("ml.g5.2xlarge", .a10g, 1), ("ml.g5.12xlarge", .a10g, 4), ("ml.p4d.24xlarge", .a100_40, 8),
            ])
            let load = traffic()
            endpoints.append(.sageMakerRealtime(
                "rt-\(number)", account: account, region: region, instanceType: type, gpu: gpu, gpuCount: count, replicas: 1...6,
                traffic: load, capacityPerInstance: max(10, load.peakInvocationsPerMinute / 3), baseLatencyMs: 40 + 2000 * generator.nextUnit()
            ))
        }
        for number in 0..<max(0, serverless) {
            endpoints.append(.sageMakerServerless(
                "sls-\(number)", account: account, region: region, memoryMB: pick([2048, 4096, 6144]), maxConcurrency: pick([5, 10, 20, 50]),
                provisionedConcurrency: pick([nil, nil, 1, 2]), traffic: traffic(), invocationSeconds: 0.2 + 2 * generator.nextUnit(),
                baseLatencyMs: 100 + 1500 * generator.nextUnit(), coldStartMs: 5000 + 10_000 * generator.nextUnit()
            ))
        }
        for number in 0..<max(0, bedrock) {
            let onDemand = number < onDemandModels.count
            endpoints.append(.bedrock(
                "bedrock-\(number)", account: account, region: region, model: onDemand ? onDemandModels[number] : pick(onDemandModels),
                modelUnits: onDemand ? nil : 1 + generator.nextInt(below: 3), traffic: traffic(),
                tokens: TokenMix(input: 200 + generator.nextInt(below: 2000), output: generator.nextInt(below: 600)),
                baseLatencyMs: 800 + 8000 * generator.nextUnit()
            ))
        }
        return FleetScenario(name: "aws-\(realTime)-\(serverless)-\(bedrock)", endpoints: endpoints)
    }
}
