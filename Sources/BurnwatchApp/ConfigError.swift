/// Why a config file could not be used. Carries every problem found, not only the first, so one
/// run of `burnwatch check` shows everything to fix.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case fileNotFound
        case unreadable
        case syntax
        case invalid
    }

    private let code: Code
    /// The errors, in file order; never empty.
    public let diagnostics: [ConfigDiagnostic]

    private init(_ code: Code, _ diagnostics: [ConfigDiagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// An explicitly named config file (`--config PATH`) does not exist.
    public static func fileNotFound(path: String) -> ConfigError {
        ConfigError(.fileNotFound, [ConfigDiagnostic(severity: .error, file: path, line: nil, message: "config file not found")])
    }

    public static func unreadable(path: String, reason: String) -> ConfigError {
        ConfigError(.unreadable, [ConfigDiagnostic(severity: .error, file: path, line: nil, message: "cannot read config file: \(reason)")])
    }

    static func syntax(_ diagnostic: ConfigDiagnostic) -> ConfigError { ConfigError(.syntax, [diagnostic]) }

    static func invalid(_ diagnostics: [ConfigDiagnostic]) -> ConfigError { ConfigError(.invalid, diagnostics) }

    public var isFileNotFound: Bool { code == .fileNotFound }
    public var isSyntaxError: Bool { code == .syntax }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
