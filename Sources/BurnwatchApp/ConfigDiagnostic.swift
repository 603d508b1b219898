/// One problem with a config file, naming the file, the line and the key:
/// `/home/x/.config/burnwatch/config.toml:7: unknown key "refesh" (did you mean "refresh"?)`.
/// Messages never contain the value of a secret.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case warning
        case error
    }

    public let severity: Severity
    public let file: String
    /// Nil for problems with the file as a whole (missing, unreadable, permissions).
    public let line: Int?
    /// Given for syntax errors only, where it helps find the stray character.
    public let column: Int?
    public let message: String

    public init(severity: Severity, file: String, line: Int?, column: Int? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "\(file):\(line):\(column): \(message)"
        case (let line?, nil): "\(file):\(line): \(message)"
        case (nil, _): "\(file): \(message)"
        }
    }
}
