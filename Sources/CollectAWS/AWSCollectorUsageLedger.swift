import BurnwatchCore
import Foundation

/// What the collector has seen endpoints use, kept between rounds to estimate spend that Cost
/// Explorer has not billed yet: instance counts over time (real-time endpoints, provisioned
/// throughput) and per-minute invocations, latency and tokens (serverless, Bedrock on demand).
///
/// Estimates cover only what was observed: before the first replica observation the first
/// count is assumed, but minutes of traffic that no metrics round saw count for nothing.
struct AWSCollectorUsageLedger: Sendable, Hashable {
    private var replicaObservations: [EndpointID: [ReplicaObservation]] = [:]
    private var minutes: [EndpointID: [Date: AWSCollectorMetricPlan.Usage]] = [:]

    private struct ReplicaObservation: Sendable, Hashable {
        var time: Date
        var count: Int
    }

    mutating func observeReplicas(_ count: Int, of endpoint: EndpointID, at time: Date) {
        var list = replicaObservations[endpoint] ?? []
        list.removeAll { $0.time == time }
        list.append(ReplicaObservation(time: time, count: count))
        list.sort { $0.time < $1.time }
        replicaObservations[endpoint] = list
    }

    /// Records a minute; a later round's figure for the same minute replaces the earlier one
    /// (late datapoints make it more complete).
    mutating func record(_ usage: AWSCollectorMetricPlan.Usage) {
        minutes[usage.endpoint, default: [:]][usage.minute] = usage
    }

    /// Forgets what lies before `time`, keeping the last replica count before it as the start value.
    mutating func prune(before time: Date) {
        for (endpoint, list) in replicaObservations {
            let before = list.filter { $0.time < time }
            replicaObservations[endpoint] = (before.last.map { [$0] } ?? []) + list.filter { $0.time >= time }
        }
        for (endpoint, byMinute) in minutes {
            minutes[endpoint] = byMinute.filter { $0.key >= time }
        }
    }

    /// Instance-hours (or model-unit-hours) in `[from, to)`, from the step function of observed
    /// counts. Nil when no count was ever observed.
    func replicaHours(of endpoint: EndpointID, from: Date, to: Date) -> Double? {
        guard let list = replicaObservations[endpoint], let first = list.first, to > from else { return nil }
        var hours = 0.0
        var cursor = from
        var current = list.last { $0.time <= from }?.count ?? first.count
        for observation in list where observation.time > from && observation.time < to {
            hours += Double(current) * observation.time.timeIntervalSince(cursor) / 3600
            cursor = observation.time
            current = observation.count
        }
        hours += Double(current) * to.timeIntervalSince(cursor) / 3600
        return hours
    }

    /// The observed minutes of `endpoint` whose start lies in `[from, to)`.
    func usage(of endpoint: EndpointID, from: Date, to: Date) -> [AWSCollectorMetricPlan.Usage] {
        (minutes[endpoint] ?? [:]).values.filter { $0.minute >= from && $0.minute < to }.sorted { $0.minute < $1.minute }
    }

    /// burnwatch's estimate of what `endpoint` cost in `[from, to)`, or nil when it has no price
    /// or nothing was observed:
    /// - real-time: instance-hours × the instance type's hourly price;
    /// - serverless: Σ invocations × p99 model latency × memory (GB) × the GB-second price;
    /// - Bedrock on demand: input and output tokens × their per-1,000 prices;
    /// - Bedrock provisioned throughput: model-unit-hours × `<model id>/model-unit-hour`, when priced.
    func estimate(for endpoint: Endpoint, from: Date, to: Date, prices: AWSPriceTable) -> Money? {
        let configuration = endpoint.configuration
        switch endpoint.id.service {
        case .sageMakerRealtime:
            guard let type = configuration.instanceType, let price = prices.hourly(instanceType: type),
                let hours = replicaHours(of: endpoint.id, from: from, to: to)
            else { return nil }
            return Self.money(price.amount * Decimal(hours), price.currency)
        case .sageMakerServerless:
            guard let memory = configuration.serverlessMemoryMB, let price = prices.serverlessPerGBSecond else { return nil }
            let observed = usage(of: endpoint.id, from: from, to: to)
            guard !observed.isEmpty else { return nil }
            let seconds = observed.reduce(0.0) { $0 + ($1.invocations ?? 0) * ($1.modelLatencyMs ?? 0) / 1000 }
            return Self.money(price.amount * Decimal(seconds * Double(memory) / 1024), price.currency)
        case .bedrock:
            if configuration.provisionedUnits != nil {
                guard let model = configuration.model, let price = prices[model + "/model-unit-hour"],
                    let hours = replicaHours(of: endpoint.id, from: from, to: to)
                else { return nil }
                return Self.money(price.amount * Decimal(hours), price.currency)
            }
            guard let model = configuration.model, let price = prices.tokenPrices(modelID: model) else { return nil }
            let observed = usage(of: endpoint.id, from: from, to: to)
            guard !observed.isEmpty, price.input.currency == price.output.currency else { return nil }
            let input = observed.reduce(0.0) { $0 + ($1.inputTokens ?? 0) }
            let output = observed.reduce(0.0) { $0 + ($1.outputTokens ?? 0) }
            return Self.money(price.input.amount * Decimal(input) / 1000 + price.output.amount * Decimal(output) / 1000, price.input.currency)
        default:
            return nil
        }
    }

    /// Rounded to a hundredth of a cent: estimates are not more precise than that.
    private static func money(_ amount: Decimal, _ currency: String) -> Money {
        Money(Money(amount, currency).rounded(scale: 4), currency)
    }
}
