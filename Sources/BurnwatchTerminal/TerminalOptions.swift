/// How `CursesTerminal.withTerminal` sets the terminal up.
public struct TerminalOptions: Sendable, Hashable {
    public var colorMode: ColorMode
    /// ASCII glyphs even in a UTF-8 locale (`--ascii`).
    public var forceASCII: Bool
    /// How long a lone Escape waits for the rest of a key sequence. Over a slow SSH link
    /// sequences arrive split, so this is longer than htop's 25 ms.
    public var escapeDelay: Duration

    public init(colorMode: ColorMode = .auto, forceASCII: Bool = false, escapeDelay: Duration = .milliseconds(50)) {
        self.colorMode = colorMode
        self.forceASCII = forceASCII
        self.escapeDelay = escapeDelay
    }
}
