/// The recursive-descent parser behind `TOMLDocument`. It builds a mutable tree of table nodes
/// (so headers can reopen tables and arrays of tables can grow), then freezes it into values.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private let root: TableNode
    private var current: TableNode
    /// How deep arrays and inline tables are nested here; bounded so that hostile input cannot
    /// exhaust the stack (no real config nests more than a few levels).
    private var depth = 0
    static let maximumDepth = 64

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        root = TableNode(origin: .header, position: TOMLPosition(line: 1, column: 1), path: .root)
        current = root
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while true {
            skipWhitespace()
            guard let scalar = peek() else { break }
            switch scalar {
            case "#", "\n", "\r":
                break
            case "[":
                try parseHeader()
            default:
                try parseKeyValue(into: current)
            }
            try finishLine()
        }
        return root.freeze()
    }

    // MARK: - Reading scalars

    private var position: TOMLPosition { TOMLPosition(line: line, column: index - lineStart + 1) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let at = index + offset
        return at < scalars.count ? scalars[at] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private func lookingAt(_ text: String) -> Bool {
        var offset = 0
        for scalar in text.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek() == scalar else { return false }
        advance()
        return true
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" {
            advance()
        }
    }

    /// Skips a comment if one starts here. Control characters other than tab are not allowed in it.
    private mutating func skipComment() throws(TOMLError) {
        guard peek() == "#" else { return }
        while let scalar = peek(), scalar != "\n", !(scalar == "\r" && peek(1) == "\n") {
            if TOMLParser.isForbiddenControl(scalar) {
                throw .syntax("control character in a comment", at: position)
            }
            advance()
        }
    }

    /// Consumes a line ending (LF or CRLF) if one is here; a lone CR is an error.
    private mutating func consumeNewline() throws(TOMLError) -> Bool {
        if peek() == "\n" {
            advance()
            return true
        }
        if peek() == "\r" {
            guard peek(1) == "\n" else { throw .syntax("carriage return without a line feed", at: position) }
            advance()
            advance()
            return true
        }
        return false
    }

    /// After a key/value pair or a header only whitespace and a comment may follow on the line.
    private mutating func finishLine() throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        if peek() == nil { return }
        guard try consumeNewline() else {
            throw .syntax("unexpected text after the end of a value or header; each key goes on its own line", at: position)
        }
    }

    /// Whitespace, comments and line endings, as allowed between array elements.
    private mutating func skipBlank() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            guard try consumeNewline() else { return }
        }
    }

    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    // MARK: - Keys

    private struct KeyPart {
        let name: String
        let position: TOMLPosition
    }

    /// A possibly dotted key: `a`, `"a b"`, `'x'`, `a . "b" . c`. Leaves the scanner after trailing whitespace.
    private mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        repeat {
            skipWhitespace()
            let start = position
            switch peek() {
            case "\"":
                if lookingAt("\"\"\"") { throw .syntax("a key cannot be a multi-line string", at: start) }
                parts.append(KeyPart(name: try parseBasicString(), position: start))
            case "'":
                if lookingAt("'''") { throw .syntax("a key cannot be a multi-line string", at: start) }
                parts.append(KeyPart(name: try parseLiteralString(), position: start))
            case let scalar? where TOMLKeyPath.isBareKeyScalar(scalar):
                var name = String.UnicodeScalarView()
                while let next = peek(), TOMLKeyPath.isBareKeyScalar(next) {
                    name.append(next)
                    advance()
                }
                parts.append(KeyPart(name: String(name), position: start))
            default:
                throw .syntax("expected a key (letters, digits, '_' and '-', or a quoted key)", at: start)
            }
            skipWhitespace()
        } while consume(".")
        return parts
    }

    // MARK: - Key/value pairs and headers

    private mutating func parseKeyValue(into table: TableNode) throws(TOMLError) {
        let parts = try parseKey()
        guard consume("=") else { throw .syntax("expected '=' after the key", at: position) }
        skipWhitespace()
        var target = table
        for part in parts.dropLast() {
            target = try descendForDottedKey(from: target, part)
        }
        guard let last = parts.last else { throw .syntax("expected a key", at: position) }
        if let existing = target.entry(last.name) {
            throw .syntax(
                "key \"\(target.path.appending(last.name))\" is defined twice (first at line \(existing.keyPosition.line))",
                at: last.position
            )
        }
        let value = try parseValue(path: target.path.appending(last.name))
        target.insert(last.name, at: last.position, .value(value))
    }

    /// The table a dotted key's prefix names, creating it if needed. Dotted keys may only extend
    /// tables that dotted keys created: tables from headers and inline tables are closed to them.
    private func descendForDottedKey(from table: TableNode, _ part: KeyPart) throws(TOMLError) -> TableNode {
        let path = table.path.appending(part.name)
        guard let existing = table.entry(part.name) else {
            let node = TableNode(origin: .dotted, position: part.position, path: path)
            table.insert(part.name, at: part.position, .table(node))
            return node
        }
        let firstLine = existing.keyPosition.line
        switch existing.slot {
        case .table(let node) where node.origin == .dotted:
            return node
        case .table:
            throw .syntax("table \"\(path)\" is defined at line \(firstLine); dotted keys cannot add to it from here", at: part.position)
        case .tableArray:
            throw .syntax("\"\(path)\" is an array of tables (line \(firstLine)); dotted keys cannot add to it", at: part.position)
        case .value(let value):
            if case .table = value.content {
                throw .syntax("inline table \"\(path)\" (line \(firstLine)) cannot be extended", at: part.position)
            }
            throw .syntax("key \"\(path)\" already holds a value (line \(firstLine))", at: part.position)
        }
    }

    private mutating func parseHeader() throws(TOMLError) {
        let start = position
        advance()
        let isArray = consume("[")
        let parts = try parseKey()
        guard consume("]") else { throw .syntax(isArray ? "expected ']]' to close the header" : "expected ']' to close the header", at: position) }
        if isArray, !consume("]") { throw .syntax("expected ']]' to close the header", at: position) }
        guard let last = parts.last else { throw .syntax("expected a key", at: position) }

        var node = root
        for part in parts.dropLast() {
            node = try descendForHeader(from: node, part)
        }
        let path = node.path.appending(last.name)
        let existing = node.entry(last.name)
        let firstLine = existing?.keyPosition.line ?? 0

        if isArray {
            switch existing?.slot {
            case nil:
                let array = TableArrayNode(position: start, path: path)
                node.insert(last.name, at: last.position, .tableArray(array))
                current = array.appendElement(at: start)
            case .tableArray(let array)?:
                current = array.appendElement(at: start)
            case .table?:
                throw .syntax("\"\(path)\" is already a table (line \(firstLine)); it cannot become an array of tables", at: last.position)
            case .value?:
                throw .syntax("key \"\(path)\" already holds a value (line \(firstLine)); [[\(path)]] cannot add to it", at: last.position)
            }
            return
        }

        switch existing?.slot {
        case nil:
            let table = TableNode(origin: .header, position: start, path: path)
            node.insert(last.name, at: last.position, .table(table))
            current = table
        case .table(let table)? where table.origin == .implicit:
            // Created as the parent of an earlier header; this header now defines it.
            table.origin = .header
            table.position = start
            current = table
        case .table(let table)? where table.origin == .dotted:
            throw .syntax("table \"\(path)\" is already defined by dotted keys at line \(firstLine)", at: start)
        case .table(let table)?:
            throw .syntax("table [\(path)] is defined twice (first at line \(table.position.line))", at: start)
        case .tableArray?:
            throw .syntax("\"\(path)\" is an array of tables (line \(firstLine)); use [[\(path)]] to add an element", at: start)
        case .value?:
            throw .syntax("key \"\(path)\" already holds a value (line \(firstLine))", at: start)
        }
    }

    /// The table a header's prefix names: an existing table, the last element of an array of
    /// tables, or a new implicit table.
    private func descendForHeader(from table: TableNode, _ part: KeyPart) throws(TOMLError) -> TableNode {
        let path = table.path.appending(part.name)
        guard let existing = table.entry(part.name) else {
            let node = TableNode(origin: .implicit, position: part.position, path: path)
            table.insert(part.name, at: part.position, .table(node))
            return node
        }
        switch existing.slot {
        case .table(let node):
            return node
        case .tableArray(let array):
            return array.lastElement
        case .value(let value):
            if case .table = value.content {
                throw .syntax("inline table \"\(path)\" (line \(existing.keyPosition.line)) cannot be extended", at: part.position)
            }
            throw .syntax("key \"\(path)\" already holds a value (line \(existing.keyPosition.line))", at: part.position)
        }
    }

    // MARK: - Values

    private mutating func parseValue(path: TOMLKeyPath) throws(TOMLError) -> TOMLValue {
        let start = position
        switch peek() {
        case nil, "\n", "\r":
            throw .syntax("expected a value", at: start)
        case "#":
            throw .syntax("expected a value ('#' starts a comment here; write colours in quotes: \"#rrggbb\")", at: start)
        case "\"":
            let text = lookingAt("\"\"\"") ? try parseMultilineBasicString() : try parseBasicString()
            return TOMLValue(.string(text), position: start, path: path)
        case "'":
            let text = lookingAt("'''") ? try parseMultilineLiteralString() : try parseLiteralString()
            return TOMLValue(.string(text), position: start, path: path)
        case "[", "{":
            guard depth < TOMLParser.maximumDepth else {
                throw .syntax("arrays and inline tables nest more than \(TOMLParser.maximumDepth) deep", at: start)
            }
            depth += 1
            defer { depth -= 1 }
            return peek() == "[" ? try parseArray(path: path) : try parseInlineTable(path: path)
        case "t" where lookingAt("true"), "f" where lookingAt("false"):
            let isTrue = peek() == "t"
            for _ in 0..<(isTrue ? 4 : 5) { advance() }
            if let next = peek(), TOMLKeyPath.isBareKeyScalar(next) {
                throw .syntax("expected a value (strings need quotes)", at: start)
            }
            return TOMLValue(.boolean(isTrue), position: start, path: path)
        case let scalar?:
            if TOMLParser.isDigit(scalar) || scalar == "+" || scalar == "-" || scalar == "i" || scalar == "n" {
                return try parseNumberOrDateTime(path: path)
            }
            throw .syntax("expected a value (strings need quotes)", at: start)
        }
    }

    private mutating func parseArray(path: TOMLKeyPath) throws(TOMLError) -> TOMLValue {
        let start = position
        advance()
        var elements: [TOMLValue] = []
        while true {
            try skipBlank()
            if peek() == nil { throw .syntax("array opened at line \(start.line) is not closed", at: start) }
            if consume("]") { break }
            elements.append(try parseValue(path: path.appending(index: elements.count)))
            try skipBlank()
            if consume(",") { continue }
            if consume("]") { break }
            if peek() == nil { throw .syntax("array opened at line \(start.line) is not closed", at: start) }
            throw .syntax("expected ',' or ']' after an array element", at: position)
        }
        return TOMLValue(.array(elements), position: start, path: path)
    }

    private mutating func parseInlineTable(path: TOMLKeyPath) throws(TOMLError) -> TOMLValue {
        let start = position
        advance()
        let node = TableNode(origin: .inline, position: start, path: path)
        skipWhitespace()
        if !consume("}") {
            while true {
                skipWhitespace()
                try parseKeyValue(into: node)
                skipWhitespace()
                if consume(",") {
                    skipWhitespace()
                    if peek() == "}" { throw .syntax("trailing comma in an inline table", at: position) }
                    continue
                }
                if consume("}") { break }
                switch peek() {
                case nil, "\n", "\r":
                    throw .syntax("inline table opened at column \(start.column) must be closed on the same line", at: position)
                default:
                    throw .syntax("expected ',' or '}' in an inline table", at: position)
                }
            }
        }
        return TOMLValue(.table(node.freeze()), position: start, path: path)
    }

    // MARK: - Strings

    private mutating func parseBasicString() throws(TOMLError) -> String {
        let start = position
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw .syntax("string is not closed on its line", at: start)
            }
            if scalar == "\"" {
                advance()
                return String(text)
            }
            if scalar == "\\" {
                text.append(try parseEscape())
                continue
            }
            if TOMLParser.isForbiddenControl(scalar) {
                throw .syntax("control character in a string (write it as an escape such as \\t or \\u001B)", at: position)
            }
            text.append(scalar)
            advance()
        }
    }

    /// At a run of three or more `quote`s: consumes it, keeps the one or two beyond the closing
    /// three as content (`""""` ends a string with a quote), and returns true.
    private mutating func closesMultiline(_ quote: Unicode.Scalar, into text: inout String.UnicodeScalarView) throws(TOMLError) -> Bool {
        guard peek() == quote, lookingAt(String(repeating: String(quote), count: 3)) else { return false }
        var quotes = 0
        while peek() == quote {
            quotes += 1
            advance()
        }
        if quotes > 5 { throw .syntax("too many quotes at the end of a multi-line string", at: position) }
        for _ in 0..<(quotes - 3) { text.append(quote) }
        return true
    }

    private mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let start = position
        for _ in 0..<3 { advance() }
        _ = try consumeNewline()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else { throw .syntax("multi-line string opened here is not closed", at: start) }
            if try closesMultiline("\"", into: &text) { return String(text) }
            if scalar == "\\" {
                // A backslash at the end of a line joins lines: it eats the line ending and the blank after it.
                var offset = 1
                while let next = peek(offset), next == " " || next == "\t" { offset += 1 }
                if peek(offset) == "\n" || (peek(offset) == "\r" && peek(offset + 1) == "\n") {
                    for _ in 0..<offset { advance() }
                    while true {
                        skipWhitespace()
                        guard try consumeNewline() else { break }
                    }
                    continue
                }
                text.append(try parseEscape())
                continue
            }
            if try consumeNewline() {
                text.append("\n")
                continue
            }
            if TOMLParser.isForbiddenControl(scalar) {
                throw .syntax("control character in a string (write it as an escape such as \\t or \\u001B)", at: position)
            }
            text.append(scalar)
            advance()
        }
    }

    /// One escape after a backslash. The message does not quote the string, which may be a secret.
    private mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        let start = position
        advance()
        guard let code = peek() else { throw .syntax("string is not closed", at: start) }
        advance()
        switch code {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = code == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = peek(), let nibble = UInt32(String(digit), radix: 16) else {
                    throw .syntax("\\\(code) needs exactly \(count) hexadecimal digits", at: start)
                }
                value = value << 4 | nibble
                advance()
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw .syntax("escape is not a Unicode scalar value", at: start)
            }
            return scalar
        default:
            throw .syntax("invalid escape sequence (allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
    }

    private mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = position
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw .syntax("string is not closed on its line", at: start)
            }
            advance()
            if scalar == "'" { return String(text) }
            if TOMLParser.isForbiddenControl(scalar) {
                throw .syntax("control character in a literal string", at: start)
            }
            text.append(scalar)
        }
    }

    private mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let start = position
        for _ in 0..<3 { advance() }
        _ = try consumeNewline()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else { throw .syntax("multi-line string opened here is not closed", at: start) }
            if try closesMultiline("'", into: &text) { return String(text) }
            if try consumeNewline() {
                text.append("\n")
                continue
            }
            if TOMLParser.isForbiddenControl(scalar) {
                throw .syntax("control character in a literal string", at: position)
            }
            text.append(scalar)
            advance()
        }
    }

    // MARK: - Numbers and date-times

    private mutating func parseNumberOrDateTime(path: TOMLKeyPath) throws(TOMLError) -> TOMLValue {
        let start = position
        var token = String.UnicodeScalarView()
        func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
            TOMLKeyPath.isBareKeyScalar(scalar) || scalar == "+" || scalar == "." || scalar == ":"
        }
        while let scalar = peek(), isTokenScalar(scalar) {
            token.append(scalar)
            advance()
        }
        // A date may be followed by a space and a time: `1979-05-27 07:32:00Z`.
        if TOMLDateTime.isDate(String(token)), peek() == " ",
           let h1 = peek(1), let h2 = peek(2), TOMLParser.isDigit(h1), TOMLParser.isDigit(h2), peek(3) == ":" {
            token.append(" ")
            advance()
            while let scalar = peek(), isTokenScalar(scalar) {
                token.append(scalar)
                advance()
            }
        }
        let text = String(token)
        if text.contains(":") || TOMLDateTime.hasDateShape(text) {
            guard TOMLDateTime.isValid(text) else { throw .syntax("invalid date or time", at: start) }
            return TOMLValue(.dateTime(text), position: start, path: path)
        }
        return try TOMLNumber.parse(text, at: start, path: path)
    }
}

