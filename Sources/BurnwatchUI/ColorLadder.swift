/// Steps a theme colour down to what a terminal can show: truecolor → 256 → 16 → monochrome.
public enum ColorLadder {
    public static func resolve(_ roleStyle: RoleStyle, depth: ColorDepth) -> Style {
        if depth == .mono {
            return Style(attributes: roleStyle.monoAttributes)
        }
        return Style(
            foreground: color(roleStyle.foreground, depth: depth),
            background: color(roleStyle.background, depth: depth),
            attributes: roleStyle.attributes
        )
    }

    public static func color(_ color: ThemeColor, depth: ColorDepth) -> Color {
        guard let rgb = color.rgb else { return .terminalDefault }
        switch depth {
        case .mono:
            return .terminalDefault
        case .truecolor:
            return .rgb(rgb.red, rgb.green, rgb.blue)
        case .indexed256:
            return .indexed(color.index256 ?? nearest256(rgb))
        case .ansi16:
            return .ansi(color.ansi16 ?? nearest16(rgb: rgbOf256(color.index256 ?? nearest256(rgb))))
        }
    }

    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The closest xterm-256 colour: the better of the 6×6×6 cube entry and the grey ramp entry.
    public static func nearest256(_ rgb: RGB) -> UInt8 {
        func cubeIndex(_ value: UInt8) -> Int {
            let v = Int(value)
            return v < 48 ? 0 : (v < 115 ? 1 : (v - 35) / 40)
        }
        let r = cubeIndex(rgb.red), g = cubeIndex(rgb.green), b = cubeIndex(rgb.blue)
        let cube = RGB(UInt8(cubeLevels[r]), UInt8(cubeLevels[g]), UInt8(cubeLevels[b]))
        let average = (Int(rgb.red) + Int(rgb.green) + Int(rgb.blue)) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyLevel = UInt8(8 + greyStep * 10)
        let grey = RGB(greyLevel, greyLevel, greyLevel)
        if distance(grey, rgb) < distance(cube, rgb) {
            return UInt8(232 + greyStep)
        }
        return UInt8(16 + 36 * r + 6 * g + b)
    }

    static let ansiPalette: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The RGB value of an xterm-256 colour.
    public static func rgbOf256(_ index: UInt8) -> RGB {
        let i = Int(index)
        if i < 16 { return ansiPalette[i] }
        if i >= 232 {
            let level = UInt8(8 + (i - 232) * 10)
            return RGB(level, level, level)
        }
        let cube = i - 16
        return RGB(UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6]))
    }

    public static func nearest16(rgb: RGB) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in ansiPalette.enumerated() {
            let d = distance(candidate, rgb)
            if d < bestDistance {
                bestDistance = d
                best = index
            }
        }
        return UInt8(best)
    }

    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        // Weighted for perceived brightness, as in the "redmean" approximation's simple form.
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
