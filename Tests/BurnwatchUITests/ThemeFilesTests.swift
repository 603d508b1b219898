import BurnwatchUI
import Foundation
import Testing

/// The repository's `Themes/` folder, found from this file's path.
private let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes")

private func themeFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "toml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

private func loadStrictly(_ name: String) throws -> Theme {
    let url = themesDirectory.appendingPathComponent(name + ".toml")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try ThemeParser.parse(text, fileName: "Themes/\(name).toml", strict: true).0
}

/// The background each bundled colour theme is designed for (the terminal's own, where roles say
/// "default"). A new theme file must say which it assumes, or the readability test fails.
private let assumedBackgrounds: [String: RGB] = [
    "default": RGB(0x1C, 0x1C, 0x1C),
    "high-contrast": RGB(0, 0, 0),
    "solarized-dark": RGB(0x00, 0x2B, 0x36),
    "light": RGB(0xFF, 0xFF, 0xFF),
]

/// WCAG 2 relative luminance and contrast ratio.
private func luminance(_ color: RGB) -> Double {
    func channel(_ value: UInt8) -> Double {
        let c = Double(value) / 255
        return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(color.red) + 0.7152 * channel(color.green) + 0.0722 * channel(color.blue)
}

private func contrast(_ a: RGB, _ b: RGB) -> Double {
    let (la, lb) = (luminance(a), luminance(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

/// Secondary roles may be quieter than the rest; borders are decoration.
private func minimumContrast(_ role: Role) -> Double {
    switch role {
    case .border: 1.8
    case .muted, .stale: 2.5
    default: 3.0
    }
}

@Suite struct ThemeFilesTests {
    @Test func theBundledThemesArePresent() throws {
        let names = try themeFiles().map { $0.deletingPathExtension().lastPathComponent }
        for expected in ["default", "light", "high-contrast", "solarized-dark", "mono"] {
            #expect(names.contains(expected), "Themes/\(expected).toml is missing")
        }
    }

    @Test func everyThemeFileLoadsStrictlyWithNoDiagnostics() throws {
        for url in try themeFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            let fileName = "Themes/" + url.lastPathComponent
            do {
                let (theme, diagnostics) = try ThemeParser.parse(text, fileName: fileName, strict: true)
                #expect(diagnostics.isEmpty, "\(fileName): \(diagnostics)")
                #expect(Set(theme.roles.keys) == Set(Role.allCases), "\(fileName) lacks roles")
                #expect(theme.name == url.deletingPathExtension().lastPathComponent)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func defaultFileEqualsTheBuiltInTheme() throws {
        let theme = try loadStrictly("default")
        for role in Role.allCases {
            #expect(theme.roles[role] == Theme.builtIn.roles[role], "role \(role.rawValue) differs")
        }
        #expect(theme.roles.count == Theme.builtIn.roles.count)
        #expect(theme.name == Theme.builtIn.name)
    }

    @Test func everyColourRoleIsReadableOnItsBackground() throws {
        for url in try themeFiles() {
            let name = url.deletingPathExtension().lastPathComponent
            let theme = try loadStrictly(name)
            let rolesWithColour = Role.allCases.filter { theme.roles[$0]?.foreground.rgb != nil }
            if rolesWithColour.isEmpty { continue }
            let terminal = try #require(assumedBackgrounds[name], "say which background Themes/\(name).toml assumes")
            for role in rolesWithColour {
                let style = try #require(theme.roles[role])
                let foreground = try #require(style.foreground.rgb)
                let background = style.background.rgb ?? terminal
                let truecolor = contrast(foreground, background)
                #expect(truecolor >= minimumContrast(role), "\(name).\(role.rawValue): contrast \(truecolor)")
                // The 256-colour fallback must stay readable too.
                let index = style.foreground.index256 ?? ColorLadder.nearest256(foreground)
                let backgroundIndexed = style.background.rgb.map { ColorLadder.rgbOf256(style.background.index256 ?? ColorLadder.nearest256($0)) } ?? terminal
                let indexed = contrast(ColorLadder.rgbOf256(index), backgroundIndexed)
                #expect(indexed >= minimumContrast(role), "\(name).\(role.rawValue) at 256 colours: contrast \(indexed)")
            }
        }
    }

    @Test func alarmIsDistinctFromWarnAtEveryDepth() throws {
        for url in try themeFiles() {
            let name = url.deletingPathExtension().lastPathComponent
            let theme = try loadStrictly(name)
            for depth in ColorDepth.allCases {
                #expect(theme.style(for: .alarm, depth: depth) != theme.style(for: .warn, depth: depth), "\(name) at \(depth)")
                #expect(theme.style(for: .alarm, depth: depth) != theme.style(for: .text, depth: depth), "\(name) at \(depth)")
            }
        }
    }

    @Test func alarmLineStandsOutOnTheBar() throws {
        for url in try themeFiles() {
            let name = url.deletingPathExtension().lastPathComponent
            let theme = try loadStrictly(name)
            for depth in ColorDepth.allCases {
                let line = theme.style(for: .alarmLine, depth: depth)
                let bar = theme.style(for: .bar, depth: depth)
                #expect(line != bar, "\(name) at \(depth)")
                if depth == .mono { continue }
                // Different colours, or, for themes without colour, an attribute the bar lacks.
                let distinctColour = line.foreground != bar.foreground || line.background != bar.background
                let distinctAttributes = !line.attributes.subtracting(bar.attributes).isEmpty
                #expect(distinctColour || distinctAttributes, "\(name) at \(depth)")
            }
            // By brightness as well as hue, for readers who cannot tell red from green.
            let lineStyle = try #require(theme.roles[.alarmLine])
            if let lineColour = lineStyle.foreground.rgb, let barColour = theme.roles[.bar]?.foreground.rgb,
               lineStyle.background.rgb == nil, !lineStyle.attributes.contains(.reverse) {
                #expect(contrast(lineColour, barColour) >= 1.5, "\(name): alarm_line against bar \(contrast(lineColour, barColour))")
            }
        }
    }

    @Test func monochromeStylesTellTheKeyRolesApart() throws {
        for url in try themeFiles() {
            let name = url.deletingPathExtension().lastPathComponent
            let theme = try loadStrictly(name)
            let mono = { (role: Role) in theme.style(for: role, depth: .mono) }
            #expect(mono(.alarm) != mono(.warn), "\(name)")
            #expect(mono(.warn) != mono(.text), "\(name)")
            #expect(mono(.selection) != mono(.text), "\(name)")
            #expect(mono(.stale) != mono(.text), "\(name)")
            #expect(mono(.header) != mono(.text), "\(name)")
        }
    }

    @Test func monoThemeHasNoColourAtAll() throws {
        let theme = try loadStrictly("mono")
        for role in Role.allCases {
            let style = try #require(theme.roles[role])
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "mono.\(role.rawValue)")
            // Without colour, the attributes on colour terminals are the same as on monochrome ones.
            #expect(style.attributes == style.monoAttributes, "mono.\(role.rawValue)")
        }
        #expect(theme.style(for: .alarm, depth: .truecolor) != theme.style(for: .warn, depth: .truecolor))
    }

    @Test func solarizedUsesTheRealPalette() throws {
        let theme = try loadStrictly("solarized-dark")
        let palette: Set<RGB> = [
            RGB(0x58, 0x6E, 0x75), RGB(0x65, 0x7B, 0x83), RGB(0x83, 0x94, 0x96), RGB(0x93, 0xA1, 0xA1),
            RGB(0xEE, 0xE8, 0xD5), RGB(0xFD, 0xF6, 0xE3), RGB(0x00, 0x2B, 0x36), RGB(0x07, 0x36, 0x42),
            RGB(0xB5, 0x89, 0x00), RGB(0xCB, 0x4B, 0x16), RGB(0xDC, 0x32, 0x2F), RGB(0xD3, 0x36, 0x82),
            RGB(0x6C, 0x71, 0xC4), RGB(0x26, 0x8B, 0xD2), RGB(0x2A, 0xA1, 0x98), RGB(0x85, 0x99, 0x00),
        ]
        for role in Role.allCases {
            let style = try #require(theme.roles[role])
            for colour in [style.foreground.rgb, style.background.rgb].compactMap({ $0 }) {
                #expect(palette.contains(colour), "solarized-dark.\(role.rawValue) uses \(colour)")
            }
            // Indexes where a Solarized terminal palette keeps its greys (8 is the background) are avoided.
            for index in [style.foreground.ansi16, style.background.ansi16].compactMap({ $0 }) {
                #expect(![0, 8, 10, 11, 12, 14].contains(index), "solarized-dark.\(role.rawValue) uses ANSI \(index)")
            }
        }
    }
}
