import BurnwatchCore
import Foundation

/// One row per collector: state, last success, next poll, calls and their price today; the selected one's identity and error below.
enum CollectorsScreen {
    static func sortedCollectors(_ state: AppState) -> [CollectorHealth] {
        state.collectors.values.sorted { $0.id < $1.id }
    }

    static func stateText(_ health: CollectorHealth, now: Date, glyphs g: Glyphs) -> (String, Role) {
        switch health.state {
        case .ok: return (g.statusOK + " ok", .ok)
        case .starting: return (g.statusIdle + " starting", .muted)
        case .stale: return (g.statusWarn + " stale", .warn)
        case .throttled(let until):
            return (g.statusWarn + " throttled " + TimeText.duration(max(0, until.timeIntervalSince(now))), .warn)
        case .circuitOpen(let until):
            return (g.statusWarn + " circuit open " + TimeText.duration(max(0, until.timeIntervalSince(now))), .warn)
        case .authFailed: return (g.statusFail + " auth failed", .alarm)
        case .unreachable: return (g.statusFail + " unreachable", .alarm)
        case .misconfigured: return (g.statusFail + " misconfigured", .alarm)
        case .noCredentials: return (g.statusFail + " no credentials", .alarm)
        case .failing: return (g.statusFail + " failing", .alarm)
        }
    }

    static func render(_ p: inout Painter, state: AppState) {
        let g = p.glyphs
        Chrome.header(&p, state: state)
        Chrome.tabs(&p, state: state)
        let collectors = sortedCollectors(state)
        let total = "API spend today $" + Money(state.apiSpendToday).decimalString
        p.text(total, x: p.width - DisplayWidth.of(total) - 1, y: 1, role: .text)
        let stateWidth = p.width >= 120 ? 30 : 22
        let fixed = 1 + (stateWidth + 1) + (7 + 1) * 3 + (5 + 1) + (7 + 1)
        let titleWidth = max(16, min(48, p.width - fixed - 1))
        let columns: [(String, Int, Bool)] = [
            ("COLLECTOR", titleWidth, false), ("STATE", stateWidth, false), ("METRICS", 7, true), ("NEXT", 7, true), ("COST", 7, true),
            ("CALLS", 5, true), ("$ TODAY", 7, true),
        ]
        let positions = p.columnTitles(columns, y: 2)
        if collectors.isEmpty { p.text("No collector is configured.", x: 2, y: 4, role: .muted) }
        let top = state.ui.scroll[.collectors] ?? 0
        let selectedIndex = state.ui.selection[.collectors] ?? 0
        let visible = min(collectors.count - top, max(1, state.ui.tableRows - 8))
        for line in 0..<max(0, visible) {
            let index = top + line
            let health = collectors[index]
            let y = 3 + line
            let selected = index == selectedIndex
            if selected { p.selectionBand(y: y) }
            p.cell(health.title, x: positions[0], y: y, width: titleWidth, role: .text, selected: selected)
            let (text, role) = stateText(health, now: state.now, glyphs: g)
            p.cell(text, x: positions[1], y: y, width: stateWidth, role: role, selected: selected)
            let metricsAge = health.lastSuccess[.metrics].map { Format.coarseAge(state.now.timeIntervalSince($0)) } ?? g.missing
            p.cell(metricsAge, x: positions[2], y: y, width: 7, role: .muted, alignRight: true, selected: selected)
            let next = health.nextPoll.values.min().map { Format.coarseAge(max(0, $0.timeIntervalSince(state.now))) } ?? g.missing
            p.cell(next, x: positions[3], y: y, width: 7, role: .muted, alignRight: true, selected: selected)
            let costAge = health.lastSuccess[.cost].map { Format.coarseAge(state.now.timeIntervalSince($0)) } ?? g.missing
            p.cell(costAge, x: positions[4], y: y, width: 7, role: .muted, alignRight: true, selected: selected)
            p.cell("\(health.callsToday)", x: positions[5], y: y, width: 5, role: .text, alignRight: true, selected: selected)
            p.cell(Money(health.spendToday).formatted(fractionDigits: 3).replacingOccurrences(of: "$", with: ""), x: positions[6], y: y,
                   width: 7, role: .text, alignRight: true, selected: selected)
        }
        if collectors.indices.contains(selectedIndex) {
            detail(&p, health: collectors[selectedIndex], state: state, y: 3 + max(0, visible) + 1)
        }
        Chrome.status(&p, state: state)
        Chrome.hints(&p, hints: [("j/k", "select"), ("r", "refresh"), ("R", "refresh cost"), ("1", "fleet"), ("?", "help"), ("q", "quit")])
    }

    static func detail(_ p: inout Painter, health: CollectorHealth, state: AppState, y: Int) {
        guard y + 2 < p.height - 2 else { return }
        p.section(health.id.rawValue, x: 1, y: y, width: p.width - 2)
        var lines: [(String, String, Role)] = []
        lines.append(("identity", health.identity ?? "—", .text))
        if let hint = fixHint(health.state) { lines.append(("to fix", hint, .key)) }
        if case .throttled(let until) = health.state {
            lines.append(("throttled", "retry in " + TimeText.duration(max(0, until.timeIntervalSince(state.now)))
                + "; the last values stay, marked stale as they age", .warn))
        }
        if let error = health.lastError { lines.append(("last error", error, .alarm)) }
        if let perDay = health.pollingCostPerDay {
            lines.append(("polling cost", "≈$" + Money(perDay).formatted(fractionDigits: 2).dropFirst() + " a day at these cadences"
                + (health.id.rawValue.hasPrefix("sim/") ? " (simulated: no real calls are made)" : ""), .muted))
        }
        if health.retries > 0 { lines.append(("retries", "\(health.retries) this round", .warn)) }
        if let skew = health.clockSkew, abs(skew) > 300 {
            lines.append(("clock skew", String(format: "%+.0fs against the server: corrected", skew), .warn))
        }
        let polls = DataClass.allCases.compactMap { dataClass -> String? in
            guard let next = health.nextPoll[dataClass] else { return nil }
            return "\(dataClass.rawValue) in \(Format.coarseAge(max(0, next.timeIntervalSince(state.now))))"
        }
        if !polls.isEmpty { lines.append(("next polls", polls.joined(separator: ", "), .muted)) }
        for issue in (state.issues[health.id] ?? []).suffix(3) { lines.append(("issue", issue.message, .warn)) }
        p.labelledLines(lines.map { ($0.0, $0.1, .muted, $0.2) }, y: y + 1, labelWidth: 12, bottom: p.height - 2)
    }

    static func fixHint(_ state: CollectorState) -> String? {
        switch state {
        case .authFailed(let hint), .noCredentials(let hint): hint.isEmpty ? nil : hint
        default: nil
        }
    }
}
