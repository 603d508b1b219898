import BurnwatchCore

/// Every key binding, in two columns when the terminal is wide enough.
enum HelpScreen {
    static func render(_ p: inout Painter, state: AppState) {
        Chrome.header(&p, state: state)
        Chrome.tabs(&p, state: state)
        let lineCount = KeyBinding.groups.reduce(0) { $0 + $1.bindings.count + 1 }
        let columnsCount = p.width >= 120 || lineCount > p.height - 6 ? 2 : 1
        let columnWidth = (p.width - 2) / columnsCount
        var column = 0
        var y = 3
        let bottom = p.height - 3
        for group in KeyBinding.groups {
            if y + group.bindings.count + 1 > bottom, column + 1 < columnsCount {
                column += 1
                y = 3
            }
            let x = 1 + column * columnWidth
            p.section(group.title, x: x, y: y, width: columnWidth - 2)
            y += 1
            for binding in group.bindings where y < bottom {
                let keyWidth = columnWidth >= 60 ? 24 : 13
                p.cell(binding.keys, x: x + 2, y: y, width: keyWidth, role: .key)
                p.text(binding.action, x: x + 3 + keyWidth, y: y, role: .text, width: columnWidth - keyWidth - 4)
                y += 1
            }
            if columnsCount == 1, y >= bottom { break }
        }
        if p.height >= 40 {
            legend(&p, y: 3 + 16, bottom: bottom)
        }
        Chrome.status(&p, state: state)
        Chrome.hints(&p, hints: [("Esc", "back"), ("1", "fleet"), ("q", "quit")])
    }

    static func legend(_ p: inout Painter, y: Int, bottom: Int) {
        let g = p.glyphs
        guard y + 1 < bottom else { return }
        p.section("Marks", x: 1, y: y, width: p.width - 3)
        let items: [(String, String, Role)] = [
            (g.missing, "no data (never drawn as 0)", .muted),
            (g.stale + "12ms", "stale: older than 2 × cadence + the cloud's ingest delay", .stale),
            (String(g.forecastMark) + " " + String(g.alarmMark), "forecast (1.0×) and alarm line markers on burn bars", .alarmLine),
            (g.alarm + "ALARM " + g.over + "over", "spend at or past the alarm line / past forecast", .alarm),
            ((g.unicode ? "≈" : "a") + "340ms", "an average: Azure OpenAI publishes no percentile", .text),
            ("*", "forecast from the run rate (no provider or configured forecast)", .forecast),
        ]
        p.labelledLines(items.map { ($0.0, $0.1, $0.2, .muted) }, y: y + 1, labelWidth: 14, bottom: bottom)
    }
}
