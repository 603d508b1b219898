import BurnwatchCollect
import BurnwatchCore
import CollectAWS
import Foundation

/// Builds one AWS collector per `[[aws]]` table (or one for the environment's default chain when
/// there is no config), each with its own credential chain, endpoint overrides and prices.
public struct AWSCollectorFactory: Sendable {
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

    /// The accounts to watch: the config's tables, else the default chain when the environment
    /// names AWS credentials or a profile.
    public func accounts(config: BurnwatchConfig?, probe: CredentialProbe) -> [BurnwatchConfig.AWSAccount] {
        if let config { return config.aws }
        let awsFound = probe.findings().contains { $0.cloud == "AWS" && $0.found }
        return awsFound ? [BurnwatchConfig.AWSAccount()] : []
    }

    public func collectors(config: BurnwatchConfig?, probe: CredentialProbe) -> [any Collector] {
        let prices = Self.prices(config?.prices ?? [])
        return accounts(config: config, probe: probe).map { collector(for: $0, prices: prices) }
    }

    /// One account's collector, or an `UnavailableCollector` saying what is wrong with its setup.
    public func collector(for account: BurnwatchConfig.AWSAccount, prices: [String: Money], forcedEndpoint: URL? = nil) -> any Collector {
        let profileLabel = account.profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let id = CollectorID("aws/\(profileLabel)")
        let resolver = AWSEndpointResolver(
            environment: environment, configuredURL: account.endpointURL.flatMap { URL(string: $0) }, forcedURL: forcedEndpoint
        )
        let chain: AWSCredentialChain
        do {
            chain = try AWSCredentialChain(
                profile: account.profile, environment: environment, homeDirectory: homeDirectory, endpoints: resolver, collector: id
            )
        } catch {
            let failure = error as? CollectorError ?? .misconfigured(String(describing: error))
            return UnavailableCollector(descriptor: unavailableDescriptor(id: id, title: "AWS \(profileLabel)"), error: failure)
        }
        guard let regions = account.regions ?? chain.region.map({ [$0] }), !regions.isEmpty else {
            return UnavailableCollector(
                descriptor: unavailableDescriptor(id: id, title: "AWS \(profileLabel)"),
                error: .misconfigured("no region for profile \(profileLabel): set regions = [\"us-east-1\"] in its [[aws]] table, or AWS_REGION")
            )
        }
        let client = AWSClient(
            collector: id, credentials: AWSCachingCredentialProvider(chain), endpoints: resolver, clock: clock,
            profileHint: chain.profileHint
        )
        let configuration = AWSCollectorConfiguration(
            id: id, profileName: profileLabel, regions: regions, costTag: account.costTag ?? "burnwatch:endpoint",
            prices: prices, cadences: cadences
        )
        return AWSCollector(configuration: configuration, client: client)
    }

    private func unavailableDescriptor(id: CollectorID, title: String) -> CollectorDescriptor {
        CollectorDescriptor(
            id: id, cloud: .aws, title: title,
            cadences: [.metrics: cadences.metrics, .inventory: cadences.inventory, .cost: cadences.cost]
        )
    }

    /// The config's `[prices]` entries for AWS, keyed as `AWSPriceTable` reads them:
    /// - `"aws/ml.g5.2xlarge" = "1.515 USD/h"`: an instance-hour;
    /// - `"aws/<model id>/model-unit" = "… USD/h"`: a Bedrock provisioned model unit-hour;
    /// - `"aws/serverless" = "0.0000200 USD/GB-s"`: SageMaker Serverless compute;
    /// - `"aws/<model id>" = "… USD/1k-tokens"`: input and output tokens alike, or
    ///   `"aws/<model id>/input"` and `"…/output"` for each.
    public static func prices(_ entries: [PriceEntry]) -> [String: Money] {
        var table: [String: Money] = [:]
        for entry in entries where entry.cloud == .aws {
            switch entry.unit {
            case .hour:
                if entry.sku.hasSuffix("/model-unit") {
                    table[String(entry.sku.dropLast("/model-unit".count)) + "/model-unit-hour"] = entry.price
                } else {
                    table[entry.sku] = entry.price
                }
            case .gigabyteSecond:
                table[AWSPriceTable.serverlessGBSecondKey] = entry.price
            case .thousandTokens:
                if entry.sku.hasSuffix("/input") {
                    table[String(entry.sku.dropLast("/input".count)) + "/input-1k"] = entry.price
                } else if entry.sku.hasSuffix("/output") {
                    table[String(entry.sku.dropLast("/output".count)) + "/output-1k"] = entry.price
                } else {
                    table[entry.sku + "/input-1k"] = entry.price
                    table[entry.sku + "/output-1k"] = entry.price
                }
            }
        }
        return table
    }
}
