import BurnwatchCollect
import Foundation

/// JSON for the AWS JSON protocols: `WireJSON`, with errors naming the operation.
public enum AWSJSON {
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        try WireJSON.encode(value)
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], operation: String) throws -> Value {
        try WireJSON.decode(type, from: body, context: operation)
    }

    static func describe(_ error: any Error) -> String { WireJSON.describe(error) }
}
