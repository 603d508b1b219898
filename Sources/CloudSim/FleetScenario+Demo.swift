import BurnwatchCore
import Foundation

extension FleetScenario {
    public static let demoAWSAccount = "123456789012"
    public static let demoGCPProject = "ml-prod-123"
    public static let demoAzureSubscription = "3b7f2c1e-9a4d-4e8b-b6f0-1c2d3e4f5a6b"
    /// The endpoint whose spend spikes at the demo's start (a runaway batch job on Bedrock).
    public static let demoSpikeEndpoint = EndpointID(
        account: demoAWSAccount, region: "us-west-2", service: .bedrock, name: "claude-3-opus"
    )
    /// Minutes after the start during which the Azure metrics collector is throttled.
    public static let demoThrottleMinutes = 3..<8

    /// The fleet of `burnwatch demo`: 18 endpoints, all seven services, three clouds.
    ///
    /// The script, in minutes from the start:
    /// - 0 ..< 240 `claude-3-opus` (Bedrock, on demand): a batch job stuck in a retry loop resubmits
    ///   9k-token documents, 60 calls a minute (~$12.6/min against a normal ~$3/day), with 4 % of
    ///   calls throttled. The endpoint's month-to-date spend crosses 1.5 × its run-rate expectation
    ///   within a few minutes (about 2 at mid-month, at most about 5 at month end).
    /// - 3 ..< 8 the Azure collector's metrics rounds are throttled (HTTP 429, retry after 30 s).
    /// - 20 ..< 90 `llm-chat-prod` takes 1.6× its traffic (a launch): the autoscaler adds
    ///   instances several minutes late and hits its maximum of 8; latency climbs meanwhile.
    /// - 30 ..< 37 `rerank-prod` fails 8 % of calls (a bad model deploy, rolled back).
    public static let demo: FleetScenario = {
        let aws = demoAWSAccount
        let gcp = demoGCPProject
        let azure = demoAzureSubscription
        let endpoints: [SimulatedEndpoint] = [
            // AWS: SageMaker real-time, SageMaker Serverless, Bedrock.
            .sageMakerRealtime(
                "llm-chat-prod", account: aws, region: "us-east-1", instanceType: "ml.g5.2xlarge", gpu: .a10g,
                replicas: 2...8, traffic: TrafficProfile(peakInvocationsPerMinute: 700, nightFloor: 0.12, weekendFactor: 0.65),
                capacityPerInstance: 167, baseLatencyMs: 780
            ),
            .sageMakerRealtime(
                "rerank-prod", account: aws, region: "eu-west-1", instanceType: "ml.g4dn.xlarge", gpu: .t4,
                replicas: 1...4, traffic: TrafficProfile(peakInvocationsPerMinute: 260, nightFloor: 0.1),
                capacityPerInstance: 120, baseLatencyMs: 48
            ),
            .sageMakerRealtime(
                "llm-70b-prod", account: aws, region: "us-east-1", instanceType: "ml.p4d.24xlarge", gpu: .a100_40,
                gpuCount: 8, replicas: 1...3, traffic: TrafficProfile(peakInvocationsPerMinute: 150, nightFloor: 0.2),
                capacityPerInstance: 90, baseLatencyMs: 2600, scaling: ScalingPolicy(provisionMinutes: 9)
            ),
            .sageMakerServerless(
                "embed-serverless", account: aws, region: "us-east-1", memoryMB: 6144, maxConcurrency: 20,
                traffic: TrafficProfile(peakInvocationsPerMinute: 30, nightFloor: 0, weekendFactor: 0.4),
                invocationSeconds: 0.35, baseLatencyMs: 120, coldStartMs: 9000
            ),
            .sageMakerServerless(
                "ocr-serverless", account: aws, region: "eu-west-1", memoryMB: 4096, maxConcurrency: 10,
                provisionedConcurrency: 2,
                traffic: TrafficProfile(peakInvocationsPerMinute: 45, nightFloor: 0.02, weekendFactor: 0.3),
                invocationSeconds: 1.8, baseLatencyMs: 1900, coldStartMs: 12_000
            ),
            .bedrock(
                "claude-3-haiku", account: aws, region: "us-east-1", model: "anthropic.claude-3-haiku-20240307-v1:0",
                traffic: TrafficProfile(peakInvocationsPerMinute: 220, nightFloor: 0.15),
                tokens: TokenMix(input: 1400, output: 350), baseLatencyMs: 2400
            ),
            .bedrock(
                "claude-3-opus", account: aws, region: "us-west-2", model: "anthropic.claude-3-opus-20240229-v1:0",
                traffic: TrafficProfile(peakInvocationsPerMinute: 0.08, nightFloor: 0, weekendFactor: 0.3),
                tokens: TokenMix(input: 1800, output: 400), baseLatencyMs: 16_000
            ),
            .bedrock(
                "support-bot-ft", account: aws, region: "us-east-1", model: "meta.llama3-1-8b-instruct-v1:0",
                modelUnits: 1, traffic: TrafficProfile(peakInvocationsPerMinute: 90, nightFloor: 0.2),
                tokens: TokenMix(input: 900, output: 250), baseLatencyMs: 1600, invocationsPerUnit: 120
            ),
            // GCP: Vertex AI endpoints (dedicated and scale-to-zero), Model Garden.
            .vertexEndpoint(
                "image-tagger-t4", project: gcp, region: "us-central1", machineType: "n1-standard-4", gpu: .t4,
                replicas: 1...6, traffic: TrafficProfile(peakInvocationsPerMinute: 380, nightFloor: 0.1),
                capacityPerReplica: 95, baseLatencyMs: 65
            ),
            .vertexEndpoint(
                "search-llm-a100", project: gcp, region: "europe-west4", machineType: "a2-highgpu-1g", gpu: .a100_40,
                replicas: 1...4, traffic: TrafficProfile(peakInvocationsPerMinute: 160, nightFloor: 0.15),
                capacityPerReplica: 70, baseLatencyMs: 1300
            ),
            .vertexEndpoint(
                "llama-405b-h100", project: gcp, region: "us-central1", machineType: "a3-highgpu-8g", gpu: .h100,
                gpuCount: 8, replicas: 1...2, traffic: TrafficProfile(peakInvocationsPerMinute: 40, nightFloor: 0.2),
                capacityPerReplica: 30, baseLatencyMs: 5200, scaling: ScalingPolicy(provisionMinutes: 10)
            ),
            .vertexEndpoint(
                "sdxl-scale-to-zero", project: gcp, region: "us-central1", machineType: "g2-standard-8", gpu: .l4,
                replicas: 0...2, traffic: TrafficProfile(peakInvocationsPerMinute: 2, nightFloor: 0, weekendFactor: 0.2),
                capacityPerReplica: 12, baseLatencyMs: 3800, coldStartMs: 60_000,
                scaling: ScalingPolicy(provisionMinutes: 8, coldProvisionMinutes: 2, idleMinutes: 15)
            ),
            .vertexPublisherModel(
                "gemini-1.5-flash", project: gcp, region: "us-central1", model: "gemini-1.5-flash-002",
                traffic: TrafficProfile(peakInvocationsPerMinute: 600, nightFloor: 0.12),
                tokens: TokenMix(input: 1100, output: 220), baseLatencyMs: 1500
            ),
            .vertexPublisherModel(
                "claude-3-5-sonnet", project: gcp, region: "us-east5", model: "claude-3-5-sonnet@20240620",
                traffic: TrafficProfile(peakInvocationsPerMinute: 35, nightFloor: 0.05),
                tokens: TokenMix(input: 2200, output: 500), baseLatencyMs: 8200
            ),
            // Azure: Azure ML managed online deployments, Azure OpenAI.
            .azureMLOnline(
                "llm-chat-eu", subscription: azure, region: "swedencentral", instanceType: "Standard_NC24ads_A100_v4",
                gpu: .a100_80, instances: 1...4, traffic: TrafficProfile(peakInvocationsPerMinute: 220, nightFloor: 0.1),
                capacityPerInstance: 95, baseLatencyMs: 900
            ),
            .azureMLOnline(
                "ner-t4", subscription: azure, region: "eastus", instanceType: "Standard_NC4as_T4_v3", gpu: .t4,
                instances: 1...3, traffic: TrafficProfile(peakInvocationsPerMinute: 140, nightFloor: 0.1),
                capacityPerInstance: 110, baseLatencyMs: 70
            ),
            .azureOpenAI(
                "gpt-4o-ptu", subscription: azure, region: "swedencentral", model: "gpt-4o", ptu: 50,
                traffic: TrafficProfile(peakInvocationsPerMinute: 230, nightFloor: 0.1),
                tokens: TokenMix(input: 1500, output: 400), baseLatencyMs: 5200, invocationsPerPTU: 7
            ),
            .azureOpenAI(
                "gpt-4o-mini", subscription: azure, region: "eastus", model: "gpt-4o-mini",
                traffic: TrafficProfile(peakInvocationsPerMinute: 480, nightFloor: 0.1),
                tokens: TokenMix(input: 900, output: 200), baseLatencyMs: 2600
            ),
        ]
        let accounts = [
            SimulatedAccount(id: AccountID(cloud: .aws, account: aws), budget: Money(80_000, "USD")),
            SimulatedAccount(id: AccountID(cloud: .gcp, account: gcp), budget: Money(140_000, "USD")),
            SimulatedAccount(id: AccountID(cloud: .azure, account: azure), budget: Money(50_000, "USD")),
        ]
        let events: [FleetEvent] = [
            .batchLoad(
                endpoint: "claude-3-opus", minutes: 0..<240, invocationsPerMinute: 60,
                tokens: TokenMix(input: 9000, output: 1000)
            ),
            .errorBurst(endpoint: "claude-3-opus", minutes: 0..<240, errorFraction: 0.04),
            .trafficSurge(endpoint: "llm-chat-prod", minutes: 20..<90, factor: 1.6),
            .errorBurst(endpoint: "rerank-prod", minutes: 30..<37, errorFraction: 0.08),
        ]
        let faults = [
            SimulatedFault.throttled(cloud: .azure, dataClasses: [.metrics], minutes: demoThrottleMinutes, retryAfter: 30)
        ]
        return FleetScenario(name: "demo", endpoints: endpoints, accounts: accounts, events: events, faults: faults)
    }()
}
