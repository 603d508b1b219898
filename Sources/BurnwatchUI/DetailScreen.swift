import BurnwatchCore
import Foundation

/// One endpoint: configuration, burn with its markers, baseline deltas, and charts over a window.
enum DetailScreen {
    static func render(_ p: inout Painter, state: AppState) {
        Chrome.header(&p, state: state)
        guard let row = state.selectedRow, let record = state.endpoints[row.id] else {
            Chrome.tabs(&p, state: state)
            p.text("The endpoint is gone from the inventory. Esc goes back.", x: 2, y: 3, role: .muted)
            Chrome.status(&p, state: state)
            return
        }
        Chrome.tabs(&p, state: state, detail: row.id.key)
        let wide = p.width >= 120
        let bottom = p.height - 2
        var y = 2
        if wide {
            let panelWidth = 44
            var left = 2
            left = configuration(&p, row: row, x: 1, y: left, width: panelWidth, twoColumns: false)
            left = burn(&p, row: row, state: state, x: 1, y: left + 1, width: panelWidth)
            left = baseline(&p, row: row, state: state, x: 1, y: left + 1, width: panelWidth)
            charts(&p, row: row, record: record, state: state, x: panelWidth + 3, y: 2, width: p.width - panelWidth - 4, bottom: bottom)
        } else {
            y = configuration(&p, row: row, x: 1, y: y, width: p.width - 2, twoColumns: true)
            y = burn(&p, row: row, state: state, x: 1, y: y, width: p.width - 2)
            y = baseline(&p, row: row, state: state, x: 1, y: y, width: p.width - 2)
            charts(&p, row: row, record: record, state: state, x: 1, y: y, width: p.width - 2, bottom: bottom)
        }
        Chrome.status(&p, state: state)
        Chrome.hints(&p, hints: [("Esc", "back"), ("w", "window " + state.ui.chartWindow.rawValue), ("j/k", "next endpoint"),
                                 ("b", "baseline"), ("?", "help"), ("q", "quit")])
    }

    static func facts(_ row: EndpointRow) -> [(String, String)] {
        let config = row.endpoint.configuration
        let g = Glyphs(unicode: true)
        var facts: [(String, String)] = [
            ("service", row.id.service.displayName),
            ("account", row.id.account),
            ("region", row.id.region),
            ("kind", row.endpoint.kind.rawValue + (row.endpoint.status.map { " · \($0)" } ?? "")),
        ]
        if let instance = config.instanceType { facts.append(("instance", instance)) }
        if let gpu = Cells.gpu(config, glyphs: g) { facts.append(("GPU", gpu.replacingOccurrences(of: "G", with: " GB", options: .backwards))) }
        if let memory = config.serverlessMemoryMB { facts.append(("memory", "\(memory) MB serverless")) }
        if config.minReplicas != nil || config.maxReplicas != nil {
            facts.append(("replicas", "min \(config.minReplicas.map(String.init) ?? "—") · max \(config.maxReplicas.map(String.init) ?? "—")"))
        }
        if let concurrency = config.maxConcurrency { facts.append(("concurrency", "max \(concurrency)")) }
        if let provisioned = config.provisionedConcurrency { facts.append(("provisioned", "\(provisioned) concurrent")) }
        if let units = config.provisionedUnits { facts.append(("throughput", "\(units) provisioned units")) }
        if let model = config.model { facts.append(("model", model)) }
        return facts
    }

    /// Returns the next free line.
    static func configuration(_ p: inout Painter, row: EndpointRow, x: Int, y: Int, width: Int, twoColumns: Bool) -> Int {
        p.section("Configuration", x: x, y: y, width: width)
        let facts = facts(row)
        let perLine = twoColumns ? 2 : 1
        let cellWidth = width / perLine
        var line = y + 1
        for (index, fact) in facts.enumerated() {
            let column = index % perLine
            let cx = x + 1 + column * cellWidth
            p.cell(fact.0, x: cx, y: line, width: 11, role: .muted)
            p.text(fact.1, x: cx + 12, y: line, role: .text, width: cellWidth - 13)
            if column == perLine - 1 || index == facts.count - 1 { line += 1 }
        }
        return line
    }

    static func burn(_ p: inout Painter, row: EndpointRow, state: AppState, x: Int, y: Int, width: Int) -> Int {
        let g = p.glyphs
        let burn = row.burn
        p.section("Spend this month", x: x, y: y, width: width)
        var line = y + 1
        let barWidth = max(10, width - 2 - 1 - FleetTable.ratioWidth - 1 - FleetTable.wordWidth)
        Cells.burn(&p, burn: burn, x: x + 1, y: line, barWidth: barWidth, alarmRatio: state.settings.alarmRatio, selected: false)
        line += 1
        // Scale labels under the markers: 1.0× forecast and the alarm line.
        let full = BurnBar.scale(alarmRatio: state.settings.alarmRatio)
        let forecastX = x + 1 + Int((1.0 / full * Double(barWidth)).rounded(.down))
        let alarmValue = NSDecimalNumber(decimal: state.settings.alarmRatio).doubleValue
        let alarmX = x + 1 + Int((alarmValue / full * Double(barWidth)).rounded(.down))
        p.text("1.0", x: max(x + 1, forecastX - 1), y: line, role: .forecast)
        p.text(Format.ratio(state.settings.alarmRatio, times: g.times).replacingOccurrences(of: "0" + g.times, with: g.times) + " alarm", x: max(forecastX + 3, alarmX - 1), y: line, role: .alarmLine)
        line += 1
        var parts: [(String, Role)] = []
        if let spend = burn.spendToDate {
            parts.append(("spent " + spend.formatted(), burn.stale ? .stale : .text))
            if row.includesEstimate { parts.append(("(incl. estimate)", .estimate)) }
        } else {
            parts.append(("spent " + g.missing, .muted))
        }
        if let expected = burn.expectedToDate { parts.append(("expected " + expected.formatted(), .forecast)) }
        if let forecast = burn.forecast {
            parts.append(("month " + forecast.compact() + (burn.forecastSource == .runRate ? "*" : ""), .forecast))
        }
        if let projected = burn.projectedMonthEnd { parts.append(("→ " + projected.compact(), .text)) }
        if burn.band == .alarm && !burn.stale {
            parts.append((g.alarm + " over the alarm line", .alarm))
        } else if let seconds = burn.timeToAlarm {
            parts.append(("alarm in " + TimeText.duration(seconds), .alarm))
        }
        if burn.stale { parts.append((g.stale + "cost data stale: alarm held", .stale)) }
        var cx = x + 1
        for part in parts {
            let text = g.unicode ? part.0 : Glyphs.ascii(part.0)
            let w = DisplayWidth.of(text)
            if cx + w > x + width {
                line += 1
                cx = x + 1
            }
            cx += p.text(text, x: cx, y: line, role: part.1) + 2
        }
        return line + 1
    }

