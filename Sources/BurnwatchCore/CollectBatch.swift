import Foundation

/// Stable identity of one configured collector instance, e.g. `aws/ml-prod` or `sim/gcp`.
public struct CollectorID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: CollectorID, rhs: CollectorID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A non-fatal problem met during a collection round (one region denied, one page malformed).
public struct CollectIssue: Sendable, Hashable, Codable {
    public var message: String
    public var endpoint: EndpointID?

    public init(_ message: String, endpoint: EndpointID? = nil) {
        self.message = Sanitizer.clean(message)
        self.endpoint = endpoint
    }
}

/// Everything one collection round returned: plain values, ready for the reducer.
public struct CollectBatch: Sendable, Hashable, Codable {
    public var collector: CollectorID
    public var dataClass: DataClass
    public var fetchedAt: Date
    /// The complete inventory of this collector's scope, or nil when this round did not look.
    public var inventory: [Endpoint]?
    public var samples: [MetricSample]
    public var costs: [CostRecord]
    public var issues: [CollectIssue]
    /// The identity the collector found it is using (account id, role ARN), when it learnt it
    /// this round; the Collectors screen shows it. Never a secret.
    public var identity: String?
    /// Seconds the provider's clock is ahead of ours, when a correction is applied.
    public var clockSkew: TimeInterval?

    public init(
        collector: CollectorID,
        dataClass: DataClass,
        fetchedAt: Date,
        inventory: [Endpoint]? = nil,
        samples: [MetricSample] = [],
        costs: [CostRecord] = [],
        issues: [CollectIssue] = [],
        identity: String? = nil,
        clockSkew: TimeInterval? = nil
    ) {
        self.collector = collector
        self.dataClass = dataClass
        self.fetchedAt = fetchedAt
        self.inventory = inventory
        self.samples = samples
        self.costs = costs
        self.issues = issues
        self.identity = identity.map { Sanitizer.clean($0) }
        self.clockSkew = clockSkew
    }
}
