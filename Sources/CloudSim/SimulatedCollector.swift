import BurnwatchCollect
import BurnwatchCore
import Foundation

/// A collector for one cloud of a `FleetModel`, in process: no wire format, no network.
///
/// It answers as the cloud's APIs would: the inventory of its endpoints; the latest complete
/// minutes of metrics, behind the provider's ingest delay (the current minute is never returned,
/// and idle minutes have no datapoints); month-to-date cost records. Time is `context.now`, never a
/// clock, so the demo's speed factor and the tests' fixed instants both just work. Scripted faults
/// (throttling, hangs, malformed answers) fail rounds in a window of minutes after the model's start.
///
/// It is the test double for the scheduler and UI tests. For UI snapshots, build the model at a
/// fixed instant (see `FleetModel.snapshotFixture()`), collect each data class at that instant and
/// feed the batches to the reducer: the batches are byte-for-byte the same on every run.
public struct SimulatedCollector: Collector {
    public let descriptor: CollectorDescriptor
    public let cloud: Cloud
    public let model: FleetModel
    public let faults: [SimulatedFault]
    /// How many of the latest complete minutes a metrics round returns (providers are asked for a
    /// few, so a late datapoint is picked up next round).
    public let lookbackMinutes: Int

    /// - Parameters:
    ///   - faults: the scripted faults to apply; nil applies the scenario's faults for this cloud.
    ///   - cadences: nil uses 60 s metrics, 5 min inventory, 4 h cost, as the real collectors do.
    public init(
        cloud: Cloud, model: FleetModel, faults: [SimulatedFault]? = nil, lookbackMinutes: Int = 5,
        cadences: [DataClass: TimeInterval]? = nil
    ) {
        self.cloud = cloud
        self.model = model
        self.faults = (faults ?? model.scenario.faults).filter { $0.cloud == nil || $0.cloud == cloud }
        self.lookbackMinutes = max(1, lookbackMinutes)
        descriptor = SimulatedCollector.descriptor(
            cloud: cloud, model: model, cadences: cadences ?? [.metrics: 60, .inventory: 300, .cost: 4 * 3600]
        )
    }

    /// A collector over its own model: for tests that want one cloud of one scenario.
    public init(
        cloud: Cloud, scenario: FleetScenario = .demo, seed: UInt64 = FleetModel.defaultSeed, start: Date,
        faults: [SimulatedFault]? = nil
    ) {
        self.init(cloud: cloud, model: FleetModel(scenario: scenario, seed: seed, start: start), faults: faults)
    }

    /// One collector per cloud that has endpoints in the model, all sharing it (ids `sim/aws`, `sim/gcp`, `sim/azure`).
    public static func fleet(model: FleetModel, cadences: [DataClass: TimeInterval]? = nil) -> [SimulatedCollector] {
        Cloud.allCases.filter { cloud in model.endpointIDs.contains { $0.cloud == cloud } }
            .map { SimulatedCollector(cloud: $0, model: model, cadences: cadences) }
    }

    public func collect(_ dataClass: DataClass, context: CollectContext) async throws -> CollectBatch {
        let now = context.now
        let offset = now.timeIntervalSince(model.start)
        if let fault = faults.first(where: { $0.applies(to: cloud, dataClass: dataClass, offset: offset) }) {
            switch fault.behaviour {
            case .fail(let error):
                throw error
            case .hang(let seconds):
                try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                throw CollectorError.timeout("simulated hang")
            case .malformed(let detail):
                throw CollectorError.malformedResponse(detail)
            }
        }
        switch dataClass {
        case .inventory:
            return CollectBatch(
                collector: descriptor.id, dataClass: .inventory, fetchedAt: now, inventory: model.inventory(at: now, cloud: cloud)
            )
        case .metrics:
            return CollectBatch(collector: descriptor.id, dataClass: .metrics, fetchedAt: now, samples: metricSamples(at: now))
        case .cost:
            return CollectBatch(collector: descriptor.id, dataClass: .cost, fetchedAt: now, costs: model.costRecords(cloud: cloud, at: now))
        }
    }

    /// The start of the newest minute whose data the provider has published at `now`.
    public func newestPublishedMinute(at now: Date) -> Date {
        let settled = now.timeIntervalSince1970 - descriptor.ingestDelay
        return Date(timeIntervalSince1970: ((settled / 60).rounded(.down) - 1) * 60)
    }

    private func metricSamples(at now: Date) -> [MetricSample] {
        let first = newestPublishedMinute(at: now).addingTimeInterval(-Double(lookbackMinutes - 1) * 60)
        var samples: [MetricSample] = []
        for id in model.endpointIDs where id.cloud == cloud {
            for minute in model.minutes(of: id, from: first, count: lookbackMinutes) {
                samples.append(contentsOf: minute.samples())
            }
        }
        return samples
    }

    // MARK: Descriptor

    private static func descriptor(cloud: Cloud, model: FleetModel, cadences: [DataClass: TimeInterval]) -> CollectorDescriptor {
        let accounts = model.accounts.filter { $0.id.cloud == cloud }.map(\.id.account)
        let endpoints = model.endpointIDs.filter { $0.cloud == cloud }.count
        let scope = accounts.count == 1 ? accounts[0] : "\(accounts.count) \(cloud == .aws ? "accounts" : cloud == .gcp ? "projects" : "subscriptions")"
        let first = accounts.first ?? "000000000000"
        let identity: String
        let ingestDelay: TimeInterval
        let prices: [DataClass: Decimal]
        switch cloud {
        case .aws:
            identity = "arn:aws:sts::\(first):assumed-role/burnwatch-readonly/demo"
            ingestDelay = 120
            // CloudWatch GetMetricData: $0.01 per 1,000 metrics requested, five per endpoint.
            // Cost Explorer: GetCostAndUsage + GetCostForecast at $0.01 each; Describe* calls are free.
            prices = [.metrics: Decimal(endpoints * 5) / 100_000, .inventory: 0, .cost: Decimal(2) / 100]
        case .gcp:
            identity = "burnwatch-reader@\(first).iam.gserviceaccount.com"
            ingestDelay = 180
            // Cloud Monitoring: $0.50 per million time series returned, five per endpoint.
            // BigQuery billing export: about 0.5 GB scanned at $6.25 per TiB.
            prices = [
                .metrics: Decimal(endpoints * 5) / 2_000_000, .inventory: 0,
                .cost: Decimal(string: "0.0031", locale: Locale(identifier: "en_US_POSIX"))!,
            ]
        case .azure:
            identity = "app burnwatch-reader (client 5b2e8c41-7d0f-4a39-9e61-0c8f3a7d2b14) in tenant 9f4d1e27-3c6a-4b85-a0d9-6e2f7c1b8a53"
            ingestDelay = 150
            // Azure Monitor metrics:getBatch, up to 50 resources per call, about $0.01 per 1,000 calls;
            // Cost Management queries are free (but throttled).
            let calls = max(1, (endpoints + 49) / 50) * 2
            prices = [.metrics: Decimal(calls) / 100_000, .inventory: 0, .cost: 0]
        }
        return CollectorDescriptor(
            id: CollectorID("sim/\(cloud.rawValue)"), cloud: cloud, title: "Simulated \(cloud.displayName) (\(scope))",
            identity: identity, cadences: cadences, ingestDelay: ingestDelay, pricePerRound: prices
        )
    }
}
