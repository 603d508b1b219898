import Foundation

extension AppState {
    /// Rebuilds the derived rows from the data. Called after data or time changes, never by renderers.
    public mutating func recompute() {
        derivedAt = now
        let month = BillingMonth.containing(now)
        var built: [EndpointRow] = []
        built.reserveCapacity(endpoints.count)
        for id in endpoints.keys.sorted() {
            built.append(makeRow(endpoints[id]!, month: month))
        }
        rows = built
        accountRows = makeAccountRows(month: month)
        totals = makeTotals(month: month)
        refreshVisible()
    }

    /// Re-applies filter and sort, keeping the selected endpoint selected.
    public mutating func refreshVisible() {
        let filtered = ui.filter.isEmpty ? rows : rows.filter { Self.matches($0, filter: ui.filter) }
        visibleRows = Self.sorted(filtered, by: ui.sort, descending: ui.sortDescending)
        if let selected = ui.selectedEndpoint, let index = visibleRows.firstIndex(where: { $0.id == selected }) {
            setSelection(index, on: .fleet, count: visibleRows.count)
        } else {
            setSelection(ui.selection[.fleet] ?? 0, on: .fleet, count: visibleRows.count)
            syncSelectedEndpoint()
        }
    }

    func observed(_ record: EndpointRecord, _ metric: Metric, policy: StalenessPolicy) -> Observed<Double>? {
        guard let latest = record.history[metric]?.latest else { return nil }
        return Observed(latest.value, observedAt: latest.time, stale: policy.isStale(observedAt: latest.time, now: now))
    }

    mutating func makeRow(_ record: EndpointRecord, month: BillingMonth) -> EndpointRow {
        let id = record.endpoint.id
        let policy = settings.metricsPolicy(for: id.cloud)
        var row = EndpointRow(endpoint: record.endpoint, collector: record.collector)
        row.p99 = observed(record, .p99LatencyMs, policy: policy)
        row.invocations = observed(record, .invocationsPerMinute, policy: policy)
        row.replicas = observed(record, .replicas, policy: policy)
        row.concurrency = observed(record, .concurrency, policy: policy)
        row.coldStarts = observed(record, .coldStartsPerMinute, policy: policy)
        row.tokens = observed(record, .tokensPerMinute, policy: policy)
        if let errors = record.history[.errorsPerMinute]?.latest,
           let invocations = record.history[.invocationsPerMinute]?.minutes.value(at: errors.time), invocations > 0 {
            row.errorRate = Observed(
                min(1, errors.value / invocations), observedAt: errors.time,
                stale: policy.isStale(observedAt: errors.time, now: now)
            )
        }
        let scope = CostScope.endpoint(id)
        let record = costs[scope].flatMap { $0.month == month ? $0 : nil }
        row.burn = assess(scope: scope, record: record, configured: settings.forecasts[id.key], month: month)
        row.costFetchedAt = record?.fetchedAt
        row.includesEstimate = record?.estimatedUnbilled != nil
        return row
    }

    mutating func assess(scope: CostScope, record: CostRecord?, configured: Money?, month: BillingMonth) -> BurnAssessment {
        let stale = record.map { settings.costPolicy.isStale(observedAt: $0.fetchedAt, now: now) } ?? false
        let result = BurnCalculator.assess(
            spend: record?.spendToDate,
            forecast: BurnCalculator.forecast(record: record, configured: configured, month: month),
            burnRatePerHour: record?.burnRatePerHour,
            now: now,
            alarmRatio: settings.alarmRatio,
            stale: stale,
            heldBand: heldBands[scope] ?? .unknown
        )
        if !stale { heldBands[scope] = result.band }
        return result
    }

