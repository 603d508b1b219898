/// A 24-bit colour.
public struct RGB: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}

/// One colour of a theme with its fallbacks down the ladder. A nil `rgb` means the terminal's own colour.
public struct ThemeColor: Sendable, Hashable {
    public var rgb: RGB?
    /// Explicit 256-colour fallback; derived from `rgb` when absent.
    public var index256: UInt8?
    /// Explicit 16-colour fallback; derived from the 256 colour when absent.
    public var ansi16: UInt8?

    public init(rgb: RGB?, index256: UInt8? = nil, ansi16: UInt8? = nil) {
        self.rgb = rgb
        self.index256 = index256
        self.ansi16 = ansi16
    }

    public static let terminalDefault = ThemeColor(rgb: nil)
}

/// How one role is drawn: colours for colour terminals, attributes for all, and attributes for monochrome.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes
    /// Attributes used instead of colour on a monochrome terminal (reverse, bold, dim, underline).
    public var monoAttributes: TextAttributes

    public init(
        foreground: ThemeColor = .terminalDefault,
        background: ThemeColor = .terminalDefault,
        attributes: TextAttributes = [],
        monoAttributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monoAttributes = monoAttributes
    }
}

/// A named mapping from every `Role` to a `RoleStyle`.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var roles: [Role: RoleStyle]

    public init(name: String, roles: [Role: RoleStyle]) {
        self.name = name
        self.roles = roles
    }

    /// The style of `role` at `depth`; roles a theme lacks fall back to the built-in default theme.
    public func style(for role: Role, depth: ColorDepth) -> Style {
        let roleStyle = roles[role] ?? Theme.builtIn.roles[role] ?? RoleStyle()
        return ColorLadder.resolve(roleStyle, depth: depth)
    }
}
