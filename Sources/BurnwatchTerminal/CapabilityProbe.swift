import BurnwatchUI

/// What the terminal and environment report at start-up, and the one decision made from it.
/// Pure, so the whole matrix (NO_COLOR, vt100, screen, LANG=C, `--color`) is unit-tested.
public struct CapabilityProbe: Sendable, Hashable {
    /// `has_colors()`: terminfo defines colour-setting capabilities.
    public var terminfoHasColors: Bool
    /// terminfo `colors` (what `COLORS` becomes after `start_color`).
    public var terminfoColors: Int
    public var term: String?
    public var colorTerm: String?
    public var noColor: String?
    public var colorMode: ColorMode
    public var forceASCII: Bool
    /// `nl_langinfo(CODESET)` is UTF-8 after `setlocale(LC_ALL, "")`.
    public var localeIsUTF8: Bool

    public init(
        terminfoHasColors: Bool, terminfoColors: Int, term: String?, colorTerm: String? = nil, noColor: String? = nil,
        colorMode: ColorMode = .auto, forceASCII: Bool = false, localeIsUTF8: Bool
    ) {
        self.terminfoHasColors = terminfoHasColors
        self.terminfoColors = terminfoColors
        self.term = term
        self.colorTerm = colorTerm
        self.noColor = noColor
        self.colorMode = colorMode
        self.forceASCII = forceASCII
        self.localeIsUTF8 = localeIsUTF8
    }

    /// Direct-colour terminfo entries (xterm-direct and kin) report 2^24 colours.
    static let directColorCount = 1 << 24

    public var capabilities: TerminalCapabilities {
        TerminalCapabilities(colorDepth: colorDepth, unicode: unicode)
    }

    public var colorDepth: ColorDepth {
        if colorMode == .never { return .mono }
        if colorMode == .auto, let noColor, !noColor.isEmpty { return .mono }
        let termName = term ?? ""
        if termName.isEmpty || termName == "dumb" { return .mono }
        // curses can only emit what terminfo describes, so `always` cannot go beyond it.
        guard terminfoHasColors else { return .mono }
        if terminfoColors >= Self.directColorCount { return .truecolor }
        if terminfoColors >= 256 { return .indexed256 }
        // 8-colour entries (screen, linux) count as 16: bright colours become base colour + bold.
        if terminfoColors >= 8 { return .ansi16 }
        return .mono
    }

    public var unicode: Bool {
        if forceASCII || !localeIsUTF8 { return false }
        // The Linux console's font has no braille or block elements.
        if let term, term == "linux" || term.hasPrefix("linux-") { return false }
        return true
    }

    /// A hint for the log when the emulator advertises 24-bit colour but terminfo cannot emit it.
    public var note: String? {
        guard let colorTerm, ["truecolor", "24bit"].contains(colorTerm.lowercased()) else { return nil }
        guard colorDepth == .indexed256 else { return nil }
        return "COLORTERM=\(colorTerm) but TERM=\(term ?? "") has \(terminfoColors) colours in terminfo; "
            + "set TERM to a direct-colour entry (e.g. xterm-direct) for 24-bit colour"
    }
}
