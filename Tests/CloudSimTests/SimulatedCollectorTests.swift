import BurnwatchCollect
import BurnwatchCore
import CloudSim
import Foundation
import Testing

@Suite struct SimulatedCollectorTests {
    let start = utc("2025-06-16T14:30:00Z")

    @Test func oneCollectorPerCloudSharingTheModel() {
        let model = FleetModel(start: start)
        let collectors = SimulatedCollector.fleet(model: model)
        #expect(collectors.map(\.descriptor.id) == ["sim/aws", "sim/gcp", "sim/azure"])
        #expect(collectors.allSatisfy { $0.model === model })
        let aws = collectors[0].descriptor
        #expect(aws.title == "Simulated AWS (123456789012)")
        #expect(aws.identity == "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/demo")
        #expect(aws.cadences == [.metrics: 60, .inventory: 300, .cost: 14_400])
        #expect(aws.ingestDelay == 120)
        // 8 AWS endpoints × 5 metrics at $0.01 per 1,000; Cost Explorer at $0.01 per call, two calls.
        #expect(aws.pricePerRound[.metrics] == Decimal(string: "0.0004"))
        #expect(aws.pricePerRound[.cost] == Decimal(string: "0.02"))
        #expect(collectors[1].descriptor.title == "Simulated GCP (ml-prod-123)")
        #expect(collectors[2].descriptor.cloud == .azure)
        for collector in collectors {
            let identity = collector.descriptor.identity ?? ""
            #expect(!identity.lowercased().contains("secret") && !identity.lowercased().contains("key"))
        }
    }

    @Test func inventoryListsTheCloudsEndpoints() async throws {
        let collector = SimulatedCollector(cloud: .gcp, start: start)
        let batch = try await collector.collect(.inventory, context: context(start))
        let inventory = try #require(batch.inventory)
        #expect(inventory.count == 6)
        #expect(inventory.allSatisfy { $0.id.cloud == .gcp })
        #expect(Set(inventory.map(\.id.service)) == [.vertexEndpoint, .vertexPublisherModel])
        #expect(batch.collector == "sim/gcp")
        #expect(batch.dataClass == .inventory)
        #expect(batch.fetchedAt == start)
    }

    @Test func metricsAreTheLatestCompleteMinutesBehindTheIngestDelay() async throws {
        let collector = SimulatedCollector(cloud: .aws, start: start)
        // 14:35:30 with CloudWatch's two-minute delay: 14:33:30 settled, so 14:32 is the newest whole minute.
        let now = utc("2025-06-16T14:35:30Z")
        let batch = try await collector.collect(.metrics, context: context(now))
        let times = Set(batch.samples.map(\.time))
        #expect(times.max() == utc("2025-06-16T14:32:00Z"))
        #expect(times.min() == utc("2025-06-16T14:28:00Z"))
        #expect(times.count == 5)
        #expect(batch.samples.allSatisfy { $0.endpoint.cloud == .aws })
        // They are exactly the model's minutes, as a cloud would publish them.
        let id = collector.model.id(named: "llm-chat-prod")
        let published = batch.samples.filter { $0.endpoint == id && $0.time == utc("2025-06-16T14:30:00Z") }
        let truth = try #require(collector.model.minute(of: id, containing: utc("2025-06-16T14:30:00Z")))
        #expect(published == truth.samples())
        #expect(published.contains { $0.metric == .invocationsPerMinute && $0.value == Double(truth.invocations) })
    }

    @Test func latencyIsInMillisecondsForEveryCloud() async throws {
        let model = FleetModel(start: start)
        for collector in SimulatedCollector.fleet(model: model) {
            let batch = try await collector.collect(.metrics, context: context(minutes(1, after: start)))
            for sample in batch.samples where sample.metric == .p99LatencyMs {
                let base = model.endpoint(sample.endpoint)?.baseLatencyMs ?? 0
                #expect(sample.value > 0.5 * base && sample.value < 100 * base, "\(sample.endpoint.name): \(sample.value) ms")
            }
        }
    }

    @Test func idleServerlessMinutesAreMissingNotZero() async throws {
        let model = FleetModel(start: start)
        let id = model.id(named: "embed-serverless")
        // us-east-1 nights (UTC−5) are idle for this endpoint: find idle and active minutes in the last day.
        let day = model.minutes(of: id, from: minutes(-1440, after: start), count: 1440)
        let idle = try #require(day.first { $0.invocations == 0 })
        let active = try #require(day.first { $0.invocations > 0 })
        #expect(idle.samples().isEmpty, "nothing published for an idle minute")
        #expect(active.samples().contains { $0.metric == .invocationsPerMinute && $0.value > 0 })
        #expect(active.samples().contains { $0.metric == .concurrency })
        #expect(!active.samples().contains { $0.metric == .replicas }, "SageMaker Serverless has no instances")
        // Through the collector: a round whose window covers only idle minutes has no sample of it.
        let collector = SimulatedCollector(cloud: .aws, model: model, lookbackMinutes: 1)
        let roundTime = idle.start.addingTimeInterval(60 + collector.descriptor.ingestDelay)
        let batch = try await collector.collect(.metrics, context: context(roundTime))
        #expect(!batch.samples.isEmpty)
        #expect(!batch.samples.contains { $0.endpoint == id })
    }

    @Test func aScaleToZeroEndpointAtRestReportsZeroReplicasAndNoTraffic() throws {
        let model = FleetModel(start: start)
        let id = model.id(named: "sdxl-scale-to-zero")
        let day = model.minutes(of: id, from: minutes(-1440, after: start), count: 1440)
        let resting = try #require(day.first { $0.replicas == 0 && $0.invocations == 0 })
        #expect(resting.samples().map(\.metric) == [.replicas])
        #expect(resting.samples().first?.value == 0)
    }

