extension Theme {
    /// The compiled-in default (dark) theme. It doubles as the schema: `Themes/default.toml` must equal it.
    /// The bar is a darker green than the alarm line's red so the line stands out by brightness, not hue alone.
    public static let builtIn: Theme = {
        func c(_ hex: UInt32, _ i256: UInt8, _ i16: UInt8) -> ThemeColor {
            ThemeColor(rgb: RGB(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF)), index256: i256, ansi16: i16)
        }
        let none = ThemeColor.terminalDefault
        return Theme(name: "default", roles: [
            .text: RoleStyle(foreground: c(0xD0D0D0, 252, 7), background: none),
            .muted: RoleStyle(foreground: c(0x8A8A8A, 245, 8), monoAttributes: [.dim]),
            .header: RoleStyle(foreground: c(0xEEEEEE, 255, 15), background: c(0x1C3A5E, 24, 4), attributes: [.bold], monoAttributes: [.reverse]),
            .title: RoleStyle(foreground: c(0x87AFD7, 110, 12), attributes: [.bold], monoAttributes: [.bold]),
            .border: RoleStyle(foreground: c(0x4E4E4E, 239, 8), monoAttributes: [.dim]),
            .selection: RoleStyle(foreground: c(0xFFFFFF, 231, 15), background: c(0x303F5F, 237, 4), attributes: [.bold], monoAttributes: [.reverse]),
            .ok: RoleStyle(foreground: c(0x87D787, 114, 2)),
            .warn: RoleStyle(foreground: c(0xFFD75F, 221, 3), attributes: [.bold], monoAttributes: [.bold]),
            .alarm: RoleStyle(foreground: c(0xFF5F5F, 203, 9), attributes: [.bold], monoAttributes: [.bold, .reverse]),
            .alarmLine: RoleStyle(foreground: c(0xFF5F5F, 203, 9), attributes: [.bold], monoAttributes: [.bold]),
            .forecast: RoleStyle(foreground: c(0x5FAFFF, 75, 12), monoAttributes: [.underline]),
            .spark: RoleStyle(foreground: c(0x5FD7D7, 80, 6)),
            .stale: RoleStyle(foreground: c(0x808080, 244, 8), attributes: [.dim], monoAttributes: [.dim]),
            .estimate: RoleStyle(foreground: c(0xAF87D7, 140, 5), monoAttributes: [.underline]),
            .key: RoleStyle(foreground: c(0xFFAF5F, 215, 11), attributes: [.bold], monoAttributes: [.bold]),
            .bar: RoleStyle(foreground: c(0x00875F, 29, 2)),
        ])
    }()
}
