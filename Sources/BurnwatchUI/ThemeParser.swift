import BurnwatchCore
import BurnwatchTOML

/// Reads a theme file: top-level `name` and `description`, then one `[role]` table per `Role`
/// (the schema), each with:
///
/// - `fg`, `bg`: `"#rrggbb"`, `"#rgb"`, `"default"` (the terminal's own colour), an xterm colour
///   number 0–255, or an ANSI name (`"red"`, `"bright-red"`; these stand for xterm's RGB values
///   on truecolor terminals);
/// - `fg256`, `bg256`: the 256-colour fallback, 0–255 (derived from `fg`/`bg` when absent);
/// - `fg16`, `bg16`: the 16-colour fallback, 0–15 or an ANSI name (derived when absent);
/// - `attrs`: attributes on every terminal, from `bold`, `dim`, `reverse`, `underline`;
/// - `mono`: the attributes that replace colour on a monochrome terminal.
///
/// Strict mode (tests, `--theme` validation) treats unknown keys and roles, missing roles and
/// fallbacks that cannot take effect as errors. Forgiving mode (runtime) reports those as warnings,
/// ignores them, and fills missing roles from `Theme.builtIn`. Malformed values are errors in both.
public enum ThemeParser {
    public static let topLevelKeys = ["name", "description"]
    public static let roleKeys = ["fg", "bg", "fg256", "bg256", "fg16", "bg16", "attrs", "mono"]
    public static let attributeNames: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ]
    /// The ANSI colour names, in index order; `-`, `_` and spaces are ignored when matching.
    public static let ansiColorNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses a theme file.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - fileName: the file as messages should name it (`Themes/light.toml`); its stem is the
    ///     theme's name unless the file sets `name`.
    ///   - strict: whether questionable content is an error (true) or a warning (false).
    /// - Returns: the theme, with every role present, and the warnings (always empty when strict).
    /// - Throws: `ThemeError` with every error found, each naming file, line and key.
    public static func parse(_ text: String, fileName: String, strict: Bool) throws(ThemeError) -> (Theme, [ThemeDiagnostic]) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw .syntax(ThemeDiagnostic(
                severity: .error, fileName: fileName, line: error.line, column: error.column, message: error.message
            ))
        }
        var reader = Reader(fileName: fileName, strict: strict)
        let theme = reader.readTheme(document.root)
        if !reader.errors.isEmpty {
            throw .invalid(reader.errors)
        }
        return (theme, reader.warnings)
    }

    /// The name a theme file gets from its file name: `Themes/light.toml` → `light`.
    public static func themeName(fromFileName fileName: String) -> String {
        let last = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
    }

    /// The index of an ANSI colour name (`"bright-red"`, `"Bright_Red"`, `"brightred"`), if it is one.
    public static func ansiIndex(ofName name: String) -> UInt8? {
        let wanted = normalizedColorName(name)
        return ansiColorNames.firstIndex { normalizedColorName($0) == wanted }.map(UInt8.init)
    }

    private static func normalizedColorName(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    }
}

/// Walks the document once, collecting errors and warnings instead of stopping at the first.
private struct Reader {
    let fileName: String
    let strict: Bool
    var errors: [ThemeDiagnostic] = []
    var warnings: [ThemeDiagnostic] = []

    init(fileName: String, strict: Bool) {
        self.fileName = fileName
        self.strict = strict
    }

    /// Records an error; `forgivable` problems are only warnings outside strict mode.
    mutating func report(_ error: TOMLError, forgivable: Bool = false) {
        let isWarning = forgivable && !strict
        let diagnostic = ThemeDiagnostic(
            severity: isWarning ? .warning : .error, fileName: fileName, line: error.line, message: error.message
        )
        if isWarning {
            warnings.append(diagnostic)
        } else {
            errors.append(diagnostic)
        }
    }

