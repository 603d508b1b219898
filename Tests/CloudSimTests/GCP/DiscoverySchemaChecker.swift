import Foundation

@testable import CloudSim

/// Checks a JSON answer against a schema of a Google discovery document: every member exists in
/// the schema, with the JSON type its `type` and `format` call for (int64 and uint64 as strings,
/// int32 as numbers, google-datetime as RFC 3339, enums from their list).
struct DiscoverySchemaChecker {
    let schemas: AWSJSONValue

    /// Reads `Tests/CollectGCPTests/Fixtures/specs/gcp/discovery/<file>` relative to this source file.
    init(_ file: String, sourceFile: String = #filePath) throws {
        let directory = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = directory.appendingPathComponent("CollectGCPTests/Fixtures/specs/gcp/discovery/\(file)")
        guard let document = AWSJSONValue.parse(Array(try Data(contentsOf: url))), let schemas = document["schemas"] else {
            throw TestFailure("cannot read \(url.path)")
        }
        self.schemas = schemas
    }

    /// Every mismatch, as `path: problem`; empty when the value fits.
    func violations(_ value: AWSJSONValue, schema name: String) -> [String] {
        guard let schema = schemas[name] else { return ["no schema \(name)"] }
        var problems: [String] = []
        check(value, against: schema, path: name, problems: &problems)
        return problems
    }

    private func check(_ value: AWSJSONValue, against schema: AWSJSONValue, path: String, problems: inout [String]) {
        if let reference = schema["$ref"]?.stringValue {
            guard let resolved = schemas[reference] else {
                problems.append("\(path): unresolved $ref \(reference)")
                return
            }
            check(value, against: resolved, path: path, problems: &problems)
            return
        }
        let type = schema["type"]?.stringValue ?? "any"
        let format = schema["format"]?.stringValue
        switch type {
        case "any":
            return
        case "string":
            guard let text = value.stringValue else { return problems.append("\(path): expected a string, got \(value.text)") }
            switch format {
            case "int64"?: if Int64(text) == nil { problems.append("\(path): not an int64 string: \(text)") }
            case "uint64"?: if UInt64(text) == nil { problems.append("\(path): not a uint64 string: \(text)") }
            case "google-datetime"?: if GCPWireTime.parseRFC3339(text) == nil { problems.append("\(path): not RFC 3339: \(text)") }
            default: break
            }
            if let allowed = schema["enum"]?.arrayValue?.compactMap(\.stringValue), !allowed.contains(text) {
                problems.append("\(path): \(text) is not one of the enum's values")
            }
        case "integer":
            guard let number = value.intValue else { return problems.append("\(path): expected an integer number, got \(value.text)") }
            if format == "int32", Int32(exactly: number) == nil { problems.append("\(path): out of int32 range") }
            if format == "uint32", UInt32(exactly: number) == nil { problems.append("\(path): out of uint32 range") }
        case "number":
            if value.numberValue == nil { problems.append("\(path): expected a number, got \(value.text)") }
        case "boolean":
            if value.boolValue == nil { problems.append("\(path): expected a boolean, got \(value.text)") }
        case "array":
            guard let items = value.arrayValue else { return problems.append("\(path): expected an array") }
            guard let itemSchema = schema["items"] else { return }
            for (index, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(index)]", problems: &problems) }
        case "object":
            guard case .object(let members) = value else { return problems.append("\(path): expected an object") }
            let properties = schema["properties"]
            let additional = schema["additionalProperties"]
            for (key, member) in members {
                if let property = properties?[key] {
                    check(member, against: property, path: "\(path).\(key)", problems: &problems)
                } else if let additional {
                    check(member, against: additional, path: "\(path)[\(key)]", problems: &problems)
                } else if properties != nil {
                    problems.append("\(path): no member '\(key)' in the schema")
                }
            }
        default:
            problems.append("\(path): unknown schema type \(type)")
        }
    }
}
