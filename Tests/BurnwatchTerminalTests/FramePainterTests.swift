import BurnwatchUI
import Testing
@testable import BurnwatchTerminal

struct FramePainterTests {
    private let bold = Style(attributes: .bold)

    /// A width table standing in for wcwidth: CJK is 2, a control character unprintable.
    private static func width(_ character: Character) -> Int {
        switch character {
        case "日", "本": 2
        case "\u{7}": -1
        default: 1
        }
    }

    private func paint(_ frame: Frame, columns: Int, rows: Int, width: (Character) -> Int = width) -> [PaintCell] {
        var cells: [PaintCell] = []
        FramePainter.paint(frame, columns: columns, rows: rows, columnWidth: width) { cells.append($0) }
        return cells
    }

    private func text(_ cells: [PaintCell], row: Int) -> String {
        String(cells.filter { $0.y == row }.map(\.character))
    }

    @Test func smallerFrameIsPaddedWithPlainBlanks() {
        var frame = Frame(width: 2, height: 1)
        frame.put("ab", x: 0, y: 0, style: bold)
        let cells = paint(frame, columns: 3, rows: 2)
        #expect(cells.count == 6)
        #expect(text(cells, row: 0) == "ab ")
        #expect(text(cells, row: 1) == "   ")
        #expect(cells[0].style == bold)
        #expect(cells[2].style == .plain)
    }

    @Test func largerFrameIsClipped() {
        var frame = Frame(width: 6, height: 3)
        frame.put("abcdef", x: 0, y: 0, style: .plain)
        frame.put("ghijkl", x: 0, y: 1, style: .plain)
        let cells = paint(frame, columns: 4, rows: 2)
        #expect(cells.count == 8)
        #expect(text(cells, row: 0) == "abcd")
        #expect(text(cells, row: 1) == "ghij")
    }

    @Test func onlyTheBottomRightCellIsWrittenWithoutAdvancing() {
        let cells = paint(Frame(width: 3, height: 2), columns: 3, rows: 2)
        #expect(cells.filter(\.withoutAdvancing).map { [$0.x, $0.y] } == [[2, 1]])
    }

    @Test func wideGlyphTakesTwoColumnsAndSkipsItsContinuation() {
        var frame = Frame(width: 4, height: 1)
        frame.put("日a", x: 0, y: 0, style: .plain)
        let cells = paint(frame, columns: 4, rows: 1)
        #expect(cells.map(\.x) == [0, 2, 3])
        #expect(cells.map(\.character) == ["日", "a", " "])
    }

    @Test func wideGlyphEndingInTheCornerIsWrittenWithoutAdvancing() {
        var frame = Frame(width: 4, height: 1)
        frame.put("ab日", x: 0, y: 0, style: .plain)
        let cells = paint(frame, columns: 4, rows: 1)
        #expect(cells.map(\.character) == ["a", "b", "日"])
        #expect(cells.last?.withoutAdvancing == true)
        #expect(cells.dropLast().allSatisfy { !$0.withoutAdvancing })
    }

    @Test func wideGlyphCutByTheScreenEdgeBecomesBlank() {
        var frame = Frame(width: 4, height: 1)
        frame.put("ab日", x: 0, y: 0, style: .plain)
        let cells = paint(frame, columns: 3, rows: 1)
        #expect(cells.map(\.character) == ["a", "b", " "])
    }

    @Test func glyphNarrowerThanPlannedLeavesABlankContinuation() {
        var frame = Frame(width: 3, height: 1)
        frame.put("日", x: 0, y: 0, style: bold)
        let cells = paint(frame, columns: 3, rows: 1) { _ in 1 }
        #expect(cells.map(\.character) == ["日", " ", " "])
        #expect(cells[1].style == bold)
    }

    @Test func glyphWiderThanPlannedOrUnprintableIsReplaced() {
        var frame = Frame(width: 3, height: 1)
        frame[0, 0] = Cell("日")  // a single cell, as if the frame thought it narrow
        frame[1, 0] = Cell("\u{7}")
        let cells = paint(frame, columns: 3, rows: 1)
        #expect(cells.map(\.character) == ["?", "?", " "])
    }

    @Test func orphanContinuationIsBlanked() {
        var frame = Frame(width: 3, height: 1)
        frame.put("日", x: 0, y: 0, style: .plain)
        frame.put("x", x: 0, y: 0, style: .plain)  // overwrites the left half only
        let cells = paint(frame, columns: 3, rows: 1)
        #expect(cells.map(\.character) == ["x", " ", " "])
        #expect(cells.map(\.x) == [0, 1, 2])
    }

    @Test func emptyScreenPaintsNothing() {
        #expect(paint(Frame(width: 3, height: 3), columns: 0, rows: 5).isEmpty)
    }
}
