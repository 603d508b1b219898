import BurnwatchCore

/// Below 80×24 the dashboard says so instead of drawing a broken layout.
enum TooSmallScreen {
    static func render(_ p: inout Painter, state: AppState) {
        let lines = [
            "terminal too small",
            "\(state.ui.columns)×\(state.ui.rows), burnwatch needs \(ViewState.minimumColumns)×\(ViewState.minimumRows)",
            "enlarge the window, or q to quit",
        ]
        let top = max(0, p.height / 2 - 1)
        for (offset, raw) in lines.enumerated() {
            let line = p.glyphs.unicode ? raw : Glyphs.ascii(raw)
            let x = max(0, (p.width - DisplayWidth.of(line)) / 2)
            p.text(line, x: x, y: top + offset, role: offset == 0 ? .warn : .muted)
        }
    }
}
