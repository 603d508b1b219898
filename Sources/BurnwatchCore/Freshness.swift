import Foundation

/// How old a value may get before it is drawn as stale: twice its cadence plus the source's ingest delay.
public struct StalenessPolicy: Sendable, Hashable, Codable {
    public var cadence: TimeInterval
    public var ingestDelay: TimeInterval

    public init(cadence: TimeInterval, ingestDelay: TimeInterval) {
        self.cadence = cadence
        self.ingestDelay = ingestDelay
    }

    public var staleAfter: TimeInterval { 2 * cadence + ingestDelay }

    public func isStale(observedAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(observedAt) > staleAfter
    }
}

/// A value that knows when it was observed. A missing value is `nil` at the use site, never zero.
public struct Observed<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var observedAt: Date
    public var stale: Bool

    public init(_ value: Value, observedAt: Date, stale: Bool) {
        self.value = value
        self.observedAt = observedAt
        self.stale = stale
    }

    public func age(now: Date) -> TimeInterval { max(0, now.timeIntervalSince(observedAt)) }
}
