import BurnwatchCollect
import Foundation

/// The top-level object of a credential file, read field by field so that each error names the
/// file and the field, and never the value (which may be a key or a refresh token).
struct GCPCredentialFields {
    let path: String
    private let object: [String: Any]

    init(_ bytes: [UInt8], path: String) throws {
        self.path = path
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
            throw CollectorError.misconfigured("\(path) is not a JSON credential file (not valid JSON)")
        }
        guard let object = root as? [String: Any] else {
            throw CollectorError.misconfigured("\(path) is not a JSON credential file (not a JSON object)")
        }
        self.object = object
    }

    private init(path: String, object: [String: Any]) {
        self.path = path
        self.object = object
    }

    /// A string field; nil when absent, null or empty. Any other type is an error.
    func string(_ key: String) throws -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw CollectorError.misconfigured("\(path): field \(key) must be a string")
        }
        return text.isEmpty ? nil : text
    }

    /// A string field that must be there.
    func required(_ key: String, for kind: String) throws -> String {
        guard let text = try string(key) else {
            throw CollectorError.misconfigured("\(path): \(kind) file lacks field \(key)")
        }
        return text
    }

    /// A nested object; nil when absent.
    func object(_ key: String) throws -> GCPCredentialFields? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let nested = value as? [String: Any] else {
            throw CollectorError.misconfigured("\(path): field \(key) must be an object")
        }
        return GCPCredentialFields(path: "\(path) (\(key))", object: nested)
    }

    /// A nested object of string values (HTTP headers); nil when absent.
    func stringMap(_ key: String) throws -> [String: String]? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let map = value as? [String: String] else {
            throw CollectorError.misconfigured("\(path): field \(key) must be an object of strings")
        }
        return map
    }

    /// A list of strings; nil when absent.
    func stringList(_ key: String) throws -> [String]? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let list = value as? [String] else {
            throw CollectorError.misconfigured("\(path): field \(key) must be a list of strings")
        }
        return list
    }

    /// An integer field; nil when absent.
    func integer(_ key: String) throws -> Int? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, let integer = Int(exactly: number.doubleValue) else {
            throw CollectorError.misconfigured("\(path): field \(key) must be a whole number")
        }
        return integer
    }
}
