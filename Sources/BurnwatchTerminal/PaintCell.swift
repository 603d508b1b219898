import BurnwatchUI

/// One screen cell to write: where, what, how.
struct PaintCell: Sendable, Hashable {
    var x: Int
    var y: Int
    var character: Character
    var style: Style
    /// Write without advancing the cursor (wins_wch). Used where the glyph ends in the
    /// bottom-right corner, so writing it can never scroll the screen.
    var withoutAdvancing: Bool

    init(x: Int, y: Int, character: Character, style: Style, withoutAdvancing: Bool = false) {
        self.x = x
        self.y = y
        self.character = character
        self.style = style
        self.withoutAdvancing = withoutAdvancing
    }
}
