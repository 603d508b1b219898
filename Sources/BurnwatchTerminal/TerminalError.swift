/// Why the terminal could not be set up.
public struct TerminalError: Error, Hashable, CustomStringConvertible {
    private enum Reason: Hashable {
        case notATerminal
        case unknownTerminalType(String)
        case alreadyActive
        case systemCall(String, errno: Int32)
    }

    private let reason: Reason

    private init(_ reason: Reason) {
        self.reason = reason
    }

    /// Standard input or output is not a terminal (a pipe, a file, /dev/null).
    public static let notATerminal = TerminalError(.notATerminal)
    /// A second `withTerminal` while one is active: curses has one screen per process here.
    public static let alreadyActive = TerminalError(.alreadyActive)

    /// curses has no terminfo entry for `TERM` (or `TERM` is unset).
    public static func unknownTerminalType(_ term: String) -> TerminalError {
        TerminalError(.unknownTerminalType(term))
    }

    static func systemCall(_ name: String, errno: Int32) -> TerminalError {
        TerminalError(.systemCall(name, errno: errno))
    }

    public var description: String {
        switch reason {
        case .notATerminal:
            "standard input and output must be a terminal for the live dashboard; use `burnwatch report` for pipes and files"
        case .unknownTerminalType(let term):
            term.isEmpty
                ? "TERM is not set; set it to your terminal type (for example TERM=xterm-256color)"
                : "no terminfo entry for TERM=\(term); try TERM=xterm-256color, or install ncurses-term"
        case .alreadyActive:
            "the terminal is already in use by another withTerminal scope"
        case .systemCall(let name, let errno):
            "\(name) failed (errno \(errno))"
        }
    }
}
