/// A one-line chart of recent values; missing points stay blank rather than drawn as zero.
public enum Sparkline {
    public static func render(_ values: [Double?], width: Int, glyphs: Glyphs, floorAtZero: Bool = true) -> String {
        guard width > 0 else { return "" }
        let recent = Array(values.suffix(width))
        let present = recent.compactMap { $0 }
        guard let high = present.max(), let observedLow = present.min() else {
            return String(repeating: " ", count: width)
        }
        let low = floorAtZero ? min(0, observedLow) : observedLow
        let levels = glyphs.sparkLevels
        var line = String(repeating: " ", count: width - recent.count)
        for value in recent {
            guard let value else {
                line.append(" ")
                continue
            }
            if high == low {
                line.append(high == 0 ? levels[0] : levels[levels.count / 2])
                continue
            }
            let position = (value - low) / (high - low)
            let index = min(levels.count - 1, max(0, Int((position * Double(levels.count - 1)).rounded())))
            line.append(levels[index])
        }
        return line
    }
}
