import Foundation

/// One value of a TOML document, with where it was written and the key path that leads to it.
public struct TOMLValue: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        /// Offset or local date-times, dates and times, kept as written (burnwatch reads none of them).
        case dateTime(String)
        /// A static array, or an array of tables built from `[[...]]` headers.
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public let content: Content
    /// Where the value starts; for tables from a `[header]`, where the header starts.
    public let position: TOMLPosition
    public let path: TOMLKeyPath
    /// The source text of a number, so that decimals can be read exactly (`1.1` is not a binary fraction).
    public let literal: String?

    public init(_ content: Content, position: TOMLPosition, path: TOMLKeyPath, literal: String? = nil) {
        self.content = content
        self.position = position
        self.path = path
        self.literal = literal
    }

    /// The value's type with its article, for messages: "a string", "an array of tables".
    public var typeDescription: String {
        switch content {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .dateTime: "a date-time"
        case .array(let elements):
            !elements.isEmpty && elements.allSatisfy { if case .table = $0.content { true } else { false } }
                ? "an array of tables" : "an array"
        case .table: "a table"
        }
    }

    // MARK: - Typed accessors

    public func string() throws(TOMLError) -> String {
        guard case .string(let value) = content else { throw .typeMismatch(expected: "a string", found: self) }
        return value
    }

    public func integer() throws(TOMLError) -> Int64 {
        guard case .integer(let value) = content else { throw .typeMismatch(expected: "an integer", found: self) }
        return value
    }

    /// A float; integers are accepted too, since `2` is a fine way to write `2.0`.
    public func float() throws(TOMLError) -> Double {
        switch content {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: throw .typeMismatch(expected: "a number", found: self)
        }
    }

    /// A number read exactly from its source text, for money-like values and ratios.
    public func decimal() throws(TOMLError) -> Decimal {
        switch content {
        case .integer(let value):
            return Decimal(value)
        case .float(let value):
            guard value.isFinite else { throw .invalidValue("expected a finite number", value: self) }
            let text = (literal ?? String(value)).replacingOccurrences(of: "_", with: "")
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw .invalidValue("number out of range", value: self)
            }
            return decimal
        default:
            throw .typeMismatch(expected: "a number", found: self)
        }
    }

    public func bool() throws(TOMLError) -> Bool {
        guard case .boolean(let value) = content else { throw .typeMismatch(expected: "a boolean", found: self) }
        return value
    }

    public func array() throws(TOMLError) -> [TOMLValue] {
        guard case .array(let value) = content else { throw .typeMismatch(expected: "an array", found: self) }
        return value
    }

    public func table() throws(TOMLError) -> TOMLTable {
        guard case .table(let value) = content else { throw .typeMismatch(expected: "a table", found: self) }
        return value
    }

    /// An array whose elements are all strings; the error names the first element that is not.
    public func stringArray() throws(TOMLError) -> [String] {
        guard case .array(let elements) = content else {
            throw .typeMismatch(expected: "an array of strings", found: self)
        }
        var strings: [String] = []
        for element in elements {
            strings.append(try element.string())
        }
        return strings
    }

    /// An array of tables, as `[[name]]` headers make (an array of inline tables is accepted too).
    public func tableArray() throws(TOMLError) -> [TOMLTable] {
        let name = path.lastKey.map(TOMLKeyPath.spell) ?? "name"
        guard case .array(let elements) = content else {
            throw .typeMismatch(expected: "an array of tables ([[\(name)]])", found: self)
        }
        var tables: [TOMLTable] = []
        for element in elements {
            tables.append(try element.table())
        }
        return tables
    }
}
