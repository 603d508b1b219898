/// Every role resolved once for a theme and a colour depth, so widgets look styles up cheaply.
public struct StyleSheet: Sendable {
    public let glyphs: Glyphs
    public let depth: ColorDepth
    private let styles: [Role: Style]

    public init(theme: Theme, capabilities: TerminalCapabilities) {
        var resolved: [Role: Style] = [:]
        for role in Role.allCases { resolved[role] = theme.style(for: role, depth: capabilities.colorDepth) }
        styles = resolved
        depth = capabilities.colorDepth
        glyphs = Glyphs(unicode: capabilities.unicode)
    }

    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// `role` drawn on the selected row: the selection's background (or reverse, on mono) under the role's colour.
    public func selected(_ role: Role) -> Style {
        let selection = self[.selection]
        var style = self[role]
        if depth == .mono {
            style.attributes.formUnion(selection.attributes)
            return style
        }
        style.background = selection.background
        if role == .text || role == .muted || style.foreground == .terminalDefault { style.foreground = selection.foreground }
        style.attributes.formUnion(selection.attributes.intersection([.bold]))
        return style
    }

    /// `role` on the header bar's background.
    public func onHeader(_ role: Role) -> Style {
        let header = self[.header]
        var style = self[role]
        if depth == .mono {
            style.attributes.formUnion(header.attributes)
            return style
        }
        style.background = header.background
        return style
    }
}