// MARK: - The mutable tree

/// A table under construction. A class, so that headers can reopen it and paths into it stay valid.
private final class TableNode {
    enum Origin {
        /// Created as the parent in a header such as `[a.b]`; a later `[a]` may still define it.
        case implicit
        /// Defined by its own header, or the root, or an element of an array of tables.
        case header
        /// Created by a dotted key such as `a.b = 1`.
        case dotted
        /// An inline table `{ ... }`, closed once written.
        case inline
    }

    enum Slot {
        case value(TOMLValue)
        case table(TableNode)
        case tableArray(TableArrayNode)
    }

    struct Item {
        let key: String
        let keyPosition: TOMLPosition
        let slot: Slot
    }

    var origin: Origin
    var position: TOMLPosition
    let path: TOMLKeyPath
    private var items: [Item] = []
    private var indexByKey: [String: Int] = [:]

    init(origin: Origin, position: TOMLPosition, path: TOMLKeyPath) {
        self.origin = origin
        self.position = position
        self.path = path
    }

    func entry(_ key: String) -> Item? {
        indexByKey[key].map { items[$0] }
    }

    func insert(_ key: String, at keyPosition: TOMLPosition, _ slot: Slot) {
        indexByKey[key] = items.count
        items.append(Item(key: key, keyPosition: keyPosition, slot: slot))
    }

