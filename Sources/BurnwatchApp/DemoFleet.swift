import BurnwatchCollect
import BurnwatchCore
import CloudSim
import Foundation

/// The simulated fleet behind `burnwatch demo` and `burnwatch report --demo`.
public struct DemoFleet: Sendable {
    public let model: FleetModel
    public let collectors: [SimulatedCollector]

    /// Cadences of the demo. Cost is polled every two simulated minutes (the clouds' own default is
    /// four hours) so that the runaway job's spend crosses the alarm line while you watch.
    public static let cadences = Cadences(metrics: 60, inventory: 300, cost: 120)

    public init(seed: UInt64 = FleetModel.defaultSeed, start: Date) {
        let model = FleetModel(scenario: .demo, seed: seed, start: start)
        self.model = model
        let cadences: [DataClass: TimeInterval] = [
            .metrics: Self.cadences.metrics, .inventory: Self.cadences.inventory, .cost: Self.cadences.cost,
        ]
        // Each metrics round returns the last hour, as a GetMetricData over an hour would, so the
        // detail charts are full from the first round and a missed round leaves no gap.
        collectors = Cloud.allCases.map { SimulatedCollector(cloud: $0, model: model, lookbackMinutes: 60, cadences: cadences) }
    }
}
