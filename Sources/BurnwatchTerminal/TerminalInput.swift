import BurnwatchCore

/// What `CursesTerminal.waitForInput` reports.
public enum TerminalInput: Sendable, Hashable {
    case key(Key)
    /// The terminal changed size; render the next frame at this size.
    case resize(columns: Int, rows: Int)
    /// A termination signal arrived (or the terminal hung up). Return from the
    /// `withTerminal` body so the terminal is restored, then exit with `signal.exitStatus`.
    case interrupted(TerminationSignal)
}
