import BurnwatchCore
import CloudSim
import Foundation
import Testing

@Suite struct FleetModelTests {
    let start = utc("2025-06-16T14:30:00Z")

    @Test func demoFleetCoversEveryServiceAndCloud() {
        let scenario = FleetScenario.demo
        #expect(scenario.endpoints.count >= 14)
        #expect(Set(scenario.endpoints.map(\.id.service)) == Set(Service.allCases))
        #expect(Set(scenario.endpoints.map(\.id.cloud)) == Set(Cloud.allCases))
        #expect(Set(scenario.endpoints.map(\.id.name)).count == scenario.endpoints.count, "names are unique")
        let accounts = Set(scenario.endpoints.map(\.id.account))
        #expect(accounts == [FleetScenario.demoAWSAccount, FleetScenario.demoGCPProject, FleetScenario.demoAzureSubscription])
        // Every endpoint's configuration is priced by the built-in table (or the bill would be silently zero).
        let model = FleetModel(start: start)
        for id in model.endpointIDs {
            #expect(model.spend(of: id, from: start.addingTimeInterval(-86_400), to: start).amount > 0, "\(id) accrues spend")
        }
    }

    @Test func demoConfigurationsCarryTheGPUFacts() {
        let model = FleetModel(start: start)
        let inventory = Dictionary(uniqueKeysWithValues: model.inventory(at: start).map { ($0.id.name, $0) })
        let chat = inventory["llm-chat-prod"]?.configuration
        #expect(chat?.instanceType == "ml.g5.2xlarge")
        #expect(chat?.gpu == GPUModel(name: "A10G", memoryGB: 24))
        #expect(inventory["rerank-prod"]?.configuration.gpu == GPUModel(name: "T4", memoryGB: 16))
        let p4d = inventory["llm-70b-prod"]?.configuration
        #expect(p4d?.instanceType == "ml.p4d.24xlarge" && p4d?.gpu == .a100_40 && p4d?.gpuCount == 8)
        #expect(inventory["image-tagger-t4"]?.configuration.instanceType == "n1-standard-4")
        #expect(inventory["image-tagger-t4"]?.configuration.gpu == .t4)
        #expect(inventory["search-llm-a100"]?.configuration.instanceType == "a2-highgpu-1g")
        let h100 = inventory["llama-405b-h100"]?.configuration
        #expect(h100?.instanceType == "a3-highgpu-8g" && h100?.gpu == .h100 && h100?.gpuCount == 8)
        #expect(inventory["llm-chat-eu"]?.configuration.gpu == GPUModel(name: "A100", memoryGB: 80))
        let serverless = inventory["embed-serverless"]
        #expect(serverless?.kind == .serverless)
        #expect(serverless?.configuration.serverlessMemoryMB == 6144)
        #expect(serverless?.configuration.maxConcurrency == 20)
        #expect(inventory["ocr-serverless"]?.configuration.provisionedConcurrency == 2)
        #expect(inventory["sdxl-scale-to-zero"]?.kind == .serverless)
        #expect(inventory["sdxl-scale-to-zero"]?.configuration.minReplicas == 0)
        #expect(inventory["support-bot-ft"]?.configuration.provisionedUnits == 1)
        #expect(inventory["claude-3-haiku"]?.configuration.provisionedUnits == nil)
        #expect(inventory["gpt-4o-ptu"]?.configuration.provisionedUnits == 50)
        #expect(inventory["claude-3-haiku"]?.kind == .managedAPI)
    }

    @Test func sameSeedAndInstantGiveTheSameValuesWhateverTheQueryOrder() {
        let forward = FleetModel(start: start)
        let backward = FleetModel(start: start)
        let scattered = FleetModel(start: start)
        let instants = (0..<90).map { minutes($0 * 7 - 200, after: start) }
        let expected = instants.map { forward.snapshot(at: $0) }
        let reversed = instants.reversed().map { backward.snapshot(at: $0) }
        #expect(Array(reversed.reversed()) == expected)
        // A query far ahead first (which steps the autoscalers a long way) changes nothing before it.
        _ = scattered.snapshot(at: minutes(3000, after: start))
        var order = SplitMix64(seed: 2024)
        for (index, instant) in instants.enumerated().shuffled(using: &order) {
            #expect(scattered.snapshot(at: instant) == expected[index])
        }
        // Asking for a minute at any second within it gives the same minute.
        #expect(forward.snapshot(at: start.addingTimeInterval(59)) == forward.snapshot(at: start))
    }

    @Test func differentSeedsGiveDifferentFleets() {
        let a = FleetModel(seed: 1, start: start).snapshot(at: start)
        let b = FleetModel(seed: 2, start: start).snapshot(at: start)
        #expect(a.map(\.invocations) != b.map(\.invocations))
    }

    @Test func rangeQueriesAgreeWithSingleMinuteQueries() {
        let model = FleetModel(start: start)
        let id = model.id(named: "llm-chat-prod")
        // From before the stepping anchor (a day before the start) into the demo.
        let first = minutes(-26 * 60, after: start)
        let range = model.minutes(of: id, from: first, count: 180)
        #expect(range.count == 180)
        for (offset, minute) in range.enumerated() where offset % 17 == 0 {
            #expect(FleetModel(start: start).minute(of: id, containing: minutes(offset, after: first)) == minute)
        }
    }

