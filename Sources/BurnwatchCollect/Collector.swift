import BurnwatchCore
import Foundation

/// What a collector declares about itself before it is ever run.
public struct CollectorDescriptor: Sendable, Hashable {
    public var id: CollectorID
    public var cloud: Cloud?
    /// Human title for the Collectors screen, e.g. "AWS ml-prod (us-east-1, eu-west-1)".
    public var title: String
    /// The identity in use (account id, role, project, tenant, client id). Never a secret.
    public var identity: String?
    /// The data classes this collector serves, each with its cadence.
    public var cadences: [DataClass: TimeInterval]
    /// How long after the minute the provider's metrics settle (CloudWatch ≈ 2 min).
    public var ingestDelay: TimeInterval
    /// Estimated price in USD of one round of each data class, for "API spend per day" estimates.
    public var pricePerRound: [DataClass: Decimal]

    public init(
        id: CollectorID,
        cloud: Cloud?,
        title: String,
        identity: String? = nil,
        cadences: [DataClass: TimeInterval] = [.metrics: 60, .inventory: 300, .cost: 4 * 3600],
        ingestDelay: TimeInterval = 120,
        pricePerRound: [DataClass: Decimal] = [:]
    ) {
        self.id = id
        self.cloud = cloud
        self.title = title
        self.identity = identity
        self.cadences = cadences
        self.ingestDelay = ingestDelay
        self.pricePerRound = pricePerRound
    }
}

/// Everything a collector may touch in the outside world, passed in for one round.
public struct CollectContext: Sendable {
    /// The instant the round starts (wall or simulated time).
    public var now: Date
    /// The only way to the network.
    public var transport: any Transport

    public init(now: Date, transport: any Transport) {
        self.now = now
        self.transport = transport
    }
}

/// A source of endpoints, metrics and costs for one configured account (or the simulator).
///
/// Contract: `collect` is never called concurrently for the same data class of one collector.
/// It returns everything it could gather, with non-fatal problems as `issues`, and throws a
/// `CollectorError` only when the whole round failed. It keeps no mutable state shared with
/// other collectors; the scheduler owns timing, retries and health.
public protocol Collector: Sendable {
    var descriptor: CollectorDescriptor { get }
    func collect(_ dataClass: DataClass, context: CollectContext) async throws -> CollectBatch
}
