import BurnwatchCore

/// Why a theme could not be loaded. Carries every error found (not only the first), each naming
/// file, line and key, so one run of `burnwatch --theme x check` shows everything to fix.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case syntax
        case invalid
        case notFound(name: String)
        case unreadable
        case invalidName
    }

    private let code: Code
    /// The errors, in file order; never empty.
    public let diagnostics: [ThemeDiagnostic]

    private init(_ code: Code, _ diagnostics: [ThemeDiagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// The file is not valid TOML; `diagnostic` says where.
    static func syntax(_ diagnostic: ThemeDiagnostic) -> ThemeError { ThemeError(.syntax, [diagnostic]) }

    /// The file is TOML but not a valid theme.
    static func invalid(_ diagnostics: [ThemeDiagnostic]) -> ThemeError { ThemeError(.invalid, diagnostics) }

    /// No theme file of that name in any of the searched directories.
    public static func notFound(name: String, searched directories: [String]) -> ThemeError {
        let places = directories.isEmpty ? "no theme directories exist" : "looked in " + directories.joined(separator: ", ")
        return ThemeError(.notFound(name: name), [
            ThemeDiagnostic(severity: .error, fileName: nil, line: nil, message: "theme \"\(Sanitizer.clean(name))\" not found (\(places))"),
        ])
    }

    /// The file exists but could not be read (permissions, not UTF-8, a directory).
    public static func unreadable(fileName: String, reason: String) -> ThemeError {
        ThemeError(.unreadable, [
            ThemeDiagnostic(severity: .error, fileName: fileName, line: nil, message: "cannot read theme file: \(reason)"),
        ])
    }

    /// A theme name that could not be a file name in a themes directory (such as one with a `/`).
    public static func invalidName(_ name: String) -> ThemeError {
        ThemeError(.invalidName, [
            ThemeDiagnostic(
                severity: .error, fileName: nil, line: nil,
                message: "\"\(Sanitizer.clean(name))\" is not a theme name (letters, digits, '-', '_' and '.', not starting with '.')"
            ),
        ])
    }

    public var isNotFound: Bool {
        if case .notFound = code { return true }
        return false
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