    @Test func trafficIsLowerAtNightThanDuringTheDay() {
        let endpoint = SimulatedEndpoint.sageMakerRealtime(
            "diurnal", account: "111122223333", region: "us-east-1", instanceType: "ml.g5.2xlarge", gpu: .a10g,
            replicas: 1...10, traffic: TrafficProfile(peakInvocationsPerMinute: 500, nightFloor: 0.1, weekendFactor: 1),
            capacityPerInstance: 100, baseLatencyMs: 100
        )
        // us-east-1 runs on UTC−5: 04:00 local is 09:00 UTC, 14:00 local is 19:00 UTC (a Wednesday).
        let model = FleetModel(scenario: FleetScenario(name: "diurnal", endpoints: [endpoint]), start: utc("2025-06-18T00:00:00Z"))
        let id = model.endpointIDs[0]
        let night = model.minutes(of: id, from: utc("2025-06-18T08:30:00Z"), count: 60).map(\.invocations).reduce(0, +)
        let day = model.minutes(of: id, from: utc("2025-06-18T18:30:00Z"), count: 60).map(\.invocations).reduce(0, +)
        #expect(night > 0)
        #expect(Double(night) < 0.25 * Double(day), "night \(night) day \(day)")
        // Around the peak, one minute's count is near the profile: 500/min ± noise.
        #expect(Double(day) / 60 > 400 && Double(day) / 60 < 600)
    }

    @Test func weekendsAreQuieterThanWeekdays() {
        let endpoint = SimulatedEndpoint.bedrock(
            "weekly", account: "111122223333", region: "eu-west-1", model: "anthropic.claude-3-haiku-20240307-v1:0",
            traffic: TrafficProfile(peakInvocationsPerMinute: 300, weekendFactor: 0.5, dayToDayVariation: 0),
            tokens: TokenMix(input: 100, output: 10), baseLatencyMs: 1000
        )
        let model = FleetModel(scenario: FleetScenario(name: "weekly", endpoints: [endpoint]), start: utc("2025-06-20T00:00:00Z"))
        let id = model.endpointIDs[0]
        // eu-west-1 is UTC+0: Friday 20 June against Saturday 21 June, 12:00–13:00.
        let friday = model.minutes(of: id, from: utc("2025-06-20T12:00:00Z"), count: 60).map(\.invocations).reduce(0, +)
        let saturday = model.minutes(of: id, from: utc("2025-06-21T12:00:00Z"), count: 60).map(\.invocations).reduce(0, +)
        #expect(abs(Double(saturday) / Double(friday) - 0.5) < 0.1, "friday \(friday) saturday \(saturday)")
    }

    @Test func latencyGrowsWithUtilisation() {
        func endpoint(_ name: String, _ load: Double) -> SimulatedEndpoint {
            .sageMakerRealtime(
                name, account: "111122223333", region: "us-east-1", instanceType: "ml.g5.2xlarge", gpu: .a10g,
                replicas: 1...1, traffic: .flat(load), capacityPerInstance: 100, baseLatencyMs: 200
            )
        }
        let model = FleetModel(
            scenario: FleetScenario(name: "latency", endpoints: [endpoint("idle", 5), endpoint("busy", 90)]), start: start
        )
        func meanP99(_ name: String) -> Double {
            let values = model.minutes(of: model.id(named: name), from: start, count: 60).compactMap(\.p99LatencyMs)
            return values.reduce(0, +) / Double(values.count)
        }
        #expect(meanP99("idle") < 230)
        #expect(meanP99("busy") > 2 * meanP99("idle"))
    }

    @Test func theInventoryFollowsReconfigurations() {
        let endpoint = SimulatedEndpoint.sageMakerRealtime(
            "resized", account: "111122223333", region: "us-east-1", instanceType: "ml.g5.2xlarge", gpu: .a10g,
            replicas: 1...2, traffic: .flat(50), capacityPerInstance: 100, baseLatencyMs: 100
        )
        let bigger = EndpointConfiguration(instanceType: "ml.p4d.24xlarge", gpu: .a100_40, gpuCount: 8, minReplicas: 2, maxReplicas: 2)
        let model = FleetModel(
            scenario: FleetScenario(
                name: "resize", endpoints: [endpoint],
                events: [.reconfigure(endpoint: "resized", atMinute: 30, configuration: bigger)]
            ),
            start: start
        )
        #expect(model.inventory(at: minutes(29, after: start)).first?.configuration.instanceType == "ml.g5.2xlarge")
        #expect(model.inventory(at: minutes(30, after: start)).first?.configuration == bigger)
        // The second instance of the new minimum has to be provisioned first.
        let id = model.endpointIDs[0]
        #expect(model.minute(of: id, containing: minutes(31, after: start))?.replicas == 1)
        #expect(model.minute(of: id, containing: minutes(31, after: start))?.pendingReplicas == 1)
        #expect(model.minute(of: id, containing: minutes(60, after: start))?.replicas == 2)
    }
}

@Suite struct FleetModelConcurrencyTests {
    @Test func concurrentQueriesSeeWhatASequentialModelSees() async {
        let start = utc("2025-06-16T14:30:00Z")
        let shared = FleetModel(start: start)
        let reference = FleetModel(start: start)
        let instants = (0..<40).map { minutes($0 * 11 - 120, after: start) }
        let expected = instants.map { reference.snapshot(at: $0) }
        let expectedCost = reference.costRecords(at: minutes(30, after: start))
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var order = SplitMix64(seed: UInt64(worker))
                    var same = true
                    for index in instants.indices.shuffled(using: &order) {
                        same = same && shared.snapshot(at: instants[index]) == expected[index]
                    }
                    return same && shared.costRecords(at: minutes(30, after: start)) == expectedCost
                }
            }
            for await same in group { #expect(same) }
        }
    }
}
