import BurnwatchUI

/// A cell style as curses takes it: attributes and a foreground/background colour number
/// (-1 is the terminal's own colour). Pure; the terminal turns it into `attr_t` and a pair.
struct CursesStyle: Sendable, Hashable {
    static let terminalDefault: Int32 = -1

    var attributes: TextAttributes
    var foreground: Int32
    var background: Int32

    init(attributes: TextAttributes, foreground: Int32, background: Int32) {
        self.attributes = attributes
        self.foreground = foreground
        self.background = background
    }

    /// Maps a frame style onto the target palette. Frames normally arrive already at the right
    /// depth; any colour that does not fit is stepped down rather than trusted.
    init(_ style: Style, target: ColorTarget) {
        attributes = style.attributes
        if target.palette == .mono {
            foreground = Self.terminalDefault
            background = Self.terminalDefault
            return
        }
        let (fg, brightForeground) = Self.number(style.foreground, palette: target.palette)
        let (bg, _) = Self.number(style.background, palette: target.palette)
        if brightForeground { attributes.insert(.bold) }
        foreground = fg ?? (target.hasDefaultColors ? Self.terminalDefault : 7)
        background = bg ?? (target.hasDefaultColors ? Self.terminalDefault : 0)
    }

    /// The colour number for `color` (nil for the terminal default), and whether an 8-colour
    /// palette needs bold to show it bright.
    private static func number(_ color: Color, palette: ColorTarget.Palette) -> (Int32?, bright: Bool) {
        switch color {
        case .terminalDefault:
            return (nil, false)
        case .ansi(let value):
            return ansi(Int(value) & 15, palette: palette)
        case .indexed(let value):
            switch palette {
            case .mono: return (nil, false)
            case .indexed256: return (Int32(value), false)
            case .direct: return value < 8 ? (Int32(value), false) : (direct(ColorLadder.rgbOf256(value)), false)
            case .ansi8, .ansi16:
                let sixteen = value < 16 ? Int(value) : Int(ColorLadder.nearest16(rgb: ColorLadder.rgbOf256(value)))
                return ansi(sixteen, palette: palette)
            }
        case .rgb(let red, let green, let blue):
            let rgb = RGB(red, green, blue)
            switch palette {
            case .mono: return (nil, false)
            case .direct: return (direct(rgb), false)
            case .indexed256: return (Int32(ColorLadder.nearest256(rgb)), false)
            case .ansi8, .ansi16: return ansi(Int(ColorLadder.nearest16(rgb: rgb)), palette: palette)
            }
        }
    }

    private static func ansi(_ value: Int, palette: ColorTarget.Palette) -> (Int32?, bright: Bool) {
        switch palette {
        case .mono: return (nil, false)
        case .ansi8: return (Int32(value & 7), value >= 8)
        case .ansi16, .indexed256: return (Int32(value), false)
        // xterm-direct keeps 0–7 as ANSI colours; 8–15 have no number of their own.
        case .direct: return value < 8 ? (Int32(value), false) : (direct(ColorLadder.rgbOf256(UInt8(value))), false)
        }
    }

    /// 0xRRGGBB, kept out of 0–7, which direct-colour terminfo reserves for the ANSI colours.
    private static func direct(_ rgb: RGB) -> Int32 {
        let value = Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue)
        return max(value, 8)
    }
}