    mutating func readTheme(_ root: TOMLTable) -> Theme {
        let stem = ThemeParser.themeName(fromFileName: fileName)
        var name = stem
        var roles: [Role: RoleStyle] = [:]
        let roleNames = Role.allCases.map(\.rawValue)

        for entry in root.entries {
            if let role = Role(rawValue: entry.key) {
                do {
                    roles[role] = readRole(try entry.value.table())
                } catch {
                    report(error)
                }
                continue
            }
            switch entry.key {
            case "name":
                do {
                    let written = try entry.value.string()
                    if written.isEmpty || written != Sanitizer.clean(written) {
                        report(.invalidValue("a theme name must be non-empty plain text", value: entry.value))
                    } else {
                        if fileName.hasSuffix(".toml"), written != stem {
                            report(
                                .invalidValue("\(quoted(written)) differs from the file name \(quoted(stem + ".toml"))", value: entry.value),
                                forgivable: true
                            )
                        }
                        name = written
                    }
                } catch {
                    report(error)
                }
            case "description":
                do {
                    _ = try entry.value.string()
                } catch {
                    report(error)
                }
            default:
                if case .table = entry.value.content {
                    let suggestion = TOMLTable.closest(to: entry.key, among: roleNames)
                    report(.unknownKey(entry, suggestion: suggestion), forgivable: true)
                } else {
                    let suggestion = TOMLTable.closest(to: entry.key, among: ThemeParser.topLevelKeys + roleNames)
                    report(.unknownKey(entry, suggestion: suggestion), forgivable: true)
                }
            }
        }

        let missing = Role.allCases.filter { roles[$0] == nil && root[$0.rawValue] == nil }
        if !missing.isEmpty {
            if strict {
                let list = missing.map { "[\($0.rawValue)]" }.joined(separator: ", ")
                errors.append(ThemeDiagnostic(
                    severity: .error, fileName: fileName, line: nil,
                    message: "missing role\(missing.count == 1 ? "" : "s") \(list) (a theme sets every role)"
                ))
            }
            for role in missing {
                roles[role] = Theme.builtIn.roles[role]
            }
        }
        return Theme(name: name, roles: roles)
    }

    mutating func readRole(_ table: TOMLTable) -> RoleStyle {
        for error in table.unknownKeys(allowed: ThemeParser.roleKeys) {
            report(error, forgivable: true)
        }
        return RoleStyle(
            foreground: readColor(table, base: "fg"),
            background: readColor(table, base: "bg"),
            attributes: readAttributes(table["attrs"]),
            monoAttributes: readAttributes(table["mono"])
        )
    }

    /// `fg` (or `bg`) with its `256` and `16` fallbacks.
    mutating func readColor(_ table: TOMLTable, base key: String) -> ThemeColor {
        var color = ThemeColor.terminalDefault
        var baseIsValid = true
        if let value = table[key] {
            if let parsed = parseColor(value) {
                color = parsed
            } else {
                baseIsValid = false
            }
        }
        if let value = table[key + "256"] {
            if let index = readIndex(value, range: 0...255, what: "an xterm colour number 0-255") {
                color.index256 = index
            }
            if color.rgb == nil, baseIsValid {
                report(.invalidValue("has no effect while \(key) is the terminal's default colour", value: value), forgivable: true)
            }
        }
        if let value = table[key + "16"] {
            if let index = readANSI(value) {
                color.ansi16 = index
            }
            if color.rgb == nil, baseIsValid {
                report(.invalidValue("has no effect while \(key) is the terminal's default colour", value: value), forgivable: true)
            }
        }
        if color.rgb == nil {
            // A default colour has no fallbacks: the terminal's own colour is right at every depth.
            return .terminalDefault
        }
        return color
    }

