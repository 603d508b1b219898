import BurnwatchCore
import Foundation

/// A horizontal bar of spend against expected spend, with the forecast (1.0×) and the alarm line
/// (`alarm_ratio`×) always drawn as markers, so an alarm is never a colour alone.
public enum BurnBar {
    public struct Segment: Equatable {
        public var text: String
        public var role: Role
    }

    /// The bar's full width stands for `max(2, alarmRatio + 0.5)` times the expected spend.
    public static func scale(alarmRatio: Decimal) -> Double {
        max(2, NSDecimalNumber(decimal: alarmRatio).doubleValue + 0.5)
    }

    public static func segments(ratio: Decimal?, band: BurnBand, stale: Bool, width: Int, alarmRatio: Decimal, glyphs: Glyphs) -> [Segment] {
        guard width >= 3 else { return [] }
        let full = scale(alarmRatio: alarmRatio)
        let alarmValue = NSDecimalNumber(decimal: alarmRatio).doubleValue
        func column(_ value: Double) -> Int { min(width - 1, max(0, Int((value / full * Double(width)).rounded(.down)))) }
        let forecastColumn = column(1.0)
        let alarmColumn = column(alarmValue)
        let filled: Int
        if let ratio {
            let value = NSDecimalNumber(decimal: ratio).doubleValue
            filled = min(width, Int((value / full * Double(width)).rounded()))
        } else {
            filled = 0
        }
        let fillRole: Role = stale ? .stale : (band == .alarm ? .alarm : (band == .over ? .warn : .bar))
        var result: [Segment] = []
        func append(_ character: Character, _ role: Role) {
            if let last = result.last, last.role == role {
                result[result.count - 1].text.append(character)
            } else {
                result.append(Segment(text: String(character), role: role))
            }
        }
        for x in 0..<width {
            if x == alarmColumn {
                append(glyphs.alarmMark, .alarmLine)
            } else if x == forecastColumn {
                append(glyphs.forecastMark, .forecast)
            } else if x < filled {
                append(glyphs.barFull, fillRole)
            } else {
                append(glyphs.barEmpty, .border)
            }
        }
        return result
    }

    /// The word beside a bar: glyph plus word, so the band reads without colour.
    public static func label(band: BurnBand, stale: Bool, glyphs: Glyphs) -> (text: String, role: Role) {
        let prefix = stale ? glyphs.stale : ""
        switch band {
        case .alarm: return (prefix + glyphs.alarm + "ALARM", stale ? .stale : .alarm)
        case .over: return (prefix + glyphs.over + "over", stale ? .stale : .warn)
        case .ok: return (prefix + "ok", stale ? .stale : .ok)
        case .unknown: return stale ? (prefix + "stale", .stale) : (glyphs.missing, .muted)
        }
    }
}
