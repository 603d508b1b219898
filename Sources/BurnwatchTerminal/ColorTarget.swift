import BurnwatchUI

/// The colour numbers curses will be given: the probed depth plus the two facts the depth
/// alone does not tell (an 8-colour palette under `.ansi16`, and whether colour -1 works).
struct ColorTarget: Sendable, Hashable {
    enum Palette: Sendable, Hashable {
        case mono
        /// Colours 0–7 only; bright foregrounds become base colour + bold.
        case ansi8
        case ansi16
        case indexed256
        /// Direct-colour terminfo: 0–7 are the ANSI colours, anything else is 0xRRGGBB.
        case direct
    }

    var palette: Palette
    /// `use_default_colors()` succeeded, so -1 means the terminal's own colour.
    var hasDefaultColors: Bool

    init(palette: Palette, hasDefaultColors: Bool = true) {
        self.palette = palette
        self.hasDefaultColors = hasDefaultColors
    }

    init(depth: ColorDepth, colors: Int, hasDefaultColors: Bool) {
        switch depth {
        case .mono: palette = .mono
        case .ansi16: palette = colors >= 16 ? .ansi16 : .ansi8
        case .indexed256: palette = .indexed256
        case .truecolor: palette = .direct
        }
        self.hasDefaultColors = hasDefaultColors
    }
}
