import BurnwatchCollect
import BurnwatchCore
import CloudSim
import CollectAWS
import Foundation

/// The simulated fleet behind `burnwatch demo` and `burnwatch report --demo`.
///
/// AWS is reached the real way: the AWS collector signs its calls and sends them over loopback
/// HTTP to `SimulatedAWSServer`, which checks the signatures and answers from the model.
/// GCP and Azure are still served in process until their collectors exist.
public struct DemoFleet: Sendable {
    public let model: FleetModel
    /// In-process collectors for all three clouds (no HTTP): for tests and benchmarks.
    public let collectors: [SimulatedCollector]

    /// Cadences of the demo. Cost is polled every two simulated minutes (the clouds' own default is
    /// four hours) so that the runaway job's spend crosses the alarm line while you watch.
    public static let cadences = Cadences(metrics: 60, inventory: 300, cost: 120)

    /// Each metrics round asks for the last hour, so the detail charts are full from the first
    /// round and a missed round leaves no gap.
    public static let lookbackMinutes = 60

    public init(seed: UInt64 = FleetModel.defaultSeed, start: Date) {
        let model = FleetModel(scenario: .demo, seed: seed, start: start)
        self.model = model
        collectors = Cloud.allCases.map {
            SimulatedCollector(cloud: $0, model: model, lookbackMinutes: Self.lookbackMinutes, cadences: Self.cadenceTable)
        }
    }

    static var cadenceTable: [DataClass: TimeInterval] {
        [.metrics: cadences.metrics, .inventory: cadences.inventory, .cost: cadences.cost]
    }

    /// The demo's AWS regions: every region the model has an AWS endpoint in.
    public var awsRegions: [String] {
        Array(Set(model.endpointIDs.filter { $0.cloud == .aws }.map(\.region))).sorted()
    }

    /// The real AWS collector, pointed at a simulator at `awsServer` with the demo key.
    public func awsCollector(awsServer: URL, clock: any TimeSource) -> AWSCollector {
        let key = AWSKeyPair.demo
        let client = AWSClient(
            collector: "aws/demo",
            credentials: AWSStaticCredentialProvider(accessKeyID: key.accessKeyID, secretAccessKey: key.secretAccessKey, source: "demo key"),
            endpoints: AWSEndpointResolver(forcedURL: awsServer), clock: clock, profileHint: "the demo key is built in"
        )
        let configuration = AWSCollectorConfiguration(
            id: "aws/demo", title: "AWS demo account (simulator over loopback HTTP)", profileName: "demo", regions: awsRegions,
            cadences: Self.cadences, lookbackMinutes: Self.lookbackMinutes
        )
        return AWSCollector(configuration: configuration, client: client)
    }

    /// The collectors of the demo: AWS over HTTP to the simulator, GCP and Azure in process.
    public func collectors(awsServer: URL, clock: any TimeSource) -> [any Collector] {
        [awsCollector(awsServer: awsServer, clock: clock)] + collectors.filter { $0.cloud != .aws }
    }

    /// Starts the AWS simulator on loopback over this fleet, runs `body` with the demo's
    /// collectors and a real HTTP transport, and stops both afterwards.
    public func withCollectors<Result: Sendable>(
        clock: any TimeSource, _ body: ([any Collector], any Transport) async throws -> Result
    ) async throws -> Result {
        try await withSimulatedAWSServer(model: model, clock: clock) { server in
            // The simulator is on loopback: no proxy, no CA bundle, whatever the environment says.
            try await AsyncHTTPClientTransport.withTransport(configuration: AsyncHTTPClientTransport.Configuration()) { transport in
                try await body(collectors(awsServer: server.baseURL, clock: clock), transport)
            }
        }
    }
}
