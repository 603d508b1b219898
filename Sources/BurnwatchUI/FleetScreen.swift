import BurnwatchCore
import Foundation

/// The default screen: one row per endpoint, every cloud together.
enum FleetScreen {
    static func render(_ p: inout Painter, state: AppState) {
        let g = p.glyphs
        Chrome.header(&p, state: state)
        Chrome.tabs(&p, state: state)
        summary(&p, state: state)
        let table = FleetTable(width: p.width, baseline: state.ui.baseline != nil)
        titles(&p, table: table, state: state)
        let rows = state.visibleRows
        let top = state.ui.scroll[.fleet] ?? 0
        let selected = state.ui.selection[.fleet] ?? 0
        if rows.isEmpty {
            let text = state.rows.isEmpty
                ? "Waiting for the first inventory from \(state.collectors.count) collector(s)\(g.ellipsis)"
                : "No endpoint matches the filter \"\(state.ui.filter)\" (Esc clears it)."
            p.text(text, x: 2, y: 4, role: .muted)
        }
        for line in 0..<state.ui.tableRows {
            let index = top + line
            guard index < rows.count else { break }
            row(&p, table: table, row: rows[index], y: 3 + line, selected: index == selected, state: state)
        }
        Chrome.status(&p, state: state)
        Chrome.hints(&p, hints: [
            ("Enter", "detail"), ("/", "filter"), ("s", "sort"), ("b", "baseline"), ("r", "refresh"),
            ("t", "theme"), ("?", "help"), ("q", "quit"),
        ])
    }

    /// The right end of the tab line: how many endpoints, the sort, the filter, the scroll position.
    static func summary(_ p: inout Painter, state: AppState) {
        let g = p.glyphs
        var text = "\(state.visibleRows.count)"
        if state.visibleRows.count != state.rows.count { text += "/\(state.rows.count)" }
        text += " endpoints"
        let alarms = state.rows.filter { $0.burn.band == .alarm }.count
        if !state.ui.filter.isEmpty && !state.ui.filterEditing { text += "  filter \"\(state.ui.filter)\"" }
        let width = DisplayWidth.of(text) + (alarms > 0 ? DisplayWidth.of(" \(g.alarm)\(alarms) ALARM") : 0)
        let x = p.width - width - 1
        guard x > 50 else { return }
        let used = p.text(text, x: x, y: 1, role: .muted)
        if alarms > 0 {
            p.text(" \(g.alarm)\(alarms) ALARM", x: x + used, y: 1, role: .alarm)
        }
    }

    static func titles(_ p: inout Painter, table: FleetTable, state: AppState) {
        let g = p.glyphs
        for placed in table.placed {
            var (title, right) = table.title(placed.column)
            if FleetTable.sortColumn(placed.column) == state.ui.sort {
                let arrow = state.ui.sortDescending ? g.descending : g.ascending
                title = right ? arrow + title : title + arrow
            }
            p.cell(title, x: placed.x, y: 2, width: placed.width, role: .title, alignRight: right)
        }
    }

    static func row(_ p: inout Painter, table: FleetTable, row: EndpointRow, y: Int, selected: Bool, state: AppState) {
        let g = p.glyphs
        if selected { p.selectionBand(y: y) }
        for placed in table.placed {
            let x = placed.x, w = placed.width
            switch placed.column {
            case .name:
                p.cell(row.id.name, x: x, y: y, width: w, role: .text, selected: selected)
            case .service:
                p.cell(row.id.service.shortName, x: x, y: y, width: w, role: .muted, selected: selected)
            case .account:
                p.cell(row.id.account, x: x, y: y, width: w, role: .muted, selected: selected)
            case .region:
                p.cell(row.id.region, x: x, y: y, width: w, role: .muted, selected: selected)
            case .gpu:
                p.cell(Cells.gpu(row.endpoint.configuration, glyphs: g) ?? "", x: x, y: y, width: w, role: .muted, selected: selected)
            case .p99:
                let (text, role) = Cells.latency(row, glyphs: g)
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .p99Delta:
                let (text, role) = Cells.p99Delta(row, baseline: state.ui.baseline, glyphs: g)
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .invocations:
                let (text, role) = Cells.observed(row.invocations, glyphs: g) { Format.count($0) }
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .spark:
                let history = state.endpoints[row.id]?.history[.invocationsPerMinute]?.minutes
                let values = history?.window(count: 60, endingAt: state.now) ?? []
                p.cell(Sparkline.render(values, width: w, glyphs: g), x: x, y: y, width: w, role: .spark, selected: selected)
            case .errors:
                let (text, role) = Cells.errorRate(row.errorRate, glyphs: g)
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .replicas:
                let (text, role) = Cells.replicas(row, glyphs: g)
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .coldStarts:
                let (text, role) = Cells.observed(row.coldStarts, glyphs: g) { Format.count($0) }
                p.cell(row.endpoint.kind == .serverless || row.coldStarts != nil ? text : "", x: x, y: y, width: w,
                       role: role == .text && (row.coldStarts?.value ?? 0) > 0 ? .warn : role, alignRight: true, selected: selected)
            case .spend:
                let (text, role) = Cells.spend(row.burn, glyphs: g)
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .forecast:
                p.cell(row.burn.forecast?.compact() ?? g.missing, x: x, y: y, width: w, role: .forecast, alignRight: true, selected: selected)
            case .timeToAlarm:
                let (text, role) = Cells.timeToAlarm(row.burn, glyphs: g)
                p.cell(text, x: x, y: y, width: w, role: role, alignRight: true, selected: selected)
            case .burn:
                Cells.burn(&p, burn: row.burn, x: x, y: y, barWidth: table.barWidth, alarmRatio: state.settings.alarmRatio, selected: selected)
            }
        }
    }
}
