/// A problem with a TOML text: a syntax error from the parser, or a problem with one key's value
/// found by a typed accessor or by the caller's own validation. Every error has a position, and
/// errors about a key name the key's full path.
///
/// Messages never quote the text of a string value unless the caller puts it there, so a
/// malformed secret does not leak through an error.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case syntax
        case typeMismatch
        case unknownKey(suggestion: String?)
        case invalidValue
    }

    private let code: Code
    /// Where the problem starts.
    public let position: TOMLPosition
    /// The key the problem is about; nil for syntax errors.
    public let keyPath: TOMLKeyPath?
    /// What is wrong, without the position or the key.
    public let detail: String

    private init(_ code: Code, position: TOMLPosition, keyPath: TOMLKeyPath?, detail: String) {
        self.code = code
        self.position = position
        self.keyPath = keyPath
        self.detail = detail
    }

    public var line: Int { position.line }
    public var column: Int { position.column }

    public var isSyntaxError: Bool { code == .syntax }

    public var isUnknownKey: Bool {
        if case .unknownKey = code { return true }
        return false
    }

    /// For unknown keys: the allowed key that looks most like the one written, if any is close.
    public var suggestion: String? {
        if case .unknownKey(let suggestion) = code { return suggestion }
        return nil
    }

    /// The message with the key, without the position: `key "alarm.fg": expected a string, found an integer`.
    public var message: String {
        switch code {
        case .syntax:
            return detail
        case .unknownKey(let suggestion):
            let path = keyPath.map { "\"\($0)\"" } ?? "?"
            return suggestion.map { "unknown key \(path) (did you mean \"\($0)\"?)" } ?? "unknown key \(path)"
        case .typeMismatch, .invalidValue:
            guard let keyPath, !keyPath.isRoot else { return detail }
            return "key \"\(keyPath)\": \(detail)"
        }
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }

    /// The error as a compiler would print it: `file:line: message`, with the column for syntax errors
    /// (where it helps find the stray character) and without it for key errors (where the key says it).
    public func located(in fileName: String) -> String {
        isSyntaxError
            ? "\(fileName):\(line):\(column): \(message)"
            : "\(fileName):\(line): \(message)"
    }

    static func syntax(_ detail: String, at position: TOMLPosition) -> TOMLError {
        TOMLError(.syntax, position: position, keyPath: nil, detail: detail)
    }

    /// `value` is not of the expected type: "expected a string, found an integer".
    public static func typeMismatch(expected: String, found value: TOMLValue) -> TOMLError {
        TOMLError(
            .typeMismatch,
            position: value.position,
            keyPath: value.path,
            detail: "expected \(expected), found \(value.typeDescription)"
        )
    }

    /// `value` has the right type but is not acceptable; `detail` says why (and should not quote secrets).
    public static func invalidValue(_ detail: String, value: TOMLValue) -> TOMLError {
        TOMLError(.invalidValue, position: value.position, keyPath: value.path, detail: detail)
    }

    /// A problem with a key itself (its spelling or shape), at the key's position.
    public static func invalidKey(_ detail: String, entry: TOMLTable.Entry) -> TOMLError {
        TOMLError(.invalidValue, position: entry.keyPosition, keyPath: entry.value.path, detail: detail)
    }

    /// A problem about a table as a whole, such as a missing required key, at the table's header.
    public static func invalidTable(_ detail: String, table: TOMLTable) -> TOMLError {
        TOMLError(.invalidValue, position: table.position, keyPath: table.path, detail: detail)
    }

    /// A key the schema does not know, at the key's position, with an optional "did you mean".
    public static func unknownKey(_ entry: TOMLTable.Entry, suggestion: String?) -> TOMLError {
        TOMLError(.unknownKey(suggestion: suggestion), position: entry.keyPosition, keyPath: entry.value.path, detail: "unknown key")
    }
}
