/// A parsed TOML text: the root table, every key and value with the line and column it was written at.
///
/// Covers TOML 1.0: comments; bare, quoted and dotted keys; basic, literal and multi-line strings;
/// integers (decimal with `_`, hex, octal, binary); floats (with `inf` and `nan`); booleans;
/// date-times (kept as text); arrays; inline tables; `[table]` and `[[array.of.tables]]` headers.
/// Duplicate keys and redefined tables are errors.
public struct TOMLDocument: Sendable, Hashable {
    public let root: TOMLTable

    /// Parses `text`; the first syntax error stops parsing and is thrown with its line and column.
    public init(parsing text: String) throws(TOMLError) {
        var parser = TOMLParser(text)
        root = try parser.parseDocument()
    }

    public subscript(key: String) -> TOMLValue? { root[key] }
}
