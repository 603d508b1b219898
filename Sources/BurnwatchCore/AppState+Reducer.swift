import Foundation

extension AppState {
    /// Applies one event and returns what the outside world must do. The only way state changes.
    public mutating func apply(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .resize(let columns, let rows):
            ui.columns = max(1, columns)
            ui.rows = max(1, rows)
            clampSelections()
            return [.redraw(full: false)]
        case .tick(let date):
            now = date
            if let message = ui.message, message.expiresAt <= date { ui.message = nil }
            markStaleCollectors()
            // Ages cross staleness limits on a scale of minutes: re-deriving every row once every
            // few seconds is plenty, and keeps a large fleet cheap while nothing arrives.
            if date.timeIntervalSince(derivedAt) >= 5 || date < derivedAt { recompute() }
            return [.redraw(full: false)]
        case .batch(let batch):
            if ui.paused {
                pending.append(batch)
                return []
            }
            ingest(batch)
            recompute()
            return [.redraw(full: false)]
        case .health(let health):
            collectors[health.id] = health
            return [.redraw(full: false)]
        case .notice(let text):
            ui.message = StatusMessage(Sanitizer.clean(text), level: .warning, expiresAt: now.addingTimeInterval(15))
            return [.redraw(full: false)]
        }
    }

    // MARK: - Data

    mutating func ingest(_ batch: CollectBatch) {
        if let inventory = batch.inventory {
            let listed = Set(inventory.map(\.id))
            for (id, record) in endpoints where record.collector == batch.collector && !listed.contains(id) {
                endpoints[id] = nil
            }
            for endpoint in inventory {
                if var record = endpoints[endpoint.id] {
                    record.endpoint = endpoint
                    record.collector = batch.collector
                    endpoints[endpoint.id] = record
                } else {
                    endpoints[endpoint.id] = EndpointRecord(endpoint: endpoint, collector: batch.collector)
                }
            }
        }
        for sample in batch.samples where sample.value.isFinite {
            if endpoints[sample.endpoint] == nil {
                // Metrics can arrive before the inventory round: keep them under a provisional entry.
                endpoints[sample.endpoint] = EndpointRecord(endpoint: Endpoint(id: sample.endpoint), collector: batch.collector)
            }
            endpoints[sample.endpoint]?.record(sample)
        }
        for cost in batch.costs {
            costs[cost.scope] = cost
        }
        if !batch.issues.isEmpty {
            issues[batch.collector, default: []].append(contentsOf: batch.issues)
            if let count = issues[batch.collector]?.count, count > 20 {
                issues[batch.collector]?.removeFirst(count - 20)
            }
        }
    }

    mutating func markStaleCollectors() {
        for (id, health) in collectors {
            guard health.state == .ok, let last = health.lastSuccess[.metrics] else { continue }
            if now.timeIntervalSince(last) > 2 * settings.cadences.metrics + 60 {
                collectors[id]?.state = .stale
            }
        }
    }

    // MARK: - Keys

    mutating func handle(_ key: Key) -> [Effect] {
        if ui.filterEditing { return editFilter(key) }
        switch key {
        case .character("q"):
            return [.quit]
        case .control("c"):
            return [.quit]
        case .control("l"):
            return [.redraw(full: true)]
        case .character("?"):
            if ui.screen == .help { return goBack() }
            show(.help)
        case .character("1"): show(.fleet)
        case .character("2"): show(.budgets)
        case .character("3"): show(.collectors)
        case .character("4"): show(.help)
        case .tab: cycleScreen(by: 1)
        case .backTab: cycleScreen(by: -1)
        case .escape:
            return goBack()
        case .character("t"):
            ui.themeIndex = (ui.themeIndex + 1) % settings.themeNames.count
            flash("theme: \(themeName)")
            return [.applyTheme(themeName), .redraw(full: false)]
        case .character("p"):
            ui.paused.toggle()
            if !ui.paused {
                let queued = pending
                pending = []
                for batch in queued { ingest(batch) }
                recompute()
            }
            flash(ui.paused ? "paused: data is held until you press p again" : "resumed")
        case .character("r"):
            let nextCost = collectors.values.compactMap { $0.nextPoll[.cost] }.min()
            var text = "refreshing metrics and inventory"
            if let nextCost {
                text += "; cost is cached until \(Self.clockText(nextCost)) (R forces it, ≈$\(Self.price(costRoundPrice)))"
            }
            flash(text)
            return [.refresh([.metrics, .inventory], force: false), .redraw(full: false)]
        case .character("R"):
            flash("forcing a cost refresh: ≈$\(Self.price(costRoundPrice)) of API calls")
            return [.refresh([.metrics, .inventory, .cost], force: true), .redraw(full: false)]
        case .character("b"):
            pinBaseline()
        case .character("B"):
            ui.baseline = nil
            flash("baseline cleared")
        default:
            return handleScreenKey(key)
        }
        return [.redraw(full: false)]
    }

    mutating func handleScreenKey(_ key: Key) -> [Effect] {
        switch ui.screen {
        case .fleet:
            switch key {
            case .character("/"):
                ui.filterEditing = true
            case .character("s"):
                let all = SortColumn.allCases
                ui.sort = all[(all.firstIndex(of: ui.sort)! + 1) % all.count]
                ui.sortDescending = ui.sort.defaultDescending
                refreshVisible()
            case .character("S"):
                ui.sortDescending.toggle()
                refreshVisible()
            case .enter, .character("l"), .right:
                guard ui.selectedEndpoint != nil else { return [] }
                ui.previousScreen = .fleet
                ui.screen = .detail
            default:
                guard moveSelection(key, on: .fleet, count: visibleRows.count) else { return [] }
                syncSelectedEndpoint()
            }
        case .detail:
            switch key {
            case .character("w"):
                let all = ChartWindow.allCases
                ui.chartWindow = all[(all.firstIndex(of: ui.chartWindow)! + 1) % all.count]
            case .character("h"), .left, .backspace:
                return goBack()
            case .up, .character("k"), .down, .character("j"):
                // The detail screen steps through the Fleet's rows.
                _ = moveSelection(key, on: .fleet, count: visibleRows.count)
                syncSelectedEndpoint()
            default:
                return []
            }
        case .budgets:
            guard moveSelection(key, on: .budgets, count: accountRows.count) else { return [] }
        case .collectors:
            guard moveSelection(key, on: .collectors, count: collectors.count) else { return [] }
        case .help:
            return []
        }
        return [.redraw(full: false)]
    }

    mutating func editFilter(_ key: Key) -> [Effect] {
        switch key {
        case .enter:
            ui.filterEditing = false
        case .escape:
            ui.filterEditing = false
            ui.filter = ""
        case .backspace:
            if !ui.filter.isEmpty { ui.filter.removeLast() }
        case .character(let character):
            if ui.filter.count < 64 { ui.filter.append(character) }
        case .control("u"):
            ui.filter = ""
        default:
            return []
        }
        refreshVisible()
        return [.redraw(full: false)]
    }

    mutating func show(_ screen: Screen) {
        guard ui.screen != screen else { return }
        if screen == .help || screen == .detail { ui.previousScreen = ui.screen == .help ? ui.previousScreen : ui.screen }
        ui.screen = screen
    }

    mutating func cycleScreen(by step: Int) {
        let tabs = Screen.tabs
        let current = tabs.firstIndex(of: ui.screen == .detail ? .fleet : ui.screen) ?? 0
        show(tabs[(current + step + tabs.count) % tabs.count])
    }

    mutating func goBack() -> [Effect] {
        switch ui.screen {
        case .help, .detail:
            ui.screen = ui.previousScreen == .help || ui.previousScreen == .detail ? .fleet : ui.previousScreen
        case .fleet:
            guard !ui.filter.isEmpty else { return [] }
            ui.filter = ""
            refreshVisible()
        case .budgets, .collectors:
            ui.screen = .fleet
        }
        return [.redraw(full: false)]
    }

    /// Moves a list screen's selection; returns false when the key is not a movement key.
    mutating func moveSelection(_ key: Key, on screen: Screen, count: Int) -> Bool {
        let page = ui.tableRows
        var index = ui.selection[screen] ?? 0
        switch key {
        case .up, .character("k"): index -= 1
        case .down, .character("j"): index += 1
        case .pageUp, .control("b"): index -= page
        case .pageDown, .control("f"), .character(" "): index += page
        case .home, .character("g"): index = 0
        case .end, .character("G"): index = count - 1
        default: return false
        }
        setSelection(index, on: screen, count: count)
        return true
    }

    /// Selects row `index` (clamped) of a list screen and scrolls just enough to keep it visible.
    mutating func setSelection(_ index: Int, on screen: Screen, count: Int) {
        let clamped = max(0, min(index, count - 1))
        ui.selection[screen] = clamped
        var top = ui.scroll[screen] ?? 0
        if clamped < top { top = clamped }
        if clamped >= top + ui.tableRows { top = clamped - ui.tableRows + 1 }
        top = max(0, min(top, max(0, count - ui.tableRows)))
        ui.scroll[screen] = top
    }

    mutating func clampSelections() {
        for (screen, count) in [(Screen.fleet, visibleRows.count), (.budgets, accountRows.count), (.collectors, collectors.count)] {
            setSelection(ui.selection[screen] ?? 0, on: screen, count: count)
        }
    }

    mutating func syncSelectedEndpoint() {
        let index = ui.selection[.fleet] ?? 0
        ui.selectedEndpoint = visibleRows.indices.contains(index) ? visibleRows[index].id : nil
    }

    mutating func pinBaseline() {
        var values: [EndpointID: Baseline.Values] = [:]
        for row in rows {
            values[row.id] = Baseline.Values(
                p99: row.p99?.value, invocations: row.invocations?.value, errorRate: row.errorRate?.value,
                replicas: row.replicas?.value ?? row.concurrency?.value, spend: row.burn.spendToDate
            )
        }
        ui.baseline = Baseline(pinnedAt: now, values: values)
        flash("baseline pinned at \(Self.clockText(now)): deltas are against it (B clears)")
    }

    mutating func flash(_ text: String, level: StatusMessage.Level = .info) {
        ui.message = StatusMessage(text, level: level, expiresAt: now.addingTimeInterval(6))
    }

    static func clockText(_ date: Date) -> String { TimeText.clock(date) + " UTC" }

    static func price(_ value: Decimal) -> String {
        Money(value, "USD").decimalString
    }
}

extension SortColumn {
    /// Numbers sort largest first by default; names sort A→Z.
    public var defaultDescending: Bool {
        switch self {
        case .cloud, .name: false
        default: true
        }
    }
}
