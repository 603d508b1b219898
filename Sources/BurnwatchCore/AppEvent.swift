import Foundation

/// Everything that can happen to the dashboard. The reducer is the only thing that acts on them.
public enum AppEvent: Sendable {
    case key(Key)
    case resize(columns: Int, rows: Int)
    /// The clock moved on (age labels, message expiry, staleness).
    case tick(Date)
    case batch(CollectBatch)
    case health(CollectorHealth)
    /// Something the user should read in the status line (a broken theme file, say).
    case notice(String)
}

/// What the reducer asks the outside world to do.
public enum Effect: Sendable, Hashable {
    case quit
    /// Repaint; `full` forces every cell out again (Ctrl-L).
    case redraw(full: Bool)
    /// Poll now. `force` lets cost data past its cache cadence (it costs money).
    case refresh(Set<DataClass>, force: Bool)
    /// Load and apply the named theme.
    case applyTheme(String)
}