    @Test func theDemoThrottlesAzureMetricsFromMinuteThreeToEight() async throws {
        let model = FleetModel(start: start)
        let azure = SimulatedCollector(cloud: .azure, model: model)
        let aws = SimulatedCollector(cloud: .aws, model: model)
        _ = try await azure.collect(.metrics, context: context(start.addingTimeInterval(179)))
        for second in [180.0, 300, 479] {
            do {
                _ = try await azure.collect(.metrics, context: context(start.addingTimeInterval(second)))
                Issue.record("not throttled at \(second) s")
            } catch let error as CollectorError {
                #expect(error.isThrottle)
                #expect(error.retryAfter == 30)
            }
        }
        _ = try await azure.collect(.metrics, context: context(start.addingTimeInterval(480)))
        // Only Azure, and only its metrics.
        _ = try await azure.collect(.inventory, context: context(start.addingTimeInterval(240)))
        _ = try await azure.collect(.cost, context: context(start.addingTimeInterval(240)))
        _ = try await aws.collect(.metrics, context: context(start.addingTimeInterval(240)))
        #expect(FleetScenario.demoThrottleMinutes == 3..<8)
    }

    @Test func scriptedFaultsFailTheirWindowOnly() async throws {
        let faults = [
            SimulatedFault(cloud: .gcp, dataClasses: [.cost], minutes: 0..<10, behaviour: .malformed(detail: "truncated JSON")),
            SimulatedFault(cloud: .gcp, dataClasses: [.inventory], minutes: 5..<6, behaviour: .fail(.unauthorized(hint: "gcloud auth application-default login", "token expired"))),
        ]
        let collector = SimulatedCollector(cloud: .gcp, start: start, faults: faults)
        await #expect(throws: CollectorError.malformedResponse("truncated JSON")) {
            _ = try await collector.collect(.cost, context: context(start.addingTimeInterval(60)))
        }
        _ = try await collector.collect(.cost, context: context(start.addingTimeInterval(600)))
        _ = try await collector.collect(.inventory, context: context(start.addingTimeInterval(240)))
        do {
            _ = try await collector.collect(.inventory, context: context(start.addingTimeInterval(330)))
            Issue.record("expected unauthorized")
        } catch let error as CollectorError {
            #expect(error.kind == "unauthorized")
            #expect(error.hint == "gcloud auth application-default login")
        }
        // Explicit faults replace the scenario's: this collector's metrics are never throttled.
        let azure = SimulatedCollector(cloud: .azure, start: start, faults: [])
        _ = try await azure.collect(.metrics, context: context(start.addingTimeInterval(240)))
    }

    @Test func aHangingRoundEndsWhenCancelled() async throws {
        let faults = [SimulatedFault(cloud: .aws, dataClasses: [.metrics], minutes: 0..<60, behaviour: .hang(seconds: 3600))]
        let collector = SimulatedCollector(cloud: .aws, start: start, faults: faults)
        let round = Task { try await collector.collect(.metrics, context: context(start)) }
        round.cancel()
        await #expect(throws: CancellationError.self) { _ = try await round.value }
    }

    @Test func aHangThatNobodyCancelsTimesOut() async throws {
        let faults = [SimulatedFault(cloud: .aws, dataClasses: [.metrics], minutes: 0..<60, behaviour: .hang(seconds: 0.01))]
        let collector = SimulatedCollector(cloud: .aws, start: start, faults: faults)
        do {
            _ = try await collector.collect(.metrics, context: context(start))
            Issue.record("expected a timeout")
        } catch let error as CollectorError {
            #expect(error.isTimeout)
        }
    }

    @Test func costRoundsReturnAccountAndEndpointRecords() async throws {
        let collector = SimulatedCollector(cloud: .azure, start: start)
        let batch = try await collector.collect(.cost, context: context(start))
        #expect(batch.costs.count == 5)  // the subscription + its four deployments
        #expect(batch.costs.first?.scope == .account(AccountID(cloud: .azure, account: FleetScenario.demoAzureSubscription)))
        #expect(batch.costs.allSatisfy { $0.fetchedAt == start && $0.month == BillingMonth(year: 2025, month: 6) })
        #expect(batch.costs.allSatisfy { $0.billedThrough == utc("2025-06-16T06:00:00Z") })  // 14:00 − 8 h
        #expect(batch.costs.allSatisfy { $0.billedToDate.amount > 0 && ($0.estimatedUnbilled?.amount ?? 0) > 0 })
    }

    @Test func snapshotBatchesAreByteForByteStable() async throws {
        func encodedRound(reversed: Bool) async throws -> Data {
            let model = FleetModel.snapshotFixture()
            var collectors = SimulatedCollector.fleet(model: model)
            if reversed { collectors.reverse() }
            var batches: [CollectBatch] = []
            let classes: [DataClass] = reversed ? DataClass.allCases.reversed() : DataClass.allCases
            for collector in collectors {
                for dataClass in classes {
                    batches.append(try await collector.collect(dataClass, context: context(FleetModel.snapshotFixtureInstant)))
                }
            }
            batches.sort { ($0.collector, $0.dataClass.rawValue) < ($1.collector, $1.dataClass.rawValue) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(batches)
        }
        let first = try await encodedRound(reversed: false)
        let second = try await encodedRound(reversed: true)
        #expect(first == second)
        #expect(first.count > 10_000)
    }

    @Test func theSnapshotFixtureCatchesTheDemoAfterTheSpikeAndTheThrottling() {
        let model = FleetModel.snapshotFixture()
        #expect(model.demoMinute(at: FleetModel.snapshotFixtureInstant) == 12)
        #expect(FleetModel.snapshotFixtureInstant == utc("2025-06-16T14:30:00Z"))
    }
}
