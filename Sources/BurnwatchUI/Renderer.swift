import BurnwatchCore

/// The pure render: `(state, theme, capabilities) -> Frame`. No curses, no clock, no I/O.
public enum Renderer {
    public static func render(_ state: AppState, theme: Theme, capabilities: TerminalCapabilities) -> Frame {
        render(state, sheet: StyleSheet(theme: theme, capabilities: capabilities))
    }

    /// The same, with styles resolved ahead of time (the live loop resolves them once per theme).
    public static func render(_ state: AppState, sheet: StyleSheet) -> Frame {
        var painter = Painter(width: state.ui.columns, height: state.ui.rows, sheet: sheet)
        if state.ui.isTooSmall {
            TooSmallScreen.render(&painter, state: state)
            return painter.frame
        }
        switch state.ui.screen {
        case .fleet: FleetScreen.render(&painter, state: state)
        case .detail: DetailScreen.render(&painter, state: state)
        case .budgets: BudgetsScreen.render(&painter, state: state)
        case .collectors: CollectorsScreen.render(&painter, state: state)
        case .help: HelpScreen.render(&painter, state: state)
        }
        return painter.frame
    }
}
