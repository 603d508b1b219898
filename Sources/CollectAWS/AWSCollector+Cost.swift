import BurnwatchCollect
import BurnwatchCore
import Foundation

extension AWSCollector {
    /// The group-by of the month-to-date query: the endpoint tag, then the service.
    var costGroups: [CostExplorerShapes.GroupDefinition] {
        [
            CostExplorerShapes.GroupDefinition(type: "TAG", key: configuration.costTag),
            CostExplorerShapes.GroupDefinition(type: "DIMENSION", key: "SERVICE"),
        ]
    }

    /// Month-to-date cost records: one per endpoint whose cost tag carries spend (tag value =
    /// endpoint name) and one for the account.
    ///
    /// Cost Explorer bills by day, so "billed" means the complete days before today
    /// (`billedThrough` = 00:00 UTC today); today's spend is burnwatch's estimate from what it saw
    /// the endpoints use. The account's forecast is that billed figure plus Cost Explorer's
    /// forecast from today to the month's end (on the last day of the month, or when the
    /// forecast fails, the monthly budget's forecast); its budget is the monthly cost budget's limit.
    func collectCost(context: CollectContext) async throws -> CollectBatch {
        let now = context.now
        let account = try await account(transport: context.transport)
        var issues: [CollectIssue] = []
        var inventory: [Endpoint]?
        var targets = state.withLock { $0.targets }
        if targets == nil {
            let refreshed = try await refreshInventory(context: context)
            targets = refreshed.targets
            issues += refreshed.issues
            inventory = refreshed.targets.map(\.endpoint)
        }
        let period = CostExplorerPeriod(now: now)
        let pages = try await client.getCostAndUsage(period: period.usage, groupBy: costGroups, transport: context.transport)
        let breakdown = try CostExplorerBreakdown(pages: pages, requested: costGroups, metric: "UnblendedCost")
        var forecast: Money?
        if let forecastPeriod = period.forecast {
            do {
                forecast = try await client.getCostForecast(period: forecastPeriod, transport: context.transport)
            } catch {
                _ = try Self.absorb(error, what: "Cost Explorer forecast", region: nil, issues: &issues)
            }
        }
        var budget: AWSMonthlyBudget?
        do {
            budget = try AWSMonthlyBudget.pick(from: try await client.describeBudgets(accountID: account, transport: context.transport))
        } catch {
            _ = try Self.absorb(error, what: "Budgets", region: nil, issues: &issues)
        }
        let ledger = state.withLock { $0.ledger }
        var records = Self.costRecords(
            account: account, breakdown: breakdown, forecast: forecast, budget: budget, targets: targets ?? [], ledger: ledger,
            prices: priceTable, costTag: configuration.costTag, period: period, now: now, issues: &issues
        )
        let tagged = Set(records.compactMap { record -> String? in
            if case .endpoint(let id) = record.scope { return id.name }
            return nil
        })
        let currency = records.first?.billedToDate.currency ?? "USD"
        records += try await bedrockOnDemandSpend(
            targets: targets ?? [], taggedNames: tagged, period: period, now: now, currency: currency, transport: context.transport,
            issues: &issues
        )
        records.sort { $0.scope < $1.scope }
        return CollectBatch(collector: configuration.id, dataClass: .cost, fetchedAt: now, inventory: inventory, costs: records, issues: issues)
    }

    static let dailySpendDays = 14
    static let trailingDays = 7

    static func costRecords(
        account: String, breakdown: CostExplorerBreakdown, forecast: Money?, budget: AWSMonthlyBudget?, targets: [AWSCollectorTarget],
        ledger: AWSCollectorUsageLedger, prices: AWSPriceTable, costTag: String, period: CostExplorerPeriod, now: Date,
        issues: inout [CollectIssue]
    ) -> [CostRecord] {
        let currencies = breakdown.currencies
        let currency = currencies.first ?? budget?.actual?.currency ?? "USD"
        if currencies.count > 1 {
            issues.append(CollectIssue("Cost Explorer reported several currencies (\(currencies.joined(separator: ", "))); showing \(currency) only"))
        }
        let today = period.today
        let monthStart = period.month.start
        let tomorrow = min(today.addingTimeInterval(86_400), period.month.end)
        let sparklineStart = max(monthStart, today.addingTimeInterval(-Double(dailySpendDays - 1) * 86_400))
        let trailingStart = max(monthStart, today.addingTimeInterval(-Double(trailingDays) * 86_400))
        let lastHour = now.addingTimeInterval(-3600)

        func estimate(_ target: AWSCollectorTarget, from: Date) -> Money? {
            guard let value = ledger.estimate(for: target.endpoint, from: from, to: now, prices: prices), value.currency == currency else { return nil }
            return value
        }
        func record(scope: CostScope, include: (CostExplorerBreakdown.Entry) -> Bool, unbilled: Money?, burn: Money?) -> CostRecord {
            let complete = breakdown.daily(currency: currency, from: trailingStart, before: today, where: include)
            let trailing = complete.isEmpty ? nil : Money(complete.reduce(Decimal(0)) { $0 + $1.amount } / Decimal(complete.count), currency)
            return CostRecord(
                scope: scope, month: period.month,
                billedToDate: breakdown.total(currency: currency, from: monthStart, before: today, where: include) ?? Money(0, currency),
                billedThrough: today, estimatedUnbilled: unbilled, burnRatePerHour: burn, trailingDailyAverage: trailing,
                dailySpend: breakdown.daily(currency: currency, from: sparklineStart, before: tomorrow, where: include), fetchedAt: now
            )
        }
        func sum(_ values: [Money?]) -> Money? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : Money(present.reduce(Decimal(0)) { $0 + $1.amount }, currency)
        }

        var records: [CostRecord] = []
        let byName = Dictionary(grouping: targets, by: \.endpoint.id.name)
        for value in breakdown.tagValues.sorted() {
            guard let matches = byName[value], let target = matches.first else { continue }
            if matches.count > 1 {
                issues.append(CollectIssue("cost tag value \(value) names \(matches.count) endpoints; its spend is shown on \(target.id.description)"))
            }
            records.append(record(
                scope: .endpoint(target.id), include: { $0.tagValue == value }, unbilled: estimate(target, from: today),
                burn: estimate(target, from: lastHour)
            ))
        }
        if breakdown.tagValues.isEmpty, !breakdown.entries.isEmpty, !targets.isEmpty {
            issues.append(CollectIssue(
                "no spend carries the cost tag \(costTag): tag the endpoints and activate the tag as a cost allocation tag in Billing"
            ))
        }

        var accountRecord = record(
            scope: .account(AccountID(cloud: .aws, account: account)), include: { _ in true },
            unbilled: sum(targets.map { estimate($0, from: today) }), burn: sum(targets.map { estimate($0, from: lastHour) })
        )
        accountRecord.budget = budget?.limit
        if let forecast {
            if let total = accountRecord.billedToDate.adding(forecast) {
                accountRecord.providerForecast = total
            } else {
                issues.append(CollectIssue("Cost Explorer forecast is in \(forecast.currency), spend in \(currency): forecast not used"))
            }
        } else if let budgetForecast = budget?.forecast, budgetForecast.currency == currency {
            accountRecord.providerForecast = budgetForecast
        }
        records.append(accountRecord)
        return records.sorted { $0.scope < $1.scope }
    }
}
