import BurnwatchCore
import CloudSim
import Foundation
import Testing

@Suite struct ScalingTests {
    /// An hour boundary, so autoscaler evaluations (every 3 minutes of absolute time) fall on demo minutes 0, 3, 6, …
    let start = utc("2025-06-18T12:00:00Z")

    /// 105 calls/min against 100 per instance at a 70 % target: 2 instances. ×4 from minute 60 to 240:
    /// 6 wanted, 5 allowed.
    func surgeModel() -> FleetModel {
        let endpoint = SimulatedEndpoint.sageMakerRealtime(
            "surge", account: "111122223333", region: "us-east-1", instanceType: "ml.g5.2xlarge", gpu: .a10g,
            replicas: 1...5, traffic: .flat(105), capacityPerInstance: 100, baseLatencyMs: 100,
            scaling: ScalingPolicy(
                targetUtilisation: 0.7, evaluationMinutes: 3, provisionMinutes: 6, provisionJitterMinutes: 3, scaleInMinutes: 15
            )
        )
        return FleetModel(
            scenario: FleetScenario(
                name: "surge", endpoints: [endpoint], events: [.trafficSurge(endpoint: "surge", minutes: 60..<240, factor: 4)]
            ),
            start: start
        )
    }

    @Test func replicasFollowTheLoadRiseMinutesLater() throws {
        let model = surgeModel()
        let timeline = model.minutes(of: model.endpointIDs[0], from: start, count: 300)
        let replicas = timeline.map { $0.replicas ?? -1 }
        #expect(replicas[0..<60].allSatisfy { $0 == 2 }, "steady before the surge")
        // The load quadruples at 60; nothing can serve before the first evaluation plus provisioning.
        #expect(replicas[60...65].allSatisfy { $0 == 2 })
        let firstRise = try #require(replicas.indices.first { $0 >= 60 && replicas[$0] > 2 })
        #expect((66...71).contains(firstRise), "first new instance at minute \(firstRise)")
        // Meanwhile the two instances are overloaded: slow and shedding calls.
        #expect(timeline[62].p99LatencyMs! > 5 * timeline[30].p99LatencyMs!)
        #expect(timeline[62].errors > 50)
        #expect(replicas[75..<240].allSatisfy { $0 == 5 }, "at the maximum once provisioned")
        #expect(replicas.allSatisfy { (1...5).contains($0) }, "within min and max throughout")
    }

    @Test func scaleInWaitsLongerThanScaleOut() {
        let model = surgeModel()
        let replicas = model.minutes(of: model.endpointIDs[0], from: start, count: 300).map { $0.replicas ?? -1 }
        // Load drops at 240; scale-in needs 15 minutes of low load first.
        #expect(replicas[240..<255].allSatisfy { $0 == 5 })
        #expect(replicas[258..<300].allSatisfy { $0 == 2 })
    }

    @Test func replicasOfTheDemoStayWithinTheirBounds() {
        let model = FleetModel(start: start)
        for id in model.endpointIDs {
            guard let configuration = model.endpoint(id)?.configuration, let low = configuration.minReplicas,
                let high = configuration.maxReplicas
            else { continue }
            for minute in model.minutes(of: id, from: minutes(-600, after: start), count: 1200) {
                let serving = minute.replicas ?? -1
                #expect(serving >= low && serving <= high, "\(id.name): \(serving) outside \(low)…\(high)")
            }
        }
    }

    @Test func scaleToZeroEndpointsColdStartOnlyFromZero() {
        let endpoint = SimulatedEndpoint.vertexEndpoint(
            "zero", project: "test-project", region: "us-central1", machineType: "g2-standard-8", gpu: .l4,
            replicas: 0...2,
            traffic: TrafficProfile(peakInvocationsPerMinute: 1.5, nightFloor: 0, weekendFactor: 1, dayToDayVariation: 0, jitter: 0),
            capacityPerReplica: 12, baseLatencyMs: 3000, coldStartMs: 60_000,
            scaling: ScalingPolicy(provisionMinutes: 8, coldProvisionMinutes: 2, idleMinutes: 15)
        )
        let model = FleetModel(scenario: FleetScenario(name: "zero", endpoints: [endpoint]), start: start)
        let day = model.minutes(of: model.endpointIDs[0], from: start, count: 1440)
        var coldStarts = 0
        var restingMinutes = 0
        for (previous, minute) in zip(day, day.dropFirst()) {
            let wasAtZero = previous.replicas == 0 && previous.pendingReplicas == 0
            if wasAtZero { restingMinutes += 1 }
            if (minute.coldStarts ?? 0) > 0 {
                coldStarts += 1
                #expect(wasAtZero, "cold start at \(minute.start) without scaling from zero")
            }
            if wasAtZero, minute.invocations > 0 {
                #expect(minute.coldStarts == 1, "a call at \(minute.start) woke nobody")
                #expect(minute.p99LatencyMs == 60_000, "the first calls wait for the replica")
            }
            #expect((0...2).contains(minute.replicas ?? -1))
        }
        #expect(coldStarts > 0)
        #expect(restingMinutes > 60, "the endpoint rests at zero overnight")
    }

    @Test func serverlessColdStartsComeOnlyWithGrowingConcurrency() {
        let endpoint = SimulatedEndpoint.sageMakerServerless(
            "sls", account: "111122223333", region: "us-east-1", memoryMB: 6144, maxConcurrency: 20,
            traffic: TrafficProfile(peakInvocationsPerMinute: 120, nightFloor: 0, weekendFactor: 1),
            invocationSeconds: 2, baseLatencyMs: 150, coldStartMs: 9000, scaling: ScalingPolicy(idleMinutes: 10)
        )
        let model = FleetModel(scenario: FleetScenario(name: "sls", endpoints: [endpoint]), start: start)
        let day = model.minutes(of: model.endpointIDs[0], from: start, count: 1440)
        var idleRun = 0
        var wakeUps = 0
        for (previous, minute) in zip(day, day.dropFirst()) {
            let cold = minute.coldStarts ?? 0
            if cold > 0 {
                // From zero after idling, or beyond the containers in use a minute earlier.
                #expect((minute.concurrency ?? 0) > (previous.concurrency ?? 0))
                #expect(minute.p99LatencyMs! > 150 + 1000, "a cold start shows in p99")
            }
            if minute.invocations > 0, idleRun >= 10 {
                wakeUps += 1
                #expect(cold >= 1, "first call after \(idleRun) idle minutes at \(minute.start) started warm")
            }
            idleRun = minute.invocations == 0 ? idleRun + 1 : 0
        }
        #expect(wakeUps > 0, "the endpoint idles at night and wakes up")
    }

    @Test func provisionedConcurrencyAvoidsColdStarts() {
        let endpoint = SimulatedEndpoint.sageMakerServerless(
            "warm", account: "111122223333", region: "us-east-1", memoryMB: 4096, maxConcurrency: 10,
            provisionedConcurrency: 3, traffic: .flat(20), invocationSeconds: 0.5, baseLatencyMs: 200, coldStartMs: 9000
        )
        let model = FleetModel(scenario: FleetScenario(name: "warm", endpoints: [endpoint]), start: start)
        let day = model.minutes(of: model.endpointIDs[0], from: start, count: 1440)
        #expect(day.allSatisfy { ($0.coldStarts ?? 0) == 0 })
        #expect(day.allSatisfy { ($0.concurrency ?? 0) <= 3 })
    }
}
