import BurnwatchUI
import Testing

/// A theme text with every role (as an empty table) except `omitted`: `name`, then `preamble`, then the roles, then `extra`.
private func themeText(name: String? = nil, preamble: String = "", omitting omitted: Set<Role> = [], _ extra: String = "") -> String {
    var lines: [String] = []
    if let name { lines.append("name = \"\(name)\"") }
    if !preamble.isEmpty { lines.append(preamble) }
    for role in Role.allCases where !omitted.contains(role) {
        lines.append("[\(role.rawValue)]")
    }
    return lines.joined(separator: "\n") + "\n" + extra
}

private func errors(_ text: String, fileName: String = "Themes/t.toml", strict: Bool = true) -> [ThemeDiagnostic] {
    do {
        _ = try ThemeParser.parse(text, fileName: fileName, strict: strict)
        Issue.record("expected the theme to be rejected")
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite struct ThemeParserValueTests {
    @Test func colourForms() throws {
        let text = """
            [text]
            fg = "#D0d0d0"
            bg = "#123"
            [muted]
            fg = 203
            [header]
            fg = "bright-red"
            bg = "Bright_Blue"
            [title]
            fg = "default"
            [border]
            fg = 3
            """
        let (theme, warnings) = try ThemeParser.parse(text, fileName: "x.toml", strict: false)
        #expect(warnings.isEmpty)
        #expect(theme.roles[.text]?.foreground == ThemeColor(rgb: RGB(0xD0, 0xD0, 0xD0)))
        #expect(theme.roles[.text]?.background == ThemeColor(rgb: RGB(0x11, 0x22, 0x33)))
        // xterm 203 is cube (5, 1, 1): 255, 95, 95.
        #expect(theme.roles[.muted]?.foreground == ThemeColor(rgb: RGB(255, 95, 95), index256: 203, ansi16: nil))
        // ANSI names carry xterm's RGB for the truecolor step and their own index below it.
        #expect(theme.roles[.header]?.foreground == ThemeColor(rgb: RGB(255, 0, 0), index256: 9, ansi16: 9))
        #expect(theme.roles[.header]?.background == ThemeColor(rgb: RGB(92, 92, 255), index256: 12, ansi16: 12))
        #expect(theme.roles[.title]?.foreground == .terminalDefault)
        #expect(theme.roles[.border]?.foreground == ThemeColor(rgb: RGB(205, 205, 0), index256: 3, ansi16: 3))
    }

    @Test func explicitFallbacksAndAttributes() throws {
        let text = """
            [alarm]
            fg = "#ff5f5f"
            fg256 = 196
            fg16 = "bright-red"
            bg = "#000000"
            bg16 = 0
            attrs = ["bold", "underline"]
            mono = ["reverse", "BOLD"]
            """
        let (theme, _) = try ThemeParser.parse(text, fileName: "x.toml", strict: false)
        let alarm = try #require(theme.roles[.alarm])
        #expect(alarm.foreground == ThemeColor(rgb: RGB(255, 95, 95), index256: 196, ansi16: 9))
        #expect(alarm.background == ThemeColor(rgb: RGB(0, 0, 0), index256: nil, ansi16: 0))
        #expect(alarm.attributes == [.bold, .underline])
        #expect(alarm.monoAttributes == [.reverse, .bold])
        #expect(theme.style(for: .alarm, depth: .indexed256) == Style(foreground: .indexed(196), background: .indexed(16), attributes: [.bold, .underline]))
        #expect(theme.style(for: .alarm, depth: .mono) == Style(attributes: [.reverse, .bold]))
    }

    @Test func nameComesFromTheFileUnlessSet() throws {
        let (fromFile, _) = try ThemeParser.parse(themeText(), fileName: "/x/Themes/ocean.toml", strict: true)
        #expect(fromFile.name == "ocean")
        let (fromKey, _) = try ThemeParser.parse(themeText(name: "ocean"), fileName: "ocean.toml", strict: true)
        #expect(fromKey.name == "ocean")
        #expect(ThemeParser.themeName(fromFileName: "a/b/high-contrast.toml") == "high-contrast")
    }

    @Test func forgivingModeFillsMissingRolesFromTheBuiltInTheme() throws {
        let (theme, warnings) = try ThemeParser.parse("[text]\nfg = \"#ffffff\"\n", fileName: "t.toml", strict: false)
        #expect(warnings.isEmpty)
        #expect(Set(theme.roles.keys) == Set(Role.allCases))
        #expect(theme.roles[.alarm] == Theme.builtIn.roles[.alarm])
        #expect(theme.roles[.text]?.foreground.rgb == RGB(255, 255, 255))
    }

    @Test func forgivingModeWarnsAboutUnknownKeysAndRolesAndIgnoresThem() throws {
        let text = """
            colour = "x"
            [alram]
            fg = "#ff0000"
            [warn]
            fg = "#ffd75f"
            fgg = "#000000"
            attrs = ["bold", "blink"]
            """
        let (theme, warnings) = try ThemeParser.parse(text, fileName: "Themes/t.toml", strict: false)
        #expect(warnings.map(\.description) == [
            #"Themes/t.toml:1: unknown key "colour""#,
            #"Themes/t.toml:2: unknown key "alram" (did you mean "alarm"?)"#,
            #"Themes/t.toml:6: unknown key "warn.fgg" (did you mean "fg"?)"#,
            #"Themes/t.toml:7: key "warn.attrs[1]": "blink" is not an attribute (use bold, dim, reverse, underline)"#,
        ])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(theme.roles[.warn]?.attributes == [.bold])
        #expect(theme.roles[.alarm] == Theme.builtIn.roles[.alarm])
    }
}

