/// The glyph set, chosen once from the terminal's capabilities: Unicode blocks and braille, or plain ASCII.
public struct Glyphs: Sendable, Hashable {
    public let unicode: Bool
    /// Sparkline levels from lowest to highest.
    public let sparkLevels: [Character]
    public let barFull: Character
    public let barEmpty: Character
    public let forecastMark: Character
    public let alarmMark: Character
    public let missing: String
    public let stale: String
    public let ellipsis: String
    public let alarm: String
    public let over: String
    public let selected: String
    public let ascending: String
    public let descending: String
    public let horizontal: Character
    public let vertical: Character
    public let separator: String
    public let statusOK: String
    public let statusWarn: String
    public let statusFail: String
    public let statusIdle: String
    public let delta: String
    public let times: String

    public init(unicode: Bool) {
        self.unicode = unicode
        if unicode {
            sparkLevels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            barFull = "█"
            barEmpty = "░"
            forecastMark = "│"
            alarmMark = "┃"
            missing = "—"
            stale = "~"
            ellipsis = "…"
            alarm = "▲"
            over = "△"
            selected = "▶"
            ascending = "▲"
            descending = "▼"
            horizontal = "─"
            vertical = "│"
            separator = " │ "
            statusOK = "●"
            statusWarn = "◐"
            statusFail = "✖"
            statusIdle = "○"
            delta = "Δ"
            times = "×"
        } else {
            sparkLevels = ["_", ".", "-", "=", "#"]
            barFull = "#"
            barEmpty = "."
            forecastMark = ":"
            alarmMark = "|"
            missing = "-"
            stale = "~"
            ellipsis = "~"
            alarm = "!"
            over = "^"
            selected = ">"
            ascending = "^"
            descending = "v"
            horizontal = "-"
            vertical = "|"
            separator = " | "
            statusOK = "o"
            statusWarn = "~"
            statusFail = "x"
            statusIdle = "."
            delta = "d"
            times = "x"
        }
    }
}

extension Glyphs {
    /// On an ASCII terminal, typographic characters become their plain equivalents and anything
    /// else outside ASCII (endpoint names from an API, say) becomes `?`, so no byte the locale
    /// cannot show reaches the screen.
    public static func ascii(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "·", "│", "┃": result += "|"
            case "›", "▶": result += ">"
            case "×": result += "x"
            case "—", "–", "─": result += "-"
            case "…": result += "~"
            case "→": result += "->"
            case "←": result += "<-"
            case "↑": result += "Up"
            case "↓": result += "Down"
            case "≈": result += "a"
            case "Δ": result += "d"
            default: result += "?"
            }
        }
        return result
    }
}
