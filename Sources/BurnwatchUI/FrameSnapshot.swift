/// A frame as reviewable text: the characters, then a style map with one letter per distinct style and a legend.
public enum FrameSnapshot {
    public static func text(_ frame: Frame) -> String {
        var lines: [String] = []
        for y in 0..<frame.height { lines.append(frame.text(row: y)) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func styles(_ frame: Frame) -> String {
        var letters: [Style: Character] = [:]
        var legend: [(Character, Style)] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var lines: [String] = []
        for y in 0..<frame.height {
            var line = ""
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation { continue }
                if letters[cell.style] == nil {
                    let letter = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                    letters[cell.style] = letter
                    legend.append((letter, cell.style))
                }
                line.append(letters[cell.style]!)
            }
            lines.append(line)
        }
        let key = legend.map { "\($0.0) = \(describe($0.1))" }
        return lines.joined(separator: "\n") + "\n\n" + key.joined(separator: "\n") + "\n"
    }

    static func describe(_ style: Style) -> String {
        var parts = ["fg " + describe(style.foreground), "bg " + describe(style.background)]
        let names: [(TextAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline")]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.joined(separator: ", ")
    }

    static func describe(_ color: Color) -> String {
        switch color {
        case .terminalDefault: "default"
        case .ansi(let n): "ansi \(n)"
        case .indexed(let n): "256:\(n)"
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
    }
}
