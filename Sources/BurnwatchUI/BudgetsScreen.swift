import BurnwatchCore
import Foundation

/// One row per account / project / subscription: actual, forecast, budget, burn, projection, daily spend.
enum BudgetsScreen {
    static func render(_ p: inout Painter, state: AppState) {
        let g = p.glyphs
        Chrome.header(&p, state: state)
        Chrome.tabs(&p, state: state)
        let wide = p.width >= 120
        let sparkWidth = wide ? 16 : 0
        let burnExtras = 1 + FleetTable.ratioWidth + 1 + FleetTable.wordWidth
        // Everything but the account name and the bar has a fixed width; those two share the rest.
        var fixedColumns: [(String, Int, Bool)] = [("CLOUD", 6, false), ("SPEND", 8, true), ("FORECAST", 8, true), ("BUDGET", 7, true)]
        let tail: [(String, Int, Bool)] = [("MONTH END", wide ? 9 : 7, true)] + (wide ? [("ALARM IN", 8, true), ("DAILY 14D", sparkWidth, false)] : [])
        let fixed = 1 + (fixedColumns + tail).reduce(0) { $0 + $1.1 + 1 } + burnExtras + 1
        let flexible = max(20, p.width - fixed)
        let accountWidth = max(14, min(40, flexible / 2))
        let barWidth = max(6, min(40, flexible - accountWidth - 1))
        fixedColumns.insert(("ACCOUNT", accountWidth, false), at: 0)
        let columns = (fixedColumns + [("BURN vs FORECAST", barWidth + burnExtras, false)] + tail)
            .map { ($0.0 == "MONTH END" && $0.1 < 9 ? "MTH END" : $0.0, $0.1, $0.2) }
        let positions = p.columnTitles(columns, y: 2)
        let rows = state.accountRows
        if rows.isEmpty { p.text("No account has reported yet.", x: 2, y: 4, role: .muted) }
        let top = state.ui.scroll[.budgets] ?? 0
        let selectedIndex = state.ui.selection[.budgets] ?? 0
        for line in 0..<state.ui.tableRows {
            let index = top + line
            guard index < rows.count else { break }
            let row = rows[index]
            let y = 3 + line
            let selected = index == selectedIndex
            if selected { p.selectionBand(y: y) }
            let burn = row.burn
            p.cell(row.account.account, x: positions[0], y: y, width: columns[0].1, role: .text, selected: selected)
            p.cell(row.account.cloud.displayName, x: positions[1], y: y, width: columns[1].1, role: .muted, selected: selected)
            let (spend, spendRole) = Cells.spend(burn, glyphs: g)
            p.cell(spend, x: positions[2], y: y, width: 8, role: spendRole, alignRight: true, selected: selected)
            let forecastText = burn.forecast.map { $0.compact() + (burn.forecastSource == .runRate ? "*" : "") } ?? g.missing
            p.cell(forecastText, x: positions[3], y: y, width: 8, role: .forecast, alignRight: true, selected: selected)
            p.cell(row.budget?.compact() ?? g.missing, x: positions[4], y: y, width: columns[4].1, role: row.budget == nil ? .muted : .text,
                   alignRight: true, selected: selected)
            Cells.burn(&p, burn: burn, x: positions[5], y: y, barWidth: barWidth, alarmRatio: state.settings.alarmRatio, selected: selected)
            var projectedRole: Role = .text
            if let projected = burn.projectedMonthEnd, let budget = row.budget, projected.amount > budget.amount { projectedRole = .warn }
            p.cell(burn.projectedMonthEnd?.compact() ?? g.missing, x: positions[6], y: y, width: columns[6].1,
                   role: burn.projectedMonthEnd == nil ? .muted : projectedRole, alignRight: true, selected: selected)
            if wide {
                let (text, role) = Cells.timeToAlarm(burn, glyphs: g)
                p.cell(text, x: positions[7], y: y, width: 8, role: role, alignRight: true, selected: selected)
                let daily = row.dailySpend.map { Optional(NSDecimalNumber(decimal: $0.amount).doubleValue) }
                p.cell(Sparkline.render(daily, width: sparkWidth, glyphs: g), x: positions[8], y: y, width: sparkWidth, role: .spark, selected: selected)
            }
        }
        detail(&p, state: state, y: 3 + min(rows.count, state.ui.tableRows) + 1)
        Chrome.status(&p, state: state)
        Chrome.hints(&p, hints: [("j/k", "select"), ("R", "refresh cost"), ("1", "fleet"), ("?", "help"), ("q", "quit")])
    }

    /// Under the table, when there is room: the selected account's billing lag, estimate and forecast source.
    static func detail(_ p: inout Painter, state: AppState, y: Int) {
        guard y + 4 < p.height - 2, let index = state.ui.selection[.budgets], state.accountRows.indices.contains(index) else { return }
        let row = state.accountRows[index]
        let g = p.glyphs
        p.section(row.account.key, x: 1, y: y, width: p.width - 2)
        var lines: [(String, String, Role)] = []
        if let through = row.billedThrough {
            lines.append(("billed through", Format.date(through) + " " + TimeText.clock(through) + " UTC (billing lags hours behind)", .text))
        }
        if let estimate = row.estimatedUnbilled {
            lines.append(("estimated since", "+" + estimate.formatted() + " unbilled (instance-hours, GB-s and tokens × price)", .estimate))
        }
        if let source = row.burn.forecastSource {
            let text: String
            switch source {
            case .provider: text = "the provider's forecast"
            case .configured: text = "the [forecast] table of the config"
            case .runRate: text = "run rate: trailing daily average × days in month (*)"
            }
            lines.append(("forecast from", text, .forecast))
        }
        if let fetched = row.costFetchedAt {
            lines.append(("cost fetched", Format.coarseAge(state.now.timeIntervalSince(fetched)) + " ago" + (row.burn.stale ? " — stale, the alarm is held" : ""),
                          row.burn.stale ? .stale : .muted))
        }
        lines.append(("endpoints", "\(row.endpointCount)" + (row.alarmCount > 0 ? "  \(g.alarm)\(row.alarmCount) over the alarm line" : ""),
                      row.alarmCount > 0 ? .alarm : .text))
        p.labelledLines(lines.map { ($0.0, $0.1, .muted, $0.2) }, y: y + 1, labelWidth: 16, bottom: p.height - 2)
    }
}