    mutating func parseColor(_ value: TOMLValue) -> ThemeColor? {
        switch value.content {
        case .integer(let number):
            guard (0...255).contains(number) else {
                report(.invalidValue("\(number) is not a colour (xterm colour numbers are 0-255)", value: value))
                return nil
            }
            let index = UInt8(number)
            return ThemeColor(rgb: ColorLadder.rgbOf256(index), index256: index, ansi16: index < 16 ? index : nil)
        case .string(let text):
            if text.lowercased() == "default" { return .terminalDefault }
            if let rgb = Reader.hexColor(text) { return ThemeColor(rgb: rgb) }
            if let index = ThemeParser.ansiIndex(ofName: text) {
                return ThemeColor(rgb: ColorLadder.ansiPalette[Int(index)], index256: index, ansi16: index)
            }
            report(.invalidValue(
                "\(quoted(text)) is not a colour (use \"#rrggbb\", \"#rgb\", 0-255, an ANSI name such as \"bright-red\", or \"default\")",
                value: value
            ))
            return nil
        default:
            report(.typeMismatch(expected: "a colour string such as \"#ff5f5f\" or a number 0-255", found: value))
            return nil
        }
    }

    mutating func readIndex(_ value: TOMLValue, range: ClosedRange<Int64>, what: String) -> UInt8? {
        do {
            let number = try value.integer()
            guard range.contains(number) else {
                report(.invalidValue("\(number) is out of range (expected \(what))", value: value))
                return nil
            }
            return UInt8(number)
        } catch {
            report(error)
            return nil
        }
    }

    mutating func readANSI(_ value: TOMLValue) -> UInt8? {
        switch value.content {
        case .integer:
            return readIndex(value, range: 0...15, what: "an ANSI colour number 0-15")
        case .string(let text):
            if let index = ThemeParser.ansiIndex(ofName: text) { return index }
            report(.invalidValue("\(quoted(text)) is not an ANSI colour name (such as \"red\" or \"bright-red\")", value: value))
            return nil
        default:
            report(.typeMismatch(expected: "an ANSI colour number 0-15 or name", found: value))
            return nil
        }
    }

    mutating func readAttributes(_ value: TOMLValue?) -> TextAttributes {
        guard let value else { return [] }
        let elements: [TOMLValue]
        do {
            elements = try value.array()
        } catch {
            report(error)
            return []
        }
        var attributes: TextAttributes = []
        for element in elements {
            do {
                let name = try element.string()
                if let known = ThemeParser.attributeNames.first(where: { $0.name == name.lowercased() }) {
                    attributes.insert(known.attribute)
                } else {
                    let names = ThemeParser.attributeNames.map(\.name)
                    let hint = TOMLTable.closest(to: name, among: names).map { "did you mean \"\($0)\"?" }
                        ?? "use " + names.joined(separator: ", ")
                    report(.invalidValue("\(quoted(name)) is not an attribute (\(hint))", value: element), forgivable: true)
                }
            } catch {
                report(error)
            }
        }
        return attributes
    }

    /// `#rrggbb` or `#rgb`, any case.
    static func hexColor(_ text: String) -> RGB? {
        guard text.hasPrefix("#") else { return nil }
        let digits = Array(text.dropFirst())
        guard digits.count == 3 || digits.count == 6, digits.allSatisfy(\.isHexDigit) else { return nil }
        let values = digits.compactMap { UInt8(String($0), radix: 16) }
        // `isHexDigit` also admits fullwidth digits, which do not convert: refuse rather than misread.
        guard values.count == digits.count else { return nil }
        if values.count == 3 {
            return RGB(values[0] * 17, values[1] * 17, values[2] * 17)
        }
        return RGB(values[0] << 4 | values[1], values[2] << 4 | values[3], values[4] << 4 | values[5])
    }

    /// A value from the file, quoted for a message: cleaned of control characters and kept short.
    func quoted(_ text: String) -> String {
        let clean = Sanitizer.clean(text)
        return "\"" + (clean.count > 40 ? clean.prefix(39) + "…" : clean) + "\""
    }
}