    mutating func makeAccountRows(month: BillingMonth) -> [AccountRow] {
        var accounts = Set(endpoints.keys.map(\.accountID))
        for scope in costs.keys { accounts.insert(scope.accountID) }
        // One pass over the rows, not one per account.
        let byAccount = Dictionary(grouping: rows, by: \.id.accountID)
        var result: [AccountRow] = []
        for account in accounts.sorted() {
            let scope = CostScope.account(account)
            let record = costs[scope].flatMap { $0.month == month ? $0 : nil }
            let members = byAccount[account] ?? []
            var row = AccountRow(account: account)
            row.burn = assess(scope: scope, record: record, configured: settings.forecasts[account.key], month: month)
            row.budget = record?.budget
            row.dailySpend = record?.dailySpend ?? []
            row.billedThrough = record?.billedThrough
            row.estimatedUnbilled = record?.estimatedUnbilled
            row.costFetchedAt = record?.fetchedAt
            row.endpointCount = members.count
            row.alarmCount = members.filter { $0.burn.band == .alarm }.count
            result.append(row)
        }
        return result
    }

    func makeTotals(month: BillingMonth) -> [FleetTotal] {
        var byCurrency: [String: (spend: Decimal, forecast: Decimal?, rate: Decimal?, stale: Bool)] = [:]
        for row in accountRows {
            guard let spend = row.burn.spendToDate else { continue }
            var entry = byCurrency[spend.currency] ?? (0, 0, 0, false)
            entry.spend += spend.amount
            entry.forecast = row.burn.forecast.flatMap { forecast in entry.forecast.map { $0 + forecast.amount } }
            let rate = costs[.account(row.account)]?.burnRatePerHour
            entry.rate = rate.flatMap { rate in entry.rate.map { $0 + rate.amount } }
            entry.stale = entry.stale || row.burn.stale
            byCurrency[spend.currency] = entry
        }
        return byCurrency.keys.sorted().map { currency in
            let entry = byCurrency[currency]!
            let forecast = entry.forecast.map { Money($0, currency) }
            let burn = BurnCalculator.assess(
                spend: Money(entry.spend, currency),
                forecast: forecast.map { ($0, .provider) },
                burnRatePerHour: entry.rate.map { Money($0, currency) },
                now: now,
                alarmRatio: settings.alarmRatio,
                stale: entry.stale,
                heldBand: .unknown
            )
            return FleetTotal(spend: Money(entry.spend, currency), forecast: forecast, burn: burn)
        }
    }

    /// Case-insensitive substring match over what a user would type; a leading `!` inverts.
    static func matches(_ row: EndpointRow, filter: String) -> Bool {
        var needle = filter.lowercased()
        var invert = false
        if needle.hasPrefix("!") {
            invert = true
            needle.removeFirst()
        }
        guard !needle.isEmpty else { return true }
        let endpoint = row.endpoint
        let haystack = [
            endpoint.id.key, endpoint.id.region, endpoint.id.service.rawValue, endpoint.id.service.shortName,
            endpoint.kind.rawValue, endpoint.configuration.instanceType ?? "", endpoint.configuration.gpu?.name ?? "",
            endpoint.configuration.model ?? "", row.burn.band.rawValue,
        ].joined(separator: " ").lowercased()
        return haystack.contains(needle) != invert
    }

    static func sorted(_ rows: [EndpointRow], by column: SortColumn, descending: Bool) -> [EndpointRow] {
        func key(_ row: EndpointRow) -> Double? {
            switch column {
            case .cloud, .name: nil
            case .p99: row.p99?.value
            case .invocations: row.invocations?.value
            case .errors: row.errorRate?.value
            case .replicas: row.replicas?.value ?? row.concurrency?.value
            case .spend: row.burn.spendToDate.map { NSDecimalNumber(decimal: $0.amount).doubleValue }
            case .burn: row.burn.ratio.map { NSDecimalNumber(decimal: $0).doubleValue }
            }
        }
        return rows.sorted { a, b in
            switch column {
            case .cloud:
                if a.id.cloud != b.id.cloud { return descending ? a.id.cloud > b.id.cloud : a.id.cloud < b.id.cloud }
                return a.id < b.id
            case .name:
                let order = a.id.name.localizedStandardCompare(b.id.name)
                if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
                return a.id < b.id
            default:
                // Missing values sort last whichever the direction: "—" is not small, it is unknown.
                switch (key(a), key(b)) {
                case let (x?, y?) where x != y: return descending ? x > y : x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.id < b.id
                }
            }
        }
    }
}
