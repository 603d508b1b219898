import BurnwatchCore
import Foundation

/// What the collector has seen endpoints use, kept between rounds to estimate spend the billing
/// export has not shown yet: replica counts over time (dedicated endpoints) and tokens per
/// minute (publisher models).
///
/// Estimates cover only what was observed: before the first replica observation the first
/// count is assumed, but minutes of tokens that no metrics round saw count for nothing.
struct GCPCollectorUsageLedger: Sendable, Hashable {
    private var replicaObservations: [EndpointID: [ReplicaObservation]] = [:]
    private var tokens: [EndpointID: [Date: TokenMinute]] = [:]

    private struct ReplicaObservation: Sendable, Hashable {
        var time: Date
        var count: Double
    }

    struct TokenMinute: Sendable, Hashable {
        var input: Double
        var output: Double
    }

    mutating func observeReplicas(_ count: Double, of endpoint: EndpointID, at time: Date) {
        var list = replicaObservations[endpoint] ?? []
        list.removeAll { $0.time == time }
        list.append(ReplicaObservation(time: time, count: count))
        list.sort { $0.time < $1.time }
        replicaObservations[endpoint] = list
    }

    /// Records a minute of tokens; a later round's figure for the same minute replaces it.
    mutating func recordTokens(_ minute: TokenMinute, of endpoint: EndpointID, at time: Date) {
        tokens[endpoint, default: [:]][time] = minute
    }

    /// Forgets what lies before `time`, keeping the last replica count before it as the start value.
    mutating func prune(before time: Date) {
        for (endpoint, list) in replicaObservations {
            let before = list.filter { $0.time < time }
            replicaObservations[endpoint] = (before.last.map { [$0] } ?? []) + list.filter { $0.time >= time }
        }
        for (endpoint, byMinute) in tokens {
            tokens[endpoint] = byMinute.filter { $0.key >= time }
        }
    }

    /// Replica-hours (node-hours) in `[from, to)` from the step function of observed counts.
    /// Nil when no count was ever observed.
    func replicaHours(of endpoint: EndpointID, from: Date, to: Date) -> Double? {
        guard let list = replicaObservations[endpoint], let first = list.first, to > from else { return nil }
        var hours = 0.0
        var cursor = from
        var current = list.last { $0.time <= from }?.count ?? first.count
        for observation in list where observation.time > from && observation.time < to {
            hours += current * observation.time.timeIntervalSince(cursor) / 3600
            cursor = observation.time
            current = observation.count
        }
        hours += current * to.timeIntervalSince(cursor) / 3600
        return hours
    }

    /// Input and output tokens of the minutes starting in `[from, to)`; nil when none was seen.
    func tokens(of endpoint: EndpointID, from: Date, to: Date) -> TokenMinute? {
        let minutes = (tokens[endpoint] ?? [:]).filter { $0.key >= from && $0.key < to }.values
        guard !minutes.isEmpty else { return nil }
        return TokenMinute(input: minutes.reduce(0) { $0 + $1.input }, output: minutes.reduce(0) { $0 + $1.output })
    }

    /// burnwatch's estimate of what a target cost in `[from, to)`, or nil when it has no price
    /// or nothing was observed: node-hours × the replica's hourly price (machine plus
    /// accelerators) for endpoints; input and output tokens × their per-1,000 prices for
    /// publisher models.
    func estimate(for target: GCPCollectorTarget, from: Date, to: Date, prices: GCPPriceTable) -> Money? {
        switch target.source {
        case .endpoint:
            guard let price = target.replicaHourPrice, let hours = replicaHours(of: target.id, from: from, to: to) else { return nil }
            return Self.money(price.amount * Decimal(hours), price.currency)
        case .publisherModel(let model):
            guard let price = prices.tokenPrices(model: model), price.input.currency == price.output.currency,
                  let used = tokens(of: target.id, from: from, to: to)
            else { return nil }
            return Self.money(price.input.amount * Decimal(used.input) / 1000 + price.output.amount * Decimal(used.output) / 1000, price.input.currency)
        }
    }

    /// Rounded to a hundredth of a cent: estimates are not more precise than that.
    private static func money(_ amount: Decimal, _ currency: String) -> Money {
        Money(Money(amount, currency).rounded(scale: 4), currency)
    }
}
