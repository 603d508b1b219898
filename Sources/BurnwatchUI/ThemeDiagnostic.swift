/// One problem found in a theme file, naming the file, the line and the key:
/// `Themes/light.toml:12: key "alarm.fg": "#ggg" is not a colour`.
public struct ThemeDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// The theme was still loaded; the offending key was ignored.
        case warning
        /// The theme cannot be used as written.
        case error
    }

    public let severity: Severity
    /// The file as the reader should see it; nil when the problem is not about a file (an unknown theme name).
    public let fileName: String?
    public let line: Int?
    /// Given for syntax errors, where it helps find the stray character.
    public let column: Int?
    /// The problem, starting with the key it is about where there is one.
    public let message: String

    public init(severity: Severity, fileName: String?, line: Int?, column: Int? = nil, message: String) {
        self.severity = severity
        self.fileName = fileName
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (fileName, line, column) {
        case (let file?, let line?, let column?): "\(file):\(line):\(column): \(message)"
        case (let file?, let line?, nil): "\(file):\(line): \(message)"
        case (let file?, nil, _): "\(file): \(message)"
        case (nil, _, _): message
        }
    }
}
