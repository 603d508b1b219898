import BurnwatchCollect
import BurnwatchCore
import CloudSim
import CollectAWS
import CollectGCP
import Foundation

/// The simulated fleet behind `burnwatch demo` and `burnwatch report --demo`.
///
/// AWS and GCP are reached the real way: the AWS collector signs its calls and sends them over
/// loopback HTTP to `SimulatedAWSServer`, which checks the signatures; the GCP collector signs a
/// JWT with a service-account key made at start-up, exchanges it at `SimulatedGCPServer`'s token
/// endpoint, and calls Vertex, Monitoring, BigQuery and Budgets there. Both answer from the model.
/// Azure is still served in process until its collector exists.
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

    /// The real GCP collector, pointed at a simulator at `gcpServer` with a service-account key file's text.
    public func gcpCollector(gcpServer: URL, keyFile: String, clock: any TimeSource) throws -> GCPCollector {
        let id: CollectorID = "gcp/demo"
        let endpoints = GCPEndpoints.single(gcpServer)
        guard case .serviceAccount(let key) = try GCPCredentialFile.parse(Array(keyFile.utf8), path: "demo service account", homeDirectory: "/") else {
            throw CollectorError.misconfigured("the demo's key file is not a service account")
        }
        let provider = GCPServiceAccountProvider(key: key, tokenEndpoint: endpoints.token, collector: id)
        let client = GCPClient(collector: id, tokens: GCPCachingTokenProvider(provider), endpoints: endpoints, clock: clock, loginHint: provider.loginHint)
        let locations = Array(Set(model.endpointIDs.filter { $0.cloud == .gcp }.map(\.region))).sorted()
        let configuration = GCPCollectorConfiguration(
            id: id, title: "GCP demo project (simulator over loopback HTTP)", project: FleetScenario.demoGCPProject, locations: locations,
            billingExport: SimulatedGCPOptions.defaultBillingExportTable, billingAccount: SimulatedGCPOptions.defaultBillingAccount,
            cadences: Self.cadences, lookbackMinutes: Self.lookbackMinutes
        )
        return GCPCollector(configuration: configuration, client: client)
    }

    /// Starts the AWS and GCP simulators on loopback over this fleet, runs `body` with the demo's
    /// collectors (AWS and GCP over HTTP, Azure in process) and a real HTTP transport, and stops
    /// them all afterwards.
    public func withCollectors<Result: Sendable>(
        clock: any TimeSource, _ body: ([any Collector], any Transport) async throws -> Result
    ) async throws -> Result {
        let account = try SimulatedGCPServiceAccount.generate(project: FleetScenario.demoGCPProject)
        return try await withSimulatedAWSServer(model: model, clock: clock) { aws in
            try await withSimulatedGCPServer(model: model, clock: clock, options: SimulatedGCPOptions(serviceAccounts: [account.registration])) { gcp in
                let gcpCollector = try gcpCollector(gcpServer: gcp.baseURL, keyFile: account.keyFileJSON(tokenURI: gcp.tokenURL), clock: clock)
                let collectors: [any Collector] = [awsCollector(awsServer: aws.baseURL, clock: clock), gcpCollector]
                    + self.collectors.filter { $0.cloud == .azure }
                // The simulators are on loopback: no proxy, no CA bundle, whatever the environment says.
                return try await AsyncHTTPClientTransport.withTransport(configuration: AsyncHTTPClientTransport.Configuration()) { transport in
                    try await body(collectors, transport)
                }
            }
        }
    }
}
