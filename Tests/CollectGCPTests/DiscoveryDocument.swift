import Foundation
import Testing
@testable import CollectGCP

/// A Google API discovery document, read at test time from the repository's copy under
/// `Fixtures/specs/gcp/discovery` (google-api-python-client 2.202.0).
struct DiscoveryDocument {
    let root: [String: Any]
    let schemas: [String: [String: Any]]

    static func load(_ file: String) throws -> DiscoveryDocument {
        let data = try Data(contentsOf: SpecFixtures.discoveryDocuments.appendingPathComponent(file))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return DiscoveryDocument(root: root, schemas: try #require(root["schemas"] as? [String: [String: Any]]))
    }

    func properties(_ schema: String) throws -> [String: [String: Any]] {
        let definition = try #require(schemas[schema], "no schema \(schema)")
        return definition["properties"] as? [String: [String: Any]] ?? [:]
    }

    /// A method by its resource path, e.g. `projects.timeSeries.list`.
    func method(_ path: String) throws -> [String: Any] {
        var parts = path.split(separator: ".").map(String.init)
        let name = parts.removeLast()
        var node = root
        for part in parts {
            let resources = try #require(node["resources"] as? [String: Any], "no resources under \(part)")
            node = try #require(resources[part] as? [String: Any], "no resource \(part)")
        }
        let methods = try #require(node["methods"] as? [String: Any])
        return try #require(methods[name] as? [String: Any], "no method \(path)")
    }

    func parameters(_ method: String) throws -> [String: [String: Any]] {
        try #require(try self.method(method)["parameters"] as? [String: [String: Any]])
    }

    /// The JSON type a property of `schema` has: `string`, `string/int64`, `integer`, `number`,
    /// `boolean`, `object`, `array`, `any`, or `$ref:Name`.
    func type(of property: String, in schema: String) throws -> String {
        let definition = try #require(try properties(schema)[property], "\(schema) has no property \(property)")
        return Self.describe(definition)
    }

    static func describe(_ definition: [String: Any]) -> String {
        if let ref = definition["$ref"] as? String { return "$ref:" + ref }
        let type = definition["type"] as? String ?? "?"
        if type == "string", let format = definition["format"] as? String, format == "int64" || format == "uint64" { return "string/int64" }
        return type
    }

    /// An example of a schema with every property filled in, as the service would send it.
    func example(_ schema: String, depth: Int = 0) throws -> Any {
        var object: [String: Any] = [:]
        guard depth < 6 else { return object }
        for (name, definition) in try properties(schema) {
            object[name] = try example(definition: definition, depth: depth + 1)
        }
        return object
    }

    func example(definition: [String: Any], depth: Int) throws -> Any {
        if let ref = definition["$ref"] as? String { return try example(ref, depth: depth) }
        switch definition["type"] as? String ?? "" {
        case "string":
            if let values = definition["enum"] as? [String] { return values.last ?? "" }
            switch definition["format"] as? String {
            case "int64", "uint64": return "12"
            case "google-datetime": return "2025-06-16T10:05:00Z"
            default: return "example"
            }
        case "integer": return 3
        case "number": return 1.5
        case "boolean": return true
        case "any": return "example"
        case "array":
            let items = try #require(definition["items"] as? [String: Any])
            return [try example(definition: items, depth: depth)]
        case "object":
            if let values = definition["additionalProperties"] as? [String: Any] {
                return ["key": try example(definition: values, depth: depth)]
            }
            return [String: Any]()
        default:
            Issue.record("unknown discovery type in \(definition)")
            return NSNull()
        }
    }

    /// Checks that every key we read is a property with the type we assume, and that our type
    /// decodes the schema's full example.
    func checkDecodes<Value: Decodable>(
        _ type: Value.Type, schema: String, keys: [String: String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (key, expected) in keys {
            #expect(try self.type(of: key, in: schema) == expected, "\(schema).\(key)", sourceLocation: sourceLocation)
        }
        let data = try JSONSerialization.data(withJSONObject: try example(schema))
        #expect(throws: Never.self, "\(Value.self) does not decode the example of \(schema)", sourceLocation: sourceLocation) {
            _ = try JSONDecoder().decode(Value.self, from: data)
        }
    }

    /// Checks a body we send: every key is a property of its schema and every value has the
    /// property's JSON type (int64s as strings, enum values from the list).
    func problems(_ value: Any, schema: String, path: String) throws -> [String] {
        guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
        let properties = try properties(schema)
        var found: [String] = []
        for (key, child) in object {
            guard let definition = properties[key] else {
                found.append("\(path).\(key): not a property of \(schema)")
                continue
            }
            found += try problems(child, definition: definition, path: "\(path).\(key)")
        }
        return found
    }

    private func problems(_ value: Any, definition: [String: Any], path: String) throws -> [String] {
        if let ref = definition["$ref"] as? String { return try problems(value, schema: ref, path: path) }
        switch definition["type"] as? String ?? "" {
        case "string":
            guard let text = value as? String else { return ["\(path): expected a string"] }
            if let values = definition["enum"] as? [String], !values.contains(text) { return ["\(path): \(text) is not an allowed value"] }
            if ["int64", "uint64"].contains(definition["format"] as? String ?? ""), Int64(text) == nil { return ["\(path): not an int64 string"] }
            return []
        case "integer":
            guard let number = value as? NSNumber, !(value is Bool), Double(number.intValue) == number.doubleValue else { return ["\(path): expected an integer"] }
            return []
        case "number":
            return value is NSNumber && !(value is Bool) ? [] : ["\(path): expected a number"]
        case "boolean":
            return value is Bool ? [] : ["\(path): expected a boolean"]
        case "array":
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            let items = try #require(definition["items"] as? [String: Any])
            return try array.enumerated().flatMap { try problems($0.element, definition: items, path: "\(path)[\($0.offset)]") }
        case "object":
            return value is [String: Any] ? [] : ["\(path): expected an object"]
        default:
            return []
        }
    }
}
