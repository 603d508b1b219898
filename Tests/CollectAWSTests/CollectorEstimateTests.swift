import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct CollectorEstimateTests {
    static let t0 = AWSFixtures.date("2025-06-15T00:00:00Z")
    static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }
    static let realtime = Endpoint(
        id: EndpointID(account: "123456789012", region: "us-east-1", service: .sageMakerRealtime, name: "llm"),
        configuration: EndpointConfiguration(instanceType: "ml.g5.2xlarge")
    )

    @Test func replicaHoursFollowTheObservedSteps() {
        var ledger = AWSCollectorUsageLedger()
        #expect(ledger.replicaHours(of: Self.realtime.id, from: Self.at(0), to: Self.at(1)) == nil)
        ledger.observeReplicas(2, of: Self.realtime.id, at: Self.at(2))
        ledger.observeReplicas(4, of: Self.realtime.id, at: Self.at(5))
        // Before the first observation its count is assumed: 2 × 5 h, then 4 × 1 h.
        #expect(ledger.replicaHours(of: Self.realtime.id, from: Self.at(0), to: Self.at(6)) == 14)
        #expect(ledger.replicaHours(of: Self.realtime.id, from: Self.at(4), to: Self.at(5.5)) == 4)
        let estimate = ledger.estimate(for: Self.realtime, from: Self.at(0), to: Self.at(6), prices: AWSPriceTable())
        #expect(estimate == Money(Decimal(string: "21.21")!, "USD"))  // 14 h × $1.515
        ledger.prune(before: Self.at(5.5))
        // The count in force at the cut is kept.
        #expect(ledger.replicaHours(of: Self.realtime.id, from: Self.at(5.5), to: Self.at(6)) == 2)
    }

    @Test func serverlessAndTokenEstimatesUseObservedMinutes() {
        let serverless = Endpoint(
            id: EndpointID(account: "1", region: "us-east-1", service: .sageMakerServerless, name: "sls"),
            configuration: EndpointConfiguration(serverlessMemoryMB: 2048)
        )
        let bedrock = Endpoint(
            id: EndpointID(account: "1", region: "us-east-1", service: .bedrock, name: "nova"),
            configuration: EndpointConfiguration(model: "us.amazon.nova-lite-v1:0")
        )
        var ledger = AWSCollectorUsageLedger()
        #expect(ledger.estimate(for: serverless, from: Self.at(0), to: Self.at(1), prices: AWSPriceTable()) == nil)
        ledger.record(.init(endpoint: serverless.id, minute: Self.at(0.5), invocations: 1000, modelLatencyMs: 250))
        // A later round's figure for the same minute replaces the first.
        ledger.record(.init(endpoint: serverless.id, minute: Self.at(0.5), invocations: 2000, modelLatencyMs: 250))
        ledger.record(.init(endpoint: serverless.id, minute: Self.at(2), invocations: 9999, modelLatencyMs: 250))
        // 2000 × 0.25 s × 2 GB × $0.00002 = $0.02; the minute at 2 h is outside.
        #expect(ledger.estimate(for: serverless, from: Self.at(0), to: Self.at(1), prices: AWSPriceTable()) == Money(Decimal(string: "0.02")!, "USD"))

        ledger.record(.init(endpoint: bedrock.id, minute: Self.at(0.1), inputTokens: 1_000_000, outputTokens: 100_000))
        // Cross-region profile id priced as the model: 1,000k × $0.00006 + 100k × $0.00024 = $0.084.
        #expect(ledger.estimate(for: bedrock, from: Self.at(0), to: Self.at(1), prices: AWSPriceTable()) == Money(Decimal(string: "0.084")!, "USD"))
        // Overrides win.
        let custom = AWSPriceTable(overrides: ["amazon.nova-lite-v1:0/input-1k": Money(0), "amazon.nova-lite-v1:0/output-1k": Money(1)])
        #expect(ledger.estimate(for: bedrock, from: Self.at(0), to: Self.at(1), prices: custom) == Money(100, "USD"))
    }

    @Test func unpricedThingsHaveNoEstimate() {
        var ledger = AWSCollectorUsageLedger()
        let unknown = Endpoint(
            id: EndpointID(account: "1", region: "us-east-1", service: .sageMakerRealtime, name: "cpu"),
            configuration: EndpointConfiguration(instanceType: "ml.m5.large")
        )
        ledger.observeReplicas(1, of: unknown.id, at: Self.at(0))
        #expect(ledger.estimate(for: unknown, from: Self.at(0), to: Self.at(1), prices: AWSPriceTable()) == nil)
        #expect(ledger.estimate(for: unknown, from: Self.at(0), to: Self.at(1), prices: AWSPriceTable(overrides: ["ml.m5.large": Money(Decimal(string: "0.115")!)]))
            == Money(Decimal(string: "0.115")!, "USD"))
    }

    @Test func priceTableAndAccelerators() {
        let table = AWSPriceTable(overrides: ["ml.g5.2xlarge": Money(Decimal(string: "1.2")!, "USD")])
        #expect(table.hourly(instanceType: "ml.g5.2xlarge") == Money(Decimal(string: "1.2")!, "USD"))
        #expect(AWSPriceTable().hourly(instanceType: "ml.g5.2xlarge") == Money(Decimal(string: "1.515")!, "USD"))
        #expect(AWSPriceTable().serverlessPerGBSecond == Money(Decimal(string: "0.00002")!, "USD"))
        #expect(AWSPriceTable().tokenPrices(modelID: "anthropic.claude-3-haiku-20240307-v1:0")?.output == Money(Decimal(string: "0.00125")!, "USD"))
        #expect(AWSPriceTable().tokenPrices(modelID: "unknown.model-v1:0") == nil)
        for type in ["ml.g4dn.xlarge", "ml.g5.xlarge", "ml.g6.xlarge", "ml.p4d.24xlarge", "ml.p5.48xlarge", "ml.inf2.xlarge"] {
            #expect(AWSPriceTable().hourly(instanceType: type) != nil, "\(type) has no price")
        }
        #expect(AWSPriceTable.accelerator(instanceType: "ml.g4dn.xlarge")! == (.t4, 1))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.g4dn.12xlarge")! == (.t4, 4))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.g5.48xlarge")! == (.a10g, 8))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.g6.2xlarge")! == (.l4, 1))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.p3.2xlarge")! == (GPUModel(name: "V100", memoryGB: 16), 1))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.p3.16xlarge")! == (GPUModel(name: "V100", memoryGB: 16), 8))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.p4d.24xlarge")! == (.a100_40, 8))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.p4de.24xlarge")! == (.a100_80, 8))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.p5.48xlarge")! == (.h100, 8))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.inf2.48xlarge")! == (.inferentia2, 12))
        #expect(AWSPriceTable.accelerator(instanceType: "ml.m5.large") == nil)
        #expect(AWSPriceTable.accelerator(instanceType: "garbage") == nil)
    }

    @Test func metricPlanIDsAreValidAndUnique() {
        let targets = (0..<30).map { index in
            AWSCollectorTarget(
                endpoint: Endpoint(id: EndpointID(account: "1", region: "us-east-1", service: index.isMultiple(of: 2) ? .sageMakerServerless : .bedrock, name: "e\(index)")),
                source: index.isMultiple(of: 2) ? .sageMaker(endpointName: "e\(index)", variants: ["a", "b"]) : .bedrock(modelDimension: "m\(index)"),
                replicas: nil, observedAt: CollectorEstimateTests.t0, part: .sageMaker
            )
        }
        let plan = AWSCollectorMetricPlan(targets: targets)
        #expect(plan.queries.count == 15 * 2 * 7 + 15 * 7)
        #expect(Set(plan.queries.map(\.id)).count == plan.queries.count)
        #expect(plan.queries.allSatisfy { CloudWatchMetricQuery.isValidID($0.id) && $0.period == 60 })
    }

    @Test func emptyValuesGiveNoSamplesAndSeveralVariantsCombine() {
        let target = AWSCollectorTarget(
            endpoint: Endpoint(id: EndpointID(account: "1", region: "us-east-1", service: .sageMakerRealtime, name: "ab")),
            source: .sageMaker(endpointName: "ab", variants: ["blue", "green"]), replicas: nil, observedAt: Self.t0, part: .sageMaker
        )
        let plan = AWSCollectorMetricPlan(targets: [target])
        var data = CloudWatchMetricData()
        for query in plan.queries { data.results[query.id] = CloudWatchMetricResult(id: query.id) }
        #expect(plan.read(data).samples.isEmpty)
        let minute = Self.at(1)
        func set(_ id: String, _ value: Double) { data.results[id]?.points = [.init(time: minute, value: value)] }
        set("e0v0_ml", 100_000)  // blue: 100 ms + 5 ms
        set("e0v0_ol", 5_000)
        set("e0v1_ml", 150_000)  // green: 150 ms, no overhead datapoint
        set("e0v0_inv", 10)
        set("e0v1_inv", 30)
        set("e0v1_e5", 2)
        let samples = plan.read(data).samples
        #expect(samples.first { $0.metric == .p99LatencyMs }?.value == 150)
        #expect(samples.first { $0.metric == .invocationsPerMinute }?.value == 40)
        #expect(samples.first { $0.metric == .errorsPerMinute }?.value == 2)
        #expect(samples.allSatisfy { $0.time == minute })
        #expect(samples.count == 3)
        set("e0v0_ml", .nan)
        #expect(plan.read(data).samples.first { $0.metric == .p99LatencyMs }?.value == 150)
    }
}