    static func baseline(_ p: inout Painter, row: EndpointRow, state: AppState, x: Int, y: Int, width: Int) -> Int {
        guard let baseline = state.ui.baseline else { return y }
        let g = p.glyphs
        var cx = x + 1
        cx += p.text(g.delta + " since " + TimeText.clock(baseline.pinnedAt) + ":", x: cx, y: y, role: .forecast)
        guard let pinned = baseline.values[row.id] else {
            p.text(" not in the baseline", x: cx, y: y, role: .muted)
            return y + 1
        }
        var parts: [String] = []
        if let old = pinned.p99, let new = row.p99?.value {
            parts.append(String(format: "p99 %+.0fms", new - old) + (Format.signedPercentChange(from: old, to: new).map { " (\($0))" } ?? ""))
        }
        if let old = pinned.invocations, let new = row.invocations?.value, let change = Format.signedPercentChange(from: old, to: new) {
            parts.append("inv " + change)
        }
        if let old = pinned.errorRate, let new = row.errorRate?.value {
            parts.append(String(format: "err %+.2fpt", (new - old) * 100))
        }
        if let old = pinned.replicas, let new = row.replicas?.value ?? row.concurrency?.value {
            parts.append(String(format: "repl %+.0f", new - old))
        }
        if let old = pinned.spend, let new = row.burn.spendToDate, let change = new.adding(old.multiplied(by: -1)) {
            parts.append("spend +" + change.formatted())
        }
        p.text(" " + (parts.isEmpty ? "no comparable values yet" : parts.joined(separator: "  ")), x: cx, y: y, role: .text, width: width - cx + x)
        return y + 1
    }

    static func charts(_ p: inout Painter, row: EndpointRow, record: EndpointRecord, state: AppState, x: Int, y: Int, width: Int, bottom: Int) {
        let window = state.ui.chartWindow
        let latencyTitle = row.latencyIsPercentile ? "p99 latency" : "average latency (no percentile published)"
        var specs: [(String, Metric?, (Double) -> String)] = [
            (latencyTitle, .p99LatencyMs, Format.latency),
            ("invocations / min", .invocationsPerMinute, Format.count),
        ]
        switch row.endpoint.kind {
        case .serverless: specs.append(("concurrency", .concurrency, Format.count))
        case .dedicated: specs.append(("replicas", .replicas, Format.count))
        case .managedAPI: specs.append(("tokens / min", .tokensPerMinute, Format.count))
        }
        specs.append(("daily spend, 14 d", nil, { Money(Decimal($0)).compact() }))
        let available = bottom - y
        guard available >= specs.count * 2 else {
            p.text("(enlarge the terminal for charts)", x: x + 1, y: y, role: .muted)
            return
        }
        let linesPer = min(12, max(1, available / specs.count - 1))
        var cy = y
        let spend = state.costs[.endpoint(row.id)]?.dailySpend.map { Optional(NSDecimalNumber(decimal: $0.amount).doubleValue) } ?? []
        for (title, metric, format) in specs {
            let values: [Double?]
            if let metric, let history = record.history[metric] {
                values = window == .d7
                    ? history.hours.window(count: 168, endingAt: state.now)
                    : history.minutes.window(count: Int(window.duration / 60), endingAt: state.now)
            } else if metric == nil {
                values = spend
            } else {
                values = []
            }
            chart(&p, title: metric == nil ? title : "\(title) · \(window.rawValue)", values: values, format: format,
                  x: x, y: cy, width: width, height: linesPer)
            cy += linesPer + 1
        }
    }

    static func chart(_ p: inout Painter, title: String, values: [Double?], format: (Double) -> String, x: Int, y: Int, width: Int, height: Int) {
        let g = p.glyphs
        var cx = x
        cx += p.text(title, x: cx, y: y, role: .title)
        let rendered = Chart.render(values, width: max(1, width - 1), height: height, glyphs: g)
        if let last = values.last(where: { $0 != nil }) ?? nil {
            cx += p.text("  now " + format(last), x: cx, y: y, role: .text)
            if let high = rendered.maximum, let low = rendered.floor {
                p.text("  axis " + format(low) + "–" + format(high), x: cx, y: y, role: .muted)
            }
        } else {
            p.text("  " + g.missing + " no data in this window", x: cx, y: y, role: .muted)
        }
        for (offset, line) in rendered.lines.enumerated() {
            p.text(line, x: x + 1, y: y + 1 + offset, role: .spark)
        }
    }
}
