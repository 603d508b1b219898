import BurnwatchCore
import BurnwatchUI
import Foundation

/// Finds theme files and loads them. Searches, in order: `--themes-dir`,
/// `$XDG_CONFIG_HOME/burnwatch/themes` (or `~/.config/burnwatch/themes`),
/// `<executable dir>/../share/burnwatch/themes`, then the repository's `Themes/` (for `swift run`
/// and tests). The first directory holding `<name>.toml` wins. The built-in default theme is
/// always available, file or no file.
public struct ThemeCatalog: Sendable {
    /// A theme ready to use, and what was wrong on the way to it.
    public struct Loaded: Sendable {
        public var theme: Theme
        /// Warnings from a theme that loaded, or the errors that made it fall back to the built-in default.
        public var diagnostics: [ThemeDiagnostic]
        /// The file the theme came from; nil for the built-in default.
        public var path: String?
    }

    /// The directories searched, in order, without duplicates (some may not exist).
    public let searchDirectories: [String]
    private let fileSystem: any ConfigFileSystem

    /// - Parameters:
    ///   - themesDirectory: `--themes-dir`, if given.
    ///   - environment: the process environment (`XDG_CONFIG_HOME`, `HOME`).
    ///   - homeDirectory: the home directory; nil: `$HOME`, else the account's.
    ///   - executablePath: the running binary, for the installed `share/burnwatch/themes`; nil to skip.
    ///   - repositoryThemesDirectory: the source tree's `Themes/`; nil to skip.
    ///   - fileSystem: where files are read from.
    public init(
        themesDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil,
        executablePath: String? = ThemeCatalog.currentExecutablePath(),
        repositoryThemesDirectory: String? = ThemeCatalog.repositoryThemesDirectory,
        fileSystem: any ConfigFileSystem = LocalConfigFileSystem()
    ) {
        let home = homeDirectory ?? ConfigPaths.homeDirectory(environment: environment)
        var directories: [String] = []
        if let themesDirectory { directories.append(ConfigPaths.expandingTilde(themesDirectory, homeDirectory: home)) }
        directories.append(ConfigPaths.join(ConfigPaths.burnwatchConfigDirectory(environment: environment, homeDirectory: home), "themes"))
        if let executablePath {
            let bin = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            directories.append(bin.appendingPathComponent("../share/burnwatch/themes").standardizedFileURL.path)
        }
        if let repositoryThemesDirectory { directories.append(repositoryThemesDirectory) }
        var seen: Set<String> = []
        searchDirectories = directories.filter { seen.insert($0).inserted }
        self.fileSystem = fileSystem
    }

    /// `Themes/` at the root of the source tree this file was compiled from.
    public static let repositoryThemesDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // BurnwatchApp
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("Themes").path

    /// The running binary, symlinks resolved (so `/usr/local/bin/burnwatch` → its real prefix).
    public static func currentExecutablePath() -> String? {
        Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// Letters, digits, `-`, `_` and `.`, not starting with `.`, at most 64 characters: a plain file name.
    public static func isValidThemeName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
            default: false
            }
        }
    }

    /// Every theme name on offer: "default" first, then the rest sorted.
    public func availableThemeNames() -> [String] {
        var names: Set<String> = []
        for directory in searchDirectories {
            for file in fileSystem.contentsOfDirectory(atPath: directory) ?? [] where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                if ThemeCatalog.isValidThemeName(name) { names.insert(name) }
            }
        }
        names.remove("default")
        return ["default"] + names.sorted()
    }

    /// The file that `name` loads from, if any directory holds one.
    public func path(ofTheme name: String) -> String? {
        guard ThemeCatalog.isValidThemeName(name) else { return nil }
        for directory in searchDirectories {
            let candidate = ConfigPaths.join(directory, name + ".toml")
            if fileSystem.contentsOfDirectory(atPath: directory)?.contains(name + ".toml") == true {
                return candidate
            }
        }
        return nil
    }

    /// Loads a theme, throwing on any problem: for `--theme` validation and `burnwatch check`.
    /// - Parameters:
    ///   - name: the theme's name (its file name without `.toml`).
    ///   - strict: whether unknown keys and missing roles are errors.
    /// - Returns: the theme and its warnings (none when strict).
    public func theme(named name: String, strict: Bool) throws(ThemeError) -> (Theme, [ThemeDiagnostic]) {
        guard ThemeCatalog.isValidThemeName(name) else { throw .invalidName(name) }
        guard let path = path(ofTheme: name) else {
            if name == "default" { return (Theme.builtIn, []) }
            let existing = searchDirectories.filter { fileSystem.contentsOfDirectory(atPath: $0) != nil }
            throw .notFound(name: name, searched: existing)
        }
        let text: String?
        do {
            text = try fileSystem.readTextFile(atPath: path)
        } catch {
            throw .unreadable(fileName: path, reason: String(describing: error))
        }
        guard let text else { throw .unreadable(fileName: path, reason: "the file disappeared") }
        return try ThemeParser.parse(text, fileName: path, strict: strict)
    }

    /// Loads a theme for the dashboard, which must not die over a theme: on any problem the result
    /// is the built-in default, with diagnostics naming file, line and key.
    public func loadTheme(named name: String) -> Loaded {
        do {
            let (theme, warnings) = try theme(named: name, strict: false)
            return Loaded(theme: theme, diagnostics: warnings, path: path(ofTheme: name))
        } catch {
            let fallback = ThemeDiagnostic(
                severity: .warning, fileName: nil, line: nil,
                message: "using the built-in default theme instead of \"\(Sanitizer.clean(String(name.prefix(64))))\""
            )
            return Loaded(theme: Theme.builtIn, diagnostics: error.diagnostics + [fallback], path: nil)
        }
    }
}
