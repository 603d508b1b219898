import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The collector for one GCP project: Vertex AI endpoints and Model Garden publisher models in
/// the configured locations, their Cloud Monitoring metrics, and the project's spend and budget.
///
/// Rounds (each on its own cadence; the scheduler never runs two of one class at once):
/// - inventory: per location `endpoints.list` on the location's host (every page); publisher
///   models called in the last day (one `timeSeries.list` with `view=HEADERS`). The replicas
///   available (`status.availableReplicaCount`) are a sample stamped at the round time.
/// - metrics: one `timeSeries.list` per metric type for the whole project (eight, plus pages,
///   whatever the number of endpoints; see `GCPCollectorMetricPlan`) over the last complete
///   minutes behind Vertex's publishing delay; it runs an inventory first when it has none.
/// - cost: the billing export's month to date (BigQuery, one query), the project's monthly
///   budget (Budget API), and burnwatch's estimate of what the export has not shown yet.
///   Google offers no forecast: burnwatch computes the run rate from the trailing average.
///
/// A location (or one call) that fails becomes an issue and the others carry on; permission
/// denied names the role to grant. The round throws only when nothing succeeded, or at once
/// when the credentials themselves are refused.
public final class GCPCollector: Collector {
    public let configuration: GCPCollectorConfiguration
    public let client: GCPClient
    let priceTable: GCPPriceTable

    /// Vertex AI publishes metrics 120–360 s after sampling; minutes younger than this are not asked for.
    public static let ingestDelay: TimeInterval = 180
    /// How far back the inventory looks for publisher models in use.
    static let publisherLookback: TimeInterval = 86_400

    /// The calls one inventory is made of; each fails on its own.
    enum InventoryPart: Sendable, Hashable {
        case endpoints(location: String)
        case publisherModels
    }

    struct State: Sendable {
        var targets: [GCPCollectorTarget]?
        /// Learnt from endpoint names, to recognise budgets that name the project by number.
        var projectNumber: String?
        var ledger = GCPCollectorUsageLedger()
        /// Series each Monitoring query returned last time: the price estimate of its next call.
        var seriesCounts: [GCPCollectorMetricPlan.Role: Int] = [:]
        var billingBytes: Int64?
    }

    let state = LockedState(State())

    public init(configuration: GCPCollectorConfiguration, client: GCPClient) {
        self.configuration = configuration
        self.client = client
        priceTable = GCPPriceTable(overrides: configuration.prices)
    }

    public var descriptor: CollectorDescriptor {
        let (series, bytes, targets) = state.withLock { state in
            (state.seriesCounts, state.billingBytes, state.targets?.count ?? 0)
        }
        // Before the first round: one series per endpoint and query.
        let expected = series.isEmpty ? targets * GCPCollectorMetricPlan.Role.allCases.count : series.values.reduce(0, +)
        let cost = configuration.billingExport == nil
            ? Decimal(0) : GCPClient.bigQueryPrice(bytes: max(bytes ?? 0, GCPClient.bigQueryMinimumBytes))
        return CollectorDescriptor(
            id: configuration.id, cloud: .gcp, title: configuration.title, identity: client.identity,
            cadences: [.metrics: configuration.cadences.metrics, .inventory: configuration.cadences.inventory, .cost: configuration.cadences.cost],
            ingestDelay: Self.ingestDelay,
            pricePerRound: [.metrics: GCPClient.monitoringPrice(series: expected), .inventory: GCPClient.monitoringPrice(series: targets), .cost: cost]
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
        batch.identity = client.identity.map { Sanitizer.clean($0) }
        return batch
    }

    // MARK: Shared

    /// Sorts a failed call into "issue, carry on" or "stop the round now".
    ///
    /// A permission denied for one call is the project's IAM policy, not the whole round;
    /// credentials refused or missing stop everything, since every other call would fail alike.
    static func absorb(_ error: any Error, what: String, location: String?, issues: inout [CollectIssue]) throws -> CollectorError {
        if error is CancellationError { throw error }
        let failure = (error as? CollectorError) ?? CollectorError.malformedResponse(Sanitizer.clean(String(describing: error)))
        let place = location.map { "\($0): " } ?? ""
        if let hint = failure.hint, hint.hasPrefix("grant ") {
            issues.append(CollectIssue("\(place)\(what): permission denied; \(hint)"))
            return failure
        }
        if failure.needsUserAction, !failure.kind.hasPrefix("misconfigured") { throw failure }
        issues.append(CollectIssue("\(place)\(what): \(failure.description)"))
        return failure
    }

    /// The start of the newest minute Vertex AI has published at `now`.
    static func newestSettledMinute(at now: Date) -> Date {
        let settled = now.timeIntervalSince1970 - ingestDelay
        return Date(timeIntervalSince1970: ((settled / 60).rounded(.down) - 1) * 60)
    }
}
