import BurnwatchApp
import BurnwatchUI
import Foundation
import Testing

/// A complete, valid theme file: every role, with one colour changed so it is told apart from the default.
private func validTheme(textColour: String = "#123456") -> String {
    Role.allCases.map { role in
        role == .text ? "[text]\nfg = \"\(textColour)\"" : "[\(role.rawValue)]"
    }.joined(separator: "\n") + "\n"
}

private let environment = ["HOME": "/home/x", "XDG_CONFIG_HOME": "/xdg"]

private func catalog(_ files: [String: String], themesDirectory: String? = nil, repository: String? = "/repo/Themes") -> ThemeCatalog {
    ThemeCatalog(
        themesDirectory: themesDirectory,
        environment: environment,
        executablePath: "/opt/burnwatch/bin/burnwatch",
        repositoryThemesDirectory: repository,
        fileSystem: FakeFileSystem(files: files)
    )
}

@Suite struct ThemeCatalogSearchTests {
    @Test func searchOrder() {
        let withFlag = catalog([:], themesDirectory: "~/my-themes")
        #expect(withFlag.searchDirectories == [
            "/home/x/my-themes",
            "/xdg/burnwatch/themes",
            "/opt/burnwatch/share/burnwatch/themes",
            "/repo/Themes",
        ])
        let plain = ThemeCatalog(environment: ["HOME": "/home/x"], executablePath: nil, repositoryThemesDirectory: nil, fileSystem: FakeFileSystem())
        #expect(plain.searchDirectories == ["/home/x/.config/burnwatch/themes"])
    }

    @Test func namesListDefaultFirstThenSortedWithoutDuplicates() {
        let names = catalog([
            "/repo/Themes/default.toml": "",
            "/repo/Themes/light.toml": "",
            "/repo/Themes/mono.toml": "",
            "/xdg/burnwatch/themes/light.toml": "",
            "/xdg/burnwatch/themes/aurora.toml": "",
            "/xdg/burnwatch/themes/notes.txt": "",
            "/xdg/burnwatch/themes/.hidden.toml": "",
        ]).availableThemeNames()
        #expect(names == ["default", "aurora", "light", "mono"])
    }

    @Test func theBuiltInDefaultIsAvailableWithNoFilesAtAll() {
        let empty = catalog([:], repository: nil)
        #expect(empty.availableThemeNames() == ["default"])
        let loaded = empty.loadTheme(named: "default")
        #expect(loaded.theme == Theme.builtIn)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.path == nil)
    }

    @Test func theFirstDirectoryHoldingTheNameWins() throws {
        let themes = catalog([
            "/repo/Themes/light.toml": validTheme(textColour: "#111111"),
            "/xdg/burnwatch/themes/light.toml": validTheme(textColour: "#222222"),
            "/home/x/t/light.toml": validTheme(textColour: "#333333"),
        ], themesDirectory: "/home/x/t")
        let loaded = themes.loadTheme(named: "light")
        #expect(loaded.path == "/home/x/t/light.toml")
        #expect(loaded.theme.roles[.text]?.foreground.rgb == RGB(0x33, 0x33, 0x33))
        #expect(loaded.theme.name == "light")

        let withoutFlag = catalog([
            "/repo/Themes/light.toml": validTheme(textColour: "#111111"),
            "/xdg/burnwatch/themes/light.toml": validTheme(textColour: "#222222"),
        ])
        #expect(withoutFlag.loadTheme(named: "light").theme.roles[.text]?.foreground.rgb == RGB(0x22, 0x22, 0x22))
    }
}

@Suite struct ThemeCatalogFailureTests {
    @Test func brokenThemeFallsBackToTheBuiltInDefaultNamingFileLineAndKey() {
        let path = "/xdg/burnwatch/themes/broken.toml"
        let text = validTheme().replacingOccurrences(of: "[alarm]\n", with: "[alarm]\nfg = \"#ggg\"\n")
        let line = Role.allCases.firstIndex(of: .alarm)! + 3
        let loaded = catalog([path: text]).loadTheme(named: "broken")
        #expect(loaded.theme == Theme.builtIn)
        #expect(loaded.path == nil)
        #expect(loaded.diagnostics.map(\.description) == [
            "\(path):\(line): key \"alarm.fg\": \"#ggg\" is not a colour (use \"#rrggbb\", \"#rgb\", 0-255, an ANSI name such as \"bright-red\", or \"default\")",
            "using the built-in default theme instead of \"broken\"",
        ])
    }

    @Test func syntaxErrorFallsBackToo() {
        let path = "/repo/Themes/oops.toml"
        let loaded = catalog([path: "[text]\nfg = \"#fff\n"]).loadTheme(named: "oops")
        #expect(loaded.theme == Theme.builtIn)
        #expect(loaded.diagnostics.first?.description == "\(path):2:6: string is not closed on its line")
    }

    @Test func unknownAndInvalidNamesFallBack() {
        let themes = catalog(["/repo/Themes/light.toml": validTheme()])
        let unknown = themes.loadTheme(named: "nord")
        #expect(unknown.theme == Theme.builtIn)
        #expect(unknown.diagnostics.first?.description == "theme \"nord\" not found (looked in /repo/Themes)")

        let sneaky = themes.loadTheme(named: "../../etc/passwd")
        #expect(sneaky.theme == Theme.builtIn)
        #expect(sneaky.diagnostics.first?.message.hasPrefix("\"../../etc/passwd\" is not a theme name") == true)
        #expect(themes.path(ofTheme: "../Themes/light") == nil)
    }

    @Test func unreadableThemeFallsBack() {
        let path = "/repo/Themes/locked.toml"
        let themes = ThemeCatalog(
            environment: environment, executablePath: nil, repositoryThemesDirectory: "/repo/Themes",
            fileSystem: FakeFileSystem(files: [path: ""], unreadable: [path])
        )
        let loaded = themes.loadTheme(named: "locked")
        #expect(loaded.theme == Theme.builtIn)
        #expect(loaded.diagnostics.first?.description == "\(path): cannot read theme file: permission denied")
    }

    @Test func forgivingLoadWarnsWhileStrictValidationFails() throws {
        let path = "/repo/Themes/extra.toml"
        let themes = catalog([path: "colour = 1\n" + validTheme()])
        let loaded = themes.loadTheme(named: "extra")
        #expect(loaded.path == path)
        #expect(loaded.theme.roles[.text]?.foreground.rgb == RGB(0x12, 0x34, 0x56))
        #expect(loaded.diagnostics.map(\.description) == ["\(path):1: unknown key \"colour\""])
        #expect(loaded.diagnostics.first?.severity == .warning)

        #expect(throws: ThemeError.self) { try themes.theme(named: "extra", strict: true) }
        #expect(try themes.theme(named: "extra", strict: false).1.count == 1)
    }
}

@Suite struct ThemeCatalogRepositoryTests {
    @Test func theRepositoryThemesAreFoundFromTheSourceTree() throws {
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: ThemeCatalog.repositoryThemesDirectory, isDirectory: &isDirectory) && isDirectory.boolValue)
        let themes = ThemeCatalog(
            environment: ["HOME": "/nonexistent-home"], executablePath: nil
        )
        let names = themes.availableThemeNames()
        #expect(names.first == "default")
        for name in ["light", "high-contrast", "solarized-dark", "mono"] {
            #expect(names.contains(name))
        }
        for name in names {
            let (theme, warnings) = try themes.theme(named: name, strict: true)
            #expect(warnings.isEmpty)
            #expect(theme.name == name)
        }
        #expect(try themes.theme(named: "default", strict: true).0 == Theme.builtIn)
    }
}
