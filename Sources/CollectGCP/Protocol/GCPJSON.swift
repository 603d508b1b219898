import BurnwatchCollect
import Foundation

/// JSON for Google's REST APIs (proto3 JSON: int64 as strings, empty lists left out):
/// `WireJSON`, with errors naming the call.
public enum GCPJSON {
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        try WireJSON.encode(value)
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], call: String) throws -> Value {
        try WireJSON.decode(type, from: body, context: call)
    }

    static func describe(_ error: any Error) -> String { WireJSON.describe(error) }
}

/// An int64 as proto3 JSON writes it: a string (numbers are accepted too).
public struct GCPInt64: Codable, Sendable, Hashable {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), let value = Int64(text) {
            self.value = value
        } else if let number = try? container.decode(Int64.self) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an int64")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }
}
