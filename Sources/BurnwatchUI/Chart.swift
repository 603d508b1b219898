/// A multi-line area chart: braille (2×4 dots per cell) on Unicode terminals, `#`/`.` columns in ASCII.
/// Missing points leave gaps; the vertical axis starts at zero.
public enum Chart {
    public static func render(_ values: [Double?], width: Int, height: Int, glyphs: Glyphs) -> (lines: [String], maximum: Double?, floor: Double?) {
        guard width > 0, height > 0 else { return ([], nil, nil) }
        let samplesPerCell = glyphs.unicode ? 2 : 1
        let dotsPerCell = glyphs.unicode ? 4 : 2
        let columns = width * samplesPerCell
        let series = resample(values, to: columns)
        let present = series.compactMap { $0 }
        guard let top = present.max(), let bottom = present.min() else {
            return (Array(repeating: String(repeating: " ", count: width), count: height), nil, nil)
        }
        // The axis starts a little below the window's minimum (never below zero), so a 10 % swing in
        // latency is visible; the title states the range, so the scale stays honest.
        let floor = max(0, bottom - (top - bottom) * 0.25)
        let span = top - floor > 0 ? top - floor : max(top, 1)
        let levels = height * dotsPerCell
        // Dot heights per sample column: 0 means nothing, else 1...levels.
        let heights: [Int?] = series.map { value in
            guard let value else { return nil }
            let level = Int(((value - floor) / span * Double(levels)).rounded())
            return value > 0 ? max(1, min(levels, level)) : 0
        }
        var lines: [String] = []
        for row in 0..<height {
            // Row 0 is the top line; its dots cover levels above (height - 1 - row) × dotsPerCell.
            let base = (height - 1 - row) * dotsPerCell
            var line = ""
            for cell in 0..<width {
                if glyphs.unicode {
                    line.append(brailleCell(left: heights[cell * 2], right: heights[cell * 2 + 1], base: base))
                } else {
                    line.append(asciiCell(heights[cell], base: base))
                }
            }
            lines.append(line)
        }
        return (lines, top, floor)
    }

    /// Averages or stretches `values` to exactly `count` points; a bucket with no data stays missing.
    public static func resample(_ values: [Double?], to count: Int) -> [Double?] {
        guard !values.isEmpty, count > 0 else { return Array(repeating: nil, count: max(0, count)) }
        return (0..<count).map { index in
            let start = index * values.count / count
            let end = max(start + 1, (index + 1) * values.count / count)
            let bucket = values[start..<min(end, values.count)].compactMap { $0 }
            return bucket.isEmpty ? nil : bucket.reduce(0, +) / Double(bucket.count)
        }
    }

    private static func brailleCell(left: Int?, right: Int?, base: Int) -> Character {
        // Braille dot bits, bottom to top: left column 7,3,2,1 → bits 0x40,0x04,0x02,0x01; right 0x80,0x20,0x10,0x08.
        let leftBits: [UInt32] = [0x40, 0x04, 0x02, 0x01]
        let rightBits: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        var pattern: UInt32 = 0
        for dot in 0..<4 {
            if let left, left > base + dot { pattern |= leftBits[dot] }
            if let right, right > base + dot { pattern |= rightBits[dot] }
        }
        if pattern == 0 { return " " }
        return Character(Unicode.Scalar(0x2800 + pattern)!)
    }

    private static func asciiCell(_ height: Int?, base: Int) -> Character {
        guard let height else { return " " }
        if height >= base + 2 { return "#" }
        if height == base + 1 { return "." }
        return " "
    }
}
