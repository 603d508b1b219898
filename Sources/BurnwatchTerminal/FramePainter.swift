import BurnwatchUI

/// Lays a frame onto a screen of a given size, cell by cell, without touching curses: clips a
/// frame larger than the screen, blanks what a smaller frame does not cover, and makes sure
/// every glyph takes exactly the columns the frame gave it, whatever the C library's width
/// table says.
enum FramePainter {
    /// Printed instead of a glyph the terminal would draw at a different width (or not at all).
    static let replacement: Character = "?"

    /// Calls `paint` for every screen cell that needs a write, row by row, left to right.
    /// `columnWidth` is the terminal's idea of a character's width (wcwidth: -1 unprintable).
    static func paint(
        _ frame: Frame, columns: Int, rows: Int, columnWidth: (Character) -> Int, _ paint: (PaintCell) -> Void
    ) {
        guard columns > 0, rows > 0 else { return }
        for y in 0..<rows {
            // Columns already covered by the right half of a wide glyph just written.
            var coveredUpTo = -1
            for x in 0..<columns {
                if x <= coveredUpTo { continue }
                let corner = (y == rows - 1 && x == columns - 1)
                guard y < frame.height, x < frame.width else {
                    paint(PaintCell(x: x, y: y, character: " ", style: .plain, withoutAdvancing: corner))
                    continue
                }
                let cell = frame[x, y]
                if cell.isContinuation {
                    // Its left half was overwritten by something narrow: blank it.
                    paint(PaintCell(x: x, y: y, character: " ", style: cell.style, withoutAdvancing: corner))
                    continue
                }
                let frameWidth = (x + 1 < frame.width && frame[x + 1, y].isContinuation) ? 2 : 1
                let terminalWidth = columnWidth(cell.character)
                var character = cell.character
                var advancesTo = x
                if terminalWidth == frameWidth {
                    if frameWidth == 2 {
                        if x + 1 < columns {
                            advancesTo = x + 1
                        } else {
                            character = " "  // the right half would fall off the screen
                        }
                    }
                } else if frameWidth == 2, terminalWidth == 1 {
                    // Narrower than planned: the continuation cell is blanked on its own.
                } else {
                    character = replacement
                }
                let endsInCorner = y == rows - 1 && advancesTo == columns - 1
                paint(PaintCell(x: x, y: y, character: character, style: cell.style, withoutAdvancing: endsInCorner))
                coveredUpTo = advancesTo
            }
        }
    }
}
