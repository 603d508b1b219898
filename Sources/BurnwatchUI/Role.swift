/// The semantic colour slots renderers ask for. Themes map roles to colours; nothing else names a colour.
/// This enum is the schema of a theme file: every case is one `[role]` table.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// Ordinary text and the screen background.
    case text
    /// Secondary text: labels, units, ages.
    case muted
    /// The top status bar.
    case header
    /// Screen titles and table column headings.
    case title
    /// Frames and separators.
    case border
    /// The selected row.
    case selection
    /// Healthy values, burn below forecast.
    case ok
    /// Burn over forecast, degraded collectors.
    case warn
    /// Burn at or over the alarm line, failing collectors.
    case alarm
    /// The alarm-line marker inside a burn bar.
    case alarmLine = "alarm_line"
    /// The forecast marker and forecast figures.
    case forecast
    /// Sparklines and charts.
    case spark
    /// Values older than their staleness limit.
    case stale
    /// Estimated (unbilled) spend.
    case estimate
    /// Key hints in the footer and help screen.
    case key
    /// Filled part of a burn bar below forecast.
    case bar
}
