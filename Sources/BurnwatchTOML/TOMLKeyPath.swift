/// The route from a document's root to a value, for messages: `aws[0].regions[1]`, `forecast.'aws/ml-prod'`.
public struct TOMLKeyPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        /// A position in an array (0-based); arrays of tables count their `[[...]]` elements.
        case index(Int)
    }

    public let components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = TOMLKeyPath()

    public var isRoot: Bool { components.isEmpty }

    public func appending(_ key: String) -> TOMLKeyPath {
        TOMLKeyPath(components + [.key(key)])
    }

    public func appending(index: Int) -> TOMLKeyPath {
        TOMLKeyPath(components + [.index(index)])
    }

    /// The last key name on the path (skipping array positions), if any.
    public var lastKey: String? {
        for component in components.reversed() {
            if case .key(let key) = component { return key }
        }
        return nil
    }

    /// TOML's own spelling where it has one: bare keys as they are, other keys quoted, positions in brackets.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += TOMLKeyPath.spell(key)
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// A key as it would be written in a TOML file: bare when it can be, else in single quotes
    /// (which read well inside a double-quoted message), else as an escaped basic string.
    public static func spell(_ key: String) -> String {
        if !key.isEmpty, key.unicodeScalars.allSatisfy(isBareKeyScalar) {
            return key
        }
        let needsEscapes = key.unicodeScalars.contains { $0 == "'" || $0.value < 0x20 || $0.value == 0x7F }
        if !needsEscapes {
            return "'" + key + "'"
        }
        var text = "\""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }
}
