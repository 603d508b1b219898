/// The bytes a crash handler writes to give the terminal back: reset attributes, show the
/// cursor, keypad back to normal, leave the alternate screen. Taken from terminfo at start
/// (the handler cannot call curses), with padding removed.
enum TerminalResetSequence {
    /// In writing order: sgr0, cnorm, rmkx, rmcup.
    static let capabilityNames = ["sgr0", "cnorm", "rmkx", "rmcup"]

    /// Used when terminfo yields none of the capabilities: plain ANSI/xterm.
    static let fallback: [UInt8] = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)

    /// `lookup` returns a terminfo string capability's bytes, or nil when the terminal lacks it.
    static func make(lookup: (String) -> [UInt8]?) -> [UInt8] {
        let parts = capabilityNames.compactMap(lookup)
        if parts.isEmpty { return fallback }
        return parts.flatMap(removingPadding)
    }

    /// terminfo delays look like `$<5>` or `$<2*/>`; tputs interprets them, write(2) would print them.
    static func removingPadding(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<"),
               let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }
}
