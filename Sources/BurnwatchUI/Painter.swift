/// Writes role-styled text into a frame; the small vocabulary every screen draws with.
public struct Painter {
    public var frame: Frame
    public let sheet: StyleSheet

    public init(width: Int, height: Int, sheet: StyleSheet) {
        self.sheet = sheet
        self.frame = Frame(width: width, height: height, fill: Cell(" ", style: sheet[.text]))
    }

    public var glyphs: Glyphs { sheet.glyphs }
    public var width: Int { frame.width }
    public var height: Int { frame.height }

    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, role: Role = .text, width: Int? = nil, selected: Bool = false) -> Int {
        let style = selected ? sheet.selected(role) : sheet[role]
        return frame.put(glyphs.unicode ? text : Glyphs.ascii(text), x: x, y: y, style: style, maxWidth: width)
    }

    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, style: Style, width: Int? = nil) -> Int {
        frame.put(glyphs.unicode ? text : Glyphs.ascii(text), x: x, y: y, style: style, maxWidth: width)
    }

    /// Fills a whole line with a role's background (header bars, the selected row).
    public mutating func band(y: Int, role: Role, selected: Bool = false) {
        frame.fill(x: 0, y: y, width: width, height: 1, style: selected ? sheet.selected(role) : sheet[role])
    }

    public mutating func rule(y: Int, x: Int = 0, width: Int? = nil) {
        let w = width ?? self.width - x
        frame.put(String(repeating: glyphs.horizontal, count: max(0, w)), x: x, y: y, style: sheet[.border])
    }

    /// A section title such as `── Configuration ─────`.
    public mutating func section(_ title: String, x: Int, y: Int, width: Int) {
        let lead = String(repeating: glyphs.horizontal, count: 2)
        var used = text(lead + " ", x: x, y: y, role: .border)
        used += text(title, x: x + used, y: y, role: .title, width: width - used)
        used += text(" ", x: x + used, y: y, role: .border)
        if used < width { rule(y: y, x: x + used, width: width - used) }
    }

    /// The selected row's background across the whole line, with the selection marker in column 0.
    public mutating func selectionBand(y: Int) {
        band(y: y, role: .text, selected: true)
        text(glyphs.selected, x: 0, y: y, role: .key, selected: true)
    }

    /// Column titles from x = 1, one space apart; returns where each column starts.
    public mutating func columnTitles(_ columns: [(title: String, width: Int, alignRight: Bool)], y: Int) -> [Int] {
        var x = 1
        var positions: [Int] = []
        for column in columns {
            positions.append(x)
            cell(column.title, x: x, y: y, width: column.width, role: .title, alignRight: column.alignRight)
            x += column.width + 1
        }
        return positions
    }

    /// Label–value lines from row `y` down, stopping before row `bottom`: the detail panels under tables.
    public mutating func labelledLines(
        _ lines: [(label: String, value: String, labelRole: Role, valueRole: Role)], y: Int, labelWidth: Int, bottom: Int
    ) {
        for (offset, line) in lines.enumerated() where y + offset < bottom {
            cell(line.label, x: 3, y: y + offset, width: labelWidth, role: line.labelRole)
            text(line.value, x: 4 + labelWidth, y: y + offset, role: line.valueRole, width: width - 5 - labelWidth)
        }
    }

    /// Text padded or cut to exactly `width` columns.
    @discardableResult
    public mutating func cell(_ value: String, x: Int, y: Int, width: Int, role: Role, alignRight: Bool = false, selected: Bool = false) -> Int {
        let content = DisplayWidth.pad(glyphs.unicode ? value : Glyphs.ascii(value), to: width, alignRight: alignRight, ellipsis: glyphs.ellipsis)
        text(content, x: x, y: y, role: role, width: width, selected: selected)
        return width
    }
}
