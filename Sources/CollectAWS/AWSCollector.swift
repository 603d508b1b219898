import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The collector for one AWS account: SageMaker and Bedrock endpoints in the configured regions,
/// their CloudWatch metrics, and the account's spend, forecast and budget.
///
/// Rounds (each on its own cadence; the scheduler never runs two of one class at once):
/// - inventory: who am I (STS, once), then per region `ListEndpoints` → `DescribeEndpoint` →
///   `DescribeEndpointConfig` (cached: configs never change), Bedrock models in use (CloudWatch
///   `ListMetrics`) and provisioned throughputs. A replica sample is stamped at the round time.
/// - metrics: one batched `GetMetricData` read per region over the last complete minutes, behind
///   CloudWatch's ingest delay; it runs an inventory first when it has none.
/// - cost: Cost Explorer month to date by cost tag and service, its forecast, and the monthly
///   cost budget; plus burnwatch's estimate of what has not been billed yet.
///
/// A region (or one of its calls) that fails becomes an issue and the others carry on; access
/// denied names the IAM action to grant. The round throws only when nothing succeeded, or at
/// once when the credentials themselves are refused.
public final class AWSCollector: Collector {
    public let configuration: AWSCollectorConfiguration
    public let client: AWSClient
    let priceTable: AWSPriceTable

    /// How long CloudWatch takes to settle a minute.
    public static let ingestDelay: TimeInterval = 120
    static let describeConcurrency = 4

    /// The calls one region's inventory is made of; each fails on its own.
    enum InventoryPart: String, Sendable, Hashable, CaseIterable {
        case sageMaker = "SageMaker endpoints"
        case bedrockOnDemand = "Bedrock models in use"
        case bedrockProvisioned = "Bedrock provisioned throughput"
    }

    struct State: Sendable {
        var identity: AWSCallerIdentity?
        var targets: [AWSCollectorTarget]?
        /// `DescribeEndpointConfig` answers by region and name.
        var endpointConfigs: [String: SageMakerShapes.DescribeEndpointConfigOutput] = [:]
        var ledger = AWSCollectorUsageLedger()
        var queryCount = 0
    }

    let state = LockedState(State())

    public init(configuration: AWSCollectorConfiguration, client: AWSClient) {
        self.configuration = configuration
        self.client = client
        priceTable = AWSPriceTable(overrides: configuration.prices)
    }

    public var descriptor: CollectorDescriptor {
        let (identity, queries) = state.withLock { ($0.identity?.arn, $0.queryCount) }
        return CollectorDescriptor(
            id: configuration.id, cloud: .aws, title: configuration.title, identity: identity,
            cadences: [.metrics: configuration.cadences.metrics, .inventory: configuration.cadences.inventory, .cost: configuration.cadences.cost],
            ingestDelay: Self.ingestDelay,
            pricePerRound: [
                .metrics: AWSClient.getMetricDataPrice(metrics: queries), .inventory: 0,
                // GetCostAndUsage and GetCostForecast; DescribeBudgets has no fee.
                .cost: AWSClient.costExplorerRequestPrice * 2,
            ]
        )
    }

    public func collect(_ dataClass: DataClass, context: CollectContext) async throws -> CollectBatch {
        var batch: CollectBatch
        switch dataClass {
        case .inventory:
            batch = try await collectInventory(context: context)
        case .metrics:
            batch = try await collectMetrics(context: context)
        case .cost:
            batch = try await collectCost(context: context)
        }
        batch.identity = state.withLock { $0.identity?.arn }
        let skew = client.skew.correction
        batch.clockSkew = skew != 0 ? skew : nil
        return batch
    }

    // MARK: Shared

    /// The account id: from the configuration, else from STS (asked once, remembered).
    func account(transport: any Transport) async throws -> String {
        if let known = state.withLock({ $0.identity?.account }) { return known }
        do {
            let identity = try await client.getCallerIdentity(region: configuration.regions.first ?? "us-east-1", transport: transport)
            state.withLock { $0.identity = identity }
            if let configured = configuration.accountID, configured != identity.account {
                throw CollectorError.misconfigured(
                    "the credentials belong to account \(identity.account), not the configured \(Sanitizer.clean(configured))"
                )
            }
            return identity.account
        } catch let error as CollectorError where configuration.accountID != nil && !error.needsUserAction {
            // STS unreachable or throttled: the configured account is enough to go on.
            return configuration.accountID!
        }
    }

    /// Sorts a failed call into "issue, carry on" or "stop the round now".
    ///
    /// Access denied for one call is the user's IAM policy, not the whole round; credentials
    /// refused or missing stop everything, since every other call would fail the same way.
    static func absorb(_ error: any Error, what: String, region: String?, issues: inout [CollectIssue]) throws -> CollectorError {
        if error is CancellationError { throw error }
        let failure = (error as? CollectorError) ?? CollectorError.malformedResponse(Sanitizer.clean(String(describing: error)))
        let place = region.map { "\($0): " } ?? ""
        if let hint = failure.hint, hint.hasPrefix("grant IAM action") {
            issues.append(CollectIssue("\(place)\(what): access denied; \(hint)"))
            return failure
        }
        if failure.needsUserAction, !failure.kind.hasPrefix("misconfigured") { throw failure }
        issues.append(CollectIssue("\(place)\(what): \(failure.description)"))
        return failure
    }

    /// The start of the newest minute CloudWatch has settled at `now`.
    static func newestSettledMinute(at now: Date) -> Date {
        let settled = now.timeIntervalSince1970 - ingestDelay
        return Date(timeIntervalSince1970: ((settled / 60).rounded(.down) - 1) * 60)
    }
}
