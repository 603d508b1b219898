/// How many colours the terminal can show, decided once at start-up.
public enum ColorDepth: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case mono
    case ansi16
    case indexed256
    case truecolor

    private var rank: Int {
        switch self {
        case .mono: 0
        case .ansi16: 1
        case .indexed256: 2
        case .truecolor: 3
        }
    }

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rank < rhs.rank }
}

/// What the terminal can do, probed once at start-up (or fixed, for snapshots and reports).
public struct TerminalCapabilities: Sendable, Hashable {
    public var colorDepth: ColorDepth
    /// Unicode block, braille and box glyphs when true; ASCII only when false.
    public var unicode: Bool

    public init(colorDepth: ColorDepth, unicode: Bool) {
        self.colorDepth = colorDepth
        self.unicode = unicode
    }

    public static let full = TerminalCapabilities(colorDepth: .truecolor, unicode: true)
    public static let monoUnicode = TerminalCapabilities(colorDepth: .mono, unicode: true)
    public static let ascii = TerminalCapabilities(colorDepth: .ansi16, unicode: false)
}
