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
        model = FleetModel(scenario: .demo, seed: seed, start: start)
        collectors = SimulatedCollector.fleet(model: model, cadences: [
            .metrics: Self.cadences.metrics, .inventory: Self.cadences.inventory, .cost: Self.cadences.cost,
        ])
    }
}

/// A transport for runs that must not touch the network: the demo's collectors are in-process.
public struct NoNetworkTransport: Transport {
    public init() {}
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw CollectorError.unreachable("this run makes no network calls")
    }
}
