/// The `--color` choice: follow the terminal and `NO_COLOR`, force colour, or never colour.
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
    /// Colour as far as terminfo allows, unless `NO_COLOR` is set to a non-empty value.
    case auto
    /// Ignore `NO_COLOR`. Still bounded by terminfo: curses cannot emit colours a terminal
    /// description does not define, so `TERM=vt100` stays monochrome.
    case always
    /// Monochrome: attributes only, no colour calls at all.
    case never
}
