/// Terminal column width of characters, without the C library's locale-dependent `wcwidth`.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        // Combining marks and zero-width characters.
        if (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) || value == 0xFE0F { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    public static func of(_ text: String) -> Int {
        // Most of what a frame holds is plain ASCII: count bytes instead of breaking graphemes.
        if isPrintableASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// True when every byte is printable ASCII, so one byte is one column.
    @inline(__always)
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// East Asian Wide and Fullwidth ranges, and emoji presentation blocks.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts `text` to at most `width` columns, ending with `ellipsis` when it had to cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if isPrintableASCII(text) {
            if text.utf8.count <= width { return text }
            let room = width - of(ellipsis)
            guard room > 0 else { return String(ellipsis.prefix(width)) }
            return String(decoding: text.utf8.prefix(room), as: UTF8.self) + ellipsis
        }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return room > 0 ? result + ellipsis : String(ellipsis.prefix(width))
    }

    /// Pads `text` on the right (or left, when `alignRight`) to exactly `width` columns, truncating if needed.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
