/// One cell of a frame: a single grapheme of display width one (or the left half of a wide one), and its style.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: Style
    /// True for the right half of a double-width character; the terminal skips it.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// A screenful of cells, row-major. Render produces it; the terminal paints it.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and to the frame; returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width - x, maxWidth ?? Int.max)
        if DisplayWidth.isPrintableASCII(text) {
            // One byte, one cell: no grapheme breaking on the hot path.
            var column = 0
            for byte in text.utf8 {
                if column >= limit { break }
                let cx = x + column
                if cx >= 0 { cells[y * width + cx] = Cell(Character(Unicode.Scalar(byte)), style: style) }
                column += 1
            }
            return column
        }
        var column = 0
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }
            if column + cellWidth > limit { break }
            let cx = x + column
            if cx >= 0 {
                cells[y * width + cx] = Cell(character, style: style)
                if cellWidth == 2, cx + 1 < width {
                    cells[y * width + cx + 1] = Cell(" ", style: style, isContinuation: true)
                }
            }
            column += cellWidth
        }
        return column
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, character: Character = " ", style: Style) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                cells[row * width + column] = Cell(character, style: style)
            }
        }
    }

    /// The characters of one row as a string (continuation cells omitted).
    public func text(row: Int) -> String {
        var line = ""
        for column in 0..<width where !self[column, row].isContinuation {
            line.append(self[column, row].character)
        }
        return line
    }
}
