import BurnwatchCore
import Foundation

/// The lines every screen shares: the header bar, the screen tabs, the status line and the key hints.
enum Chrome {
    static func header(_ p: inout Painter, state: AppState) {
        let g = p.glyphs
        p.band(y: 0, role: .header)
        var x = 1
        x += p.text("burnwatch", x: x, y: 0, style: p.sheet.onHeader(.header))
        // Narrow terminals get plain spacing and no cadence, to leave room for the fleet total.
        let narrow = p.width < 120
        let separator = narrow ? "  " : g.separator
        x += p.text(separator, x: x, y: 0, style: p.sheet.onHeader(.header))
        x += p.text(TimeText.clock(state.now) + " UTC", x: x, y: 0, style: p.sheet.onHeader(.header))
        if !narrow {
            x += p.text(separator, x: x, y: 0, style: p.sheet.onHeader(.header))
            x += p.text("every " + TimeText.duration(state.settings.cadences.metrics), x: x, y: 0, style: p.sheet.onHeader(.header))
        }
        if state.ui.paused {
            x += p.text(separator, x: x, y: 0, style: p.sheet.onHeader(.header))
            x += p.text("PAUSED", x: x, y: 0, style: p.sheet.onHeader(.warn))
        }
        x += p.text(separator, x: x, y: 0, style: p.sheet.onHeader(.header))
        for cloud in Cloud.allCases {
            let members = state.collectors.values.filter { $0.cloud == cloud }
            guard !members.isEmpty else { continue }
            let (glyph, role) = light(for: members.map(\.state), glyphs: g)
            x += p.text(cloud.displayName, x: x, y: 0, style: p.sheet.onHeader(.header))
            x += p.text(glyph, x: x, y: 0, style: p.sheet.onHeader(role))
            x += p.text(" ", x: x, y: 0, style: p.sheet.onHeader(.header))
        }
        // The fleet total sits at the right edge, like a price tag.
        guard let total = state.totals.first else { return }
        let label = BurnBar.label(band: total.burn.band, stale: total.burn.stale, glyphs: g)
        var right = "MTD " + total.spend.compact()
        if let forecast = total.forecast { right += " of " + forecast.compact() }
        if let ratio = total.burn.ratio { right += " " + Format.ratio(ratio, times: g.times) }
        let needed = DisplayWidth.of(right) + 1 + DisplayWidth.of(label.text) + 1
        let start = p.width - needed
        guard start > x + 1 else { return }
        p.text(right + " ", x: start, y: 0, style: p.sheet.onHeader(.header))
        p.text(label.text, x: start + DisplayWidth.of(right) + 1, y: 0, style: p.sheet.onHeader(label.role))
    }

    /// One status light per cloud: the worst state of its collectors, with a glyph that reads without colour.
    static func light(for states: [CollectorState], glyphs g: Glyphs) -> (String, Role) {
        var worst = 0
        for state in states {
            switch state {
            case .ok: worst = max(worst, 0)
            case .starting: worst = max(worst, 1)
            case .stale, .throttled, .circuitOpen: worst = max(worst, 2)
            case .authFailed, .unreachable, .misconfigured, .noCredentials, .failing: worst = max(worst, 3)
            }
        }
        switch worst {
        case 0: return (g.statusOK, .ok)
        case 1: return (g.statusIdle, .muted)
        case 2: return (g.statusWarn, .warn)
        default: return (g.statusFail, .alarm)
        }
    }

    static func tabs(_ p: inout Painter, state: AppState, detail: String? = nil) {
        var x = 1
        let current: Screen = state.ui.screen == .detail ? .fleet : state.ui.screen
        for (index, screen) in Screen.tabs.enumerated() {
            let key = screen == .help ? "?" : "\(index + 1)"
            let active = screen == current
            x += p.text(key, x: x, y: 1, role: .key)
            x += p.text(" " + screen.title, x: x, y: 1, role: active ? .title : .muted)
            x += p.text("  ", x: x, y: 1, role: .muted)
        }
        if let detail {
            x += p.text("› ", x: x, y: 1, role: .muted)
            p.text(detail, x: x, y: 1, role: .text, width: p.width - x - 1)
        }
    }

    /// The second-to-last line: a transient message, the filter being typed, or the API spend.
    static func status(_ p: inout Painter, state: AppState) {
        let y = p.height - 2
        if state.ui.filterEditing {
            var x = 1
            x += p.text("filter: ", x: x, y: y, role: .key)
            x += p.text(state.ui.filter, x: x, y: y, role: .text)
            p.text("_", x: x, y: y, role: .key)
            p.text("Enter keeps · Esc clears · ! inverts", x: max(x + 3, p.width - 38), y: y, role: .muted)
            return
        }
        if let message = state.ui.message {
            p.text(message.text, x: 1, y: y, role: message.level == .warning ? .warn : .text, width: p.width - 2)
            return
        }
        var parts: [(String, Role)] = []
        let healthy = state.collectors.values.filter { $0.state.isHealthy }.count
        parts.append(("\(healthy)/\(state.collectors.count) collectors ok", healthy == state.collectors.count ? .muted : .warn))
        parts.append(("API spend today $" + Money(state.apiSpendToday).decimalString, .muted))
        if let last = state.collectors.values.compactMap({ $0.lastSuccess[.metrics] }).max() {
            parts.append(("metrics " + Format.coarseAge(state.now.timeIntervalSince(last)) + " old", .muted))
        }
        if let baseline = state.ui.baseline {
            parts.append(("baseline " + TimeText.clock(baseline.pinnedAt), .forecast))
        }
        var x = 1
        for (index, part) in parts.enumerated() {
            if index > 0 { x += p.text(" · ", x: x, y: y, role: .border) }
            x += p.text(part.0, x: x, y: y, role: part.1, width: p.width - x - 1)
        }
    }

    static func hints(_ p: inout Painter, hints: [(String, String)]) {
        let y = p.height - 1
        var x = 1
        for (key, action) in hints {
            let needed = DisplayWidth.of(key) + DisplayWidth.of(action) + 3
            if x + needed > p.width { break }
            x += p.text(key, x: x, y: y, role: .key)
            x += p.text(" " + action + "  ", x: x, y: y, role: .muted)
        }
    }
}
