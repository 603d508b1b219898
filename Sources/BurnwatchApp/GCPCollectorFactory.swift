import BurnwatchCollect
import BurnwatchCore
import CollectGCP
import Foundation

/// Builds one GCP collector per `[[gcp]]` table (or one for Application Default Credentials and
/// `GOOGLE_CLOUD_PROJECT` when there is no config), each with its own token source and hosts.
public struct GCPCollectorFactory: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    public var clock: any TimeSource
    public var cadences: Cadences

    public init(environment: [String: String], homeDirectory: String, clock: any TimeSource, cadences: Cadences) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.clock = clock
        self.cadences = cadences
    }

    /// The projects to watch: the config's tables, else ADC's when the environment names GCP credentials.
    public func projects(config: BurnwatchConfig?, probe: CredentialProbe) -> [BurnwatchConfig.GCPProject] {
        if let config { return config.gcp }
        let found = probe.findings().contains { $0.cloud == "GCP" && $0.found }
        return found ? [BurnwatchConfig.GCPProject()] : []
    }

    public func collectors(config: BurnwatchConfig?, probe: CredentialProbe) -> [any Collector] {
        let prices = Self.prices(config?.prices ?? [])
        return projects(config: config, probe: probe).map { collector(for: $0, prices: prices) }
    }

    /// One project's collector, or an `UnavailableCollector` saying what is wrong with its setup.
    public func collector(for table: BurnwatchConfig.GCPProject, prices: [String: Money]) -> any Collector {
        let label = table.project ?? environment["GOOGLE_CLOUD_PROJECT"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let id = CollectorID("gcp/\(label)")
        let endpoints = Self.endpoints(table.endpoints)
        let chain: GCPCredentialChain
        do {
            chain = try GCPCredentialChain(environment: environment, homeDirectory: homeDirectory, endpoints: endpoints, collector: id)
        } catch {
            let failure = error as? CollectorError ?? .misconfigured(String(describing: error))
            return UnavailableCollector(descriptor: unavailableDescriptor(id: id, title: "GCP \(label)"), error: failure)
        }
        guard let project = table.project ?? chain.projectID else {
            return UnavailableCollector(
                descriptor: unavailableDescriptor(id: id, title: "GCP \(label)"),
                error: .misconfigured("no project: set project = \"my-project\" in the [[gcp]] table, or GOOGLE_CLOUD_PROJECT")
            )
        }
        let client = GCPClient(
            collector: id, tokens: GCPCachingTokenProvider(chain), endpoints: endpoints, clock: clock, loginHint: chain.loginHint
        )
        let configuration = GCPCollectorConfiguration(
            id: id, project: project, locations: table.locations, billingExport: table.billingExport,
            billingAccount: table.billingAccount, costLabel: table.costLabel, prices: prices, cadences: cadences
        )
        return GCPCollector(configuration: configuration, client: client)
    }

    /// `[gcp.endpoints]` over Google's public hosts.
    static func endpoints(_ overrides: BurnwatchConfig.GCPProject.Endpoints) -> GCPEndpoints {
        var endpoints = GCPEndpoints.google
        if let value = overrides.aiplatform { endpoints.aiplatform = value }
        if let value = overrides.monitoring { endpoints.monitoring = value }
        if let value = overrides.bigquery { endpoints.bigquery = value }
        if let value = overrides.billingBudgets { endpoints.billingBudgets = value }
        if let value = overrides.token { endpoints.token = value }
        return endpoints
    }

    private func unavailableDescriptor(id: CollectorID, title: String) -> CollectorDescriptor {
        CollectorDescriptor(
            id: id, cloud: .gcp, title: title,
            cadences: [.metrics: cadences.metrics, .inventory: cadences.inventory, .cost: cadences.cost]
        )
    }

    /// The config's `[prices]` entries for GCP, keyed by SKU (machine or accelerator type) per hour.
    public static func prices(_ entries: [PriceEntry]) -> [String: Money] {
        var table: [String: Money] = [:]
        for entry in entries where entry.cloud == .gcp { table[entry.sku] = entry.price }
        return table
    }
}
