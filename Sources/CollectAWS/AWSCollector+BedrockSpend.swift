import BurnwatchCollect
import BurnwatchCore
import Foundation

extension AWSCollector {
    /// Spend records for Bedrock on-demand models that no cost-tag value names.
    ///
    /// On-demand Bedrock usage carries no cost-allocation tag, so Cost Explorer cannot say what
    /// one model cost. burnwatch estimates it instead: CloudWatch's daily `InputTokenCount` and
    /// `OutputTokenCount` sums since the 1st of the month × the price table's per-1,000-token
    /// prices. The whole figure is an estimate (`billedToDate` 0, billed through the 1st), its
    /// daily history gives the run-rate baseline, and the last hour's tokens give the burn rate.
    /// Two metrics per model per cost round: $0.00002 a round.
    func bedrockOnDemandSpend(
        targets: [AWSCollectorTarget], taggedNames: Set<String>, period: CostExplorerPeriod, now: Date, currency: String,
        transport: any Transport, issues: inout [CollectIssue]
    ) async throws -> [CostRecord] {
        let untagged = targets.filter { target in
            guard case .bedrock = target.source, target.endpoint.configuration.provisionedUnits == nil else { return false }
            return !taggedNames.contains(target.id.name)
        }
        guard !untagged.isEmpty else { return [] }
        let end = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let start = period.month.start
        guard end > start else { return [] }
        let ledger = state.withLock { $0.ledger }
        var records: [CostRecord] = []
        for region in Set(untagged.map(\.region)).sorted() {
            let regional = untagged.filter { $0.region == region }
            var queries: [CloudWatchMetricQuery] = []
            for (index, target) in regional.enumerated() {
                guard case .bedrock(let dimension) = target.source else { continue }
                let dimensions = [CloudWatchShapes.Dimension(name: "ModelId", value: dimension)]
                queries.append(CloudWatchMetricQuery(id: "tin\(index)", namespace: "AWS/Bedrock", metricName: "InputTokenCount",
                                                     dimensions: dimensions, period: 86_400, stat: "Sum"))
                queries.append(CloudWatchMetricQuery(id: "tout\(index)", namespace: "AWS/Bedrock", metricName: "OutputTokenCount",
                                                     dimensions: dimensions, period: 86_400, stat: "Sum"))
            }
            let data: CloudWatchMetricData
            do {
                data = try await client.getMetricData(queries, start: start, end: end, region: region, transport: transport)
            } catch {
                _ = try Self.absorb(error, what: "Bedrock token counts for spend", region: region, issues: &issues)
                continue
            }
            for (index, target) in regional.enumerated() {
                guard let model = target.endpoint.configuration.model, let prices = priceTable.tokenPrices(modelID: model),
                      prices.input.currency == currency, prices.output.currency == currency
                else {
                    issues.append(CollectIssue("no token price for \(target.endpoint.configuration.model ?? target.id.name): its spend is unknown; add it under [prices]", endpoint: target.id))
                    continue
                }
                let days = Self.dailyTokenSpend(
                    input: data.results["tin\(index)"], output: data.results["tout\(index)"], prices: prices, from: start, to: end
                )
                guard !days.isEmpty else { continue }
                records.append(Self.estimatedRecord(
                    target: target, days: days, period: period, now: now, currency: currency,
                    burn: ledger.estimate(for: target.endpoint, from: now.addingTimeInterval(-3600), to: now, prices: priceTable)
                ))
            }
        }
        return records
    }

    /// Estimated spend per UTC day from daily token sums, keyed by the day's start.
    static func dailyTokenSpend(
        input: CloudWatchMetricResult?, output: CloudWatchMetricResult?, prices: (input: Money, output: Money), from: Date, to: Date
    ) -> [Date: Decimal] {
        var days: [Date: Decimal] = [:]
        for (result, price) in [(input, prices.input.amount), (output, prices.output.amount)] {
            guard let result else { continue }
            for point in result.points where point.value.isFinite && point.value >= 0 && point.time >= from && point.time < to {
                let day = CostExplorerPeriod.startOfDay(point.time)
                days[day, default: 0] += Decimal(point.value) * price / 1000
            }
        }
        return days
    }

    /// One endpoint's month to date, all of it an estimate.
    static func estimatedRecord(
        target: AWSCollectorTarget, days: [Date: Decimal], period: CostExplorerPeriod, now: Date, currency: String, burn: Money?
    ) -> CostRecord {
        let total = days.values.reduce(Decimal(0), +)
        let today = period.today
        let complete = days.filter { $0.key < today && $0.key >= today.addingTimeInterval(-Double(trailingDays) * 86_400) }
        let trailing = complete.isEmpty ? nil : Money(Money(complete.values.reduce(0, +) / Decimal(complete.count), currency).rounded(scale: 4), currency)
        let sparklineStart = max(period.month.start, today.addingTimeInterval(-Double(dailySpendDays - 1) * 86_400))
        var daily: [Money] = []
        var day = sparklineStart
        while day <= today {
            daily.append(Money(Money(days[day] ?? 0, currency).rounded(scale: 4), currency))
            day = day.addingTimeInterval(86_400)
        }
        return CostRecord(
            scope: .endpoint(target.id), month: period.month, billedToDate: Money(0, currency), billedThrough: period.month.start,
            estimatedUnbilled: Money(Money(total, currency).rounded(scale: 4), currency), burnRatePerHour: burn,
            trailingDailyAverage: trailing, dailySpend: daily, fetchedAt: now
        )
    }
}
