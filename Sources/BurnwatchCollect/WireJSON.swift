import Foundation

/// JSON for the providers' wire formats, with decode failures reported as a malformed response
/// that names the call and the path that failed, never the payload (it may hold secrets).
public enum WireJSON {
    /// Sorted keys and unescaped slashes: stable bodies (signatures cover them) that read as sent.
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Decodes `body`, or throws `CollectorError.malformedResponse("<context>: <what failed>")`.
    public static func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], context: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw CollectorError.malformedResponse("\(context): \(describe(error))")
        }
    }

    /// A short, secret-free reason: which key or path failed, not the payload.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON (truncated?)" : "corrupt value at \(path(context.codingPath))"
        default:
            return "undecodable answer"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
