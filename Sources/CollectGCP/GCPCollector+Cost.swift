import BurnwatchCollect
import BurnwatchCore
import Foundation

extension GCPCollector {
    static let dailySpendDays = 14
    static let trailingDays = 7

    /// Month-to-date cost records from the billing export: one per endpoint whose key carries
    /// spend, and one for the project (all its spend, with its monthly budget).
    ///
    /// `billedThrough` is the latest `usage_end_time` in the export; `estimatedUnbilled` is
    /// burnwatch's estimate since then from what it observed (node-hours × machine and
    /// accelerator prices, tokens × token prices). No forecast: Google offers none, so
    /// burnwatch's run rate (or the configured forecast) applies.
    func collectCost(context: CollectContext) async throws -> CollectBatch {
        let now = context.now
        var issues: [CollectIssue] = []
        var inventory: [Endpoint]?
        var targets = state.withLock { $0.targets }
        if targets == nil {
            let refreshed = try await refreshInventory(context: context)
            targets = refreshed.targets
            issues += refreshed.issues
            inventory = refreshed.targets.map(\.endpoint)
        }
        guard let table = configuration.billingExport else {
            issues.append(CollectIssue("no billing_export configured for \(configuration.project): spend is unknown (set it to the Cloud Billing export table)"))
            return CollectBatch(collector: configuration.id, dataClass: .cost, fetchedAt: now, inventory: inventory, issues: issues)
        }
        let month = BillingMonth.containing(now)
        let query = try GCPBillingExportQuery(
            table: table, project: configuration.project, costLabel: configuration.costLabel, month: month,
            maximumBytesBilled: configuration.maximumBytesBilled
        )
        let expected = state.withLock { $0.billingBytes } ?? 0
        let answer = try await client.query(
            query.request, project: configuration.billingQueryProject ?? query.tableProject, expectedBytes: expected, transport: context.transport
        )
        state.withLock { $0.billingBytes = answer.totalBytesProcessed }
        let breakdown = try GCPBillingBreakdown(table: answer)

        var budget: GCPBudget?
        if let account = configuration.billingAccount {
            do {
                let budgets = try await client.listBudgets(billingAccount: account, transport: context.transport)
                let number = state.withLock { $0.projectNumber }
                budget = GCPBudget.pick(from: budgets, project: configuration.project, projectNumber: number, issues: &issues)
                if budget == nil, !budgets.isEmpty {
                    issues.append(CollectIssue("no monthly budget of billing account \(Sanitizer.clean(account)) names project \(configuration.project)"))
                }
            } catch {
                _ = try Self.absorb(error, what: "budgets", location: nil, issues: &issues)
            }
        }
        let ledger = state.withLock { $0.ledger }
        let records = Self.costRecords(
            project: configuration.project, breakdown: breakdown, budget: budget, targets: targets ?? [], ledger: ledger, prices: priceTable,
            costLabel: configuration.costLabel, month: month, now: now, issues: &issues
        )
        return CollectBatch(collector: configuration.id, dataClass: .cost, fetchedAt: now, inventory: inventory, costs: records, issues: issues)
    }

    static func costRecords(
        project: String, breakdown: GCPBillingBreakdown, budget: GCPBudget?, targets: [GCPCollectorTarget], ledger: GCPCollectorUsageLedger,
        prices: GCPPriceTable, costLabel: String?, month: BillingMonth, now: Date, issues: inout [CollectIssue]
    ) -> [CostRecord] {
        let currencies = breakdown.currencies
        let currency = currencies.first ?? budget?.amount.currency ?? "USD"
        if currencies.count > 1 {
            issues.append(CollectIssue("the billing export has several currencies (\(currencies.joined(separator: ", "))); showing \(currency) only"))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        let monthStart = month.start
        let tomorrow = min(today.addingTimeInterval(86_400), month.end)
        let sparklineStart = max(monthStart, today.addingTimeInterval(-Double(dailySpendDays - 1) * 86_400))
        let trailingStart = max(monthStart, today.addingTimeInterval(-Double(trailingDays) * 86_400))
        // Nothing exported yet this month: everything since the 1st is unbilled.
        let billedThrough = min(now, max(monthStart, breakdown.billedThrough ?? monthStart))
        let lastHour = now.addingTimeInterval(-3600)

        func estimate(_ target: GCPCollectorTarget, from: Date) -> Money? {
            guard let value = ledger.estimate(for: target, from: from, to: now, prices: prices), value.currency == currency else { return nil }
            return value
        }
        func sum(_ values: [Money?]) -> Money? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : Money(present.reduce(Decimal(0)) { $0 + $1.amount }, currency)
        }
        func record(scope: CostScope, include: (GCPBillingBreakdown.Row) -> Bool, unbilled: Money?, burn: Money?) -> CostRecord {
            let complete = breakdown.daily(currency: currency, from: trailingStart, before: today, where: include)
            let trailing = complete.isEmpty ? nil : Money(complete.reduce(Decimal(0)) { $0 + $1.amount } / Decimal(complete.count), currency)
            return CostRecord(
                scope: scope, month: month, billedToDate: breakdown.total(currency: currency, where: include), billedThrough: billedThrough,
                estimatedUnbilled: unbilled, burnRatePerHour: burn, trailingDailyAverage: trailing,
                dailySpend: breakdown.daily(currency: currency, from: sparklineStart, before: tomorrow, where: include), fetchedAt: now
            )
        }

        var records: [CostRecord] = []
        let endpoints = targets.filter { !$0.isPublisherModel }
        for key in breakdown.endpointKeys.sorted() {
            let matches = targets.filter { target in
                if let costLabel {
                    return !target.isPublisherModel
                        && (target.labels[costLabel] == key || (target.labels[costLabel] == nil && target.id.name == key))
                }
                switch target.source {
                case .endpoint(let id), .publisherModel(let id): return id == key
                }
            }
            guard let target = matches.first else { continue }
            if matches.count > 1 {
                issues.append(CollectIssue("cost key \(key) names \(matches.count) endpoints; its spend is shown on \(target.id.description)"))
            }
            records.append(record(
                scope: .endpoint(target.id), include: { $0.endpoint == key }, unbilled: estimate(target, from: billedThrough),
                burn: estimate(target, from: lastHour)
            ))
        }
        if breakdown.endpointKeys.isEmpty, !breakdown.rows.isEmpty, !endpoints.isEmpty {
            issues.append(CollectIssue(
                costLabel.map { "no spend in the billing export carries the label \($0): label the endpoints" }
                    ?? "no spend in the billing export names an endpoint: use the resource-level export (gcp_billing_export_resource_v1_…)"
            ))
        }
        var projectRecord = record(
            scope: .account(AccountID(cloud: .gcp, account: project)), include: { _ in true },
            unbilled: sum(targets.map { estimate($0, from: billedThrough) }), burn: sum(targets.map { estimate($0, from: lastHour) })
        )
        if let budget {
            if budget.amount.currency == currency {
                projectRecord.budget = budget.amount
            } else {
                issues.append(CollectIssue("budget \(budget.name) is in \(budget.amount.currency), spend in \(currency): budget not used"))
            }
        }
        records.append(projectRecord)
        return records.sorted { $0.scope < $1.scope }
    }
}