    func freeze() -> TOMLTable {
        let entries = items.map { item -> TOMLTable.Entry in
            let value: TOMLValue
            switch item.slot {
            case .value(let plain):
                value = plain
            case .table(let node):
                value = TOMLValue(.table(node.freeze()), position: node.position, path: node.path)
            case .tableArray(let array):
                let elements = array.elements.map { TOMLValue(.table($0.freeze()), position: $0.position, path: $0.path) }
                value = TOMLValue(.array(elements), position: array.position, path: array.path)
            }
            return TOMLTable.Entry(key: item.key, keyPosition: item.keyPosition, value: value)
        }
        return TOMLTable(entries: entries, position: position, path: path)
    }
}

/// An array of tables under construction: `[[name]]` appends an element, `[name.sub]` reaches into the last one.
private final class TableArrayNode {
    let position: TOMLPosition
    let path: TOMLKeyPath
    private(set) var elements: [TableNode] = []

    init(position: TOMLPosition, path: TOMLKeyPath) {
        self.position = position
        self.path = path
    }

    /// Only called once the array has an element: `[[name]]` creates the array and its first element together.
    var lastElement: TableNode { elements[elements.count - 1] }

    func appendElement(at position: TOMLPosition) -> TableNode {
        let element = TableNode(origin: .header, position: position, path: path.appending(index: elements.count))
        elements.append(element)
        return element
    }
}