@Suite struct ThemeParserErrorTests {
    @Test func badColourNamesFileLineAndKey() {
        let text = themeText(omitting: [.alarm], """
            [alarm]
            fg = "#ggg"
            """)
        let found = errors(text, fileName: "Themes/light.toml")
        #expect(found.count == 1)
        #expect(found.first?.line == Role.allCases.count + 1)
        #expect(found.first?.description == "Themes/light.toml:\(Role.allCases.count + 1): key \"alarm.fg\": \"#ggg\" is not a colour (use \"#rrggbb\", \"#rgb\", 0-255, an ANSI name such as \"bright-red\", or \"default\")")
        #expect(found.first?.severity == .error)
    }

    @Test func badValuesAreErrorsEvenWhenForgivingAndAllAreReported() {
        let text = """
            [text]
            fg = "#12345"
            fg256 = 300
            [muted]
            fg = "#101010"
            fg16 = "purple"
            bg = true
            [ok]
            attrs = "bold"
            mono = [1]
            """
        let found = errors(text, fileName: "t.toml", strict: false)
        #expect(found.map(\.description) == [
            ##"t.toml:2: key "text.fg": "#12345" is not a colour (use "#rrggbb", "#rgb", 0-255, an ANSI name such as "bright-red", or "default")"##,
            #"t.toml:3: key "text.fg256": 300 is out of range (expected an xterm colour number 0-255)"#,
            #"t.toml:6: key "muted.fg16": "purple" is not an ANSI colour name (such as "red" or "bright-red")"#,
            ##"t.toml:7: key "muted.bg": expected a colour string such as "#ff5f5f" or a number 0-255, found a boolean"##,
            #"t.toml:9: key "ok.attrs": expected an array, found a string"#,
            #"t.toml:10: key "ok.mono[0]": expected a string, found an integer"#,
        ])
    }

    @Test func strictModeRejectsUnknownKeysMissingRolesAndDeadFallbacks() {
        let text = themeText(preamble: "size = 3", omitting: [.spark, .bar, .key], """
            [stale2]
            [key]
            fg256 = 12
            """)
        let found = errors(text, fileName: "t.toml")
        let lines = Role.allCases.count - 3 + 1
        #expect(found.map(\.description) == [
            #"t.toml:1: unknown key "size""#,
            "t.toml:\(lines + 1): unknown key \"stale2\" (did you mean \"stale\"?)",
            "t.toml:\(lines + 3): key \"key.fg256\": has no effect while fg is the terminal's default colour",
            "t.toml: missing roles [spark], [bar] (a theme sets every role)",
        ])
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test func roleThatIsNotATable() {
        let found = errors(themeText(preamble: "ok = \"#00ff00\"", omitting: [.ok]))
        #expect(found.map(\.message) == [#"key "ok": expected a table, found a string"#])
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        let found = errors("[text]\nfg = #fff\n", fileName: "Themes/x.toml", strict: false)
        #expect(found.map(\.description) == [
            ##"Themes/x.toml:2:6: expected a value ('#' starts a comment here; write colours in quotes: "#rrggbb")"##,
        ])
    }

    @Test func nameThatDisagreesWithTheFile() throws {
        let found = errors(themeText(name: "sea"), fileName: "Themes/ocean.toml")
        #expect(found.map(\.description) == [#"Themes/ocean.toml:1: key "name": "sea" differs from the file name "ocean.toml""#])
        let (_, warnings) = try ThemeParser.parse(themeText(name: "sea"), fileName: "Themes/ocean.toml", strict: false)
        #expect(warnings.count == 1)
    }

    @Test func fullwidthDigitsAreNotHex() {
        #expect(errors(themeText(omitting: [.text], "[text]\nfg = \"#１２３\"\n")).count == 1)
    }

    @Test func valuesQuotedInMessagesAreCleanedAndShort() {
        let long = String(repeating: "x", count: 100)
        let found = errors(themeText(omitting: [.text], "[text]\nfg = \"\\u001b[31m\(long)\"\n"))
        let message = found.first?.message ?? ""
        #expect(!message.contains("\u{1B}"))
        #expect(!message.contains(long))
    }
}
