import BurnwatchCore
import Foundation

/// What the simulated BigQuery makes of a `jobs.query` request. It runs no SQL: it recognises a
/// query over the configured billing export table and answers it with a fixed set of columns
/// (see `BillingExportLedger`), after the checks BigQuery would make first:
///
/// - `useLegacySql` must be `false` (BigQuery's default is true; legacy SQL rejects the backticked
///   `project.dataset.table` names standard SQL uses, with BigQuery's hint to switch);
/// - the query must name the export table (`project.dataset.table`, backticked or not); any other
///   backticked table is "not found";
/// - every `@name` in the query needs a NAMED `queryParameters` entry, with a value of its type.
///
/// Parameters it honours, by name (case-insensitive): `start` / `from` (DATE or TIMESTAMP: the
/// first usage day), `end` / `to` (DATE or TIMESTAMP: exclusive), `month` / `invoice_month`
/// (STRING `YYYYMM`), `project` / `project_id` (STRING). Others are accepted and ignored.
struct BillingExportQuery: Sendable {
    struct Parameter: Sendable {
        var name: String
        var type: String
        var value: String?
    }

    var parameters: [Parameter]
    var start: Date?
    var end: Date?
    var month: BillingMonth?
    var project: String?
    var dryRun: Bool
    var maxResults: Int?
    var location: String

    static func parse(_ body: AWSJSONValue, exportTable: String) throws(GCPServiceError) -> BillingExportQuery {
        guard let query = body["query"]?.stringValue, !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Required parameter is missing: query")
        }
        let legacy = body["useLegacySql"]?.boolValue ?? true
        let backticked = backtickedNames(query)
        if legacy {
            if let name = backticked.first {
                throw .bigQuery(
                    400, "INVALID_ARGUMENT", reason: "invalidQuery",
                    "Invalid table name: `\(name)` [Try using standard SQL (https://cloud.google.com/bigquery/docs/reference/standard-sql/enabling-standard-sql)].",
                    location: "query"
                )
            }
            throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalidQuery", "The simulated BigQuery runs standard SQL only: send \"useLegacySql\": false.", location: "query")
        }
        for name in backticked where name != exportTable && name.split(separator: ".").count >= 2 {
            let parts = name.split(separator: ".").map(String.init)
            let display = parts.count == 3 ? "\(parts[0]):\(parts[1]).\(parts[2])" : name
            throw .bigQuery(404, "NOT_FOUND", reason: "notFound", "Not found: Table \(display) was not found in location US")
        }
        guard query.contains(exportTable) else {
            throw .bigQuery(
                400, "INVALID_ARGUMENT", reason: "invalidQuery",
                "The simulated BigQuery answers only queries over the billing export table `\(exportTable)`.", location: "query"
            )
        }

        var parameters: [Parameter] = []
        for entry in body["queryParameters"]?.arrayValue ?? [] {
            guard let type = entry["parameterType"]?["type"]?.stringValue else {
                throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Query parameter is missing its parameterType.type.")
            }
            parameters.append(Parameter(name: entry["name"]?.stringValue ?? "", type: type.uppercased(), value: entry["parameterValue"]?["value"]?.stringValue))
        }
        let references = parameterReferences(query)
        if !references.isEmpty {
            let mode = body["parameterMode"]?.stringValue?.uppercased()
            guard mode == "NAMED" || (mode == nil && !parameters.isEmpty && parameters.allSatisfy { !$0.name.isEmpty }) else {
                throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalidQuery", "Named parameters are not allowed unless parameterMode is NAMED.", location: "query")
            }
        }
        for reference in references where !parameters.contains(where: { $0.name.lowercased() == reference.name.lowercased() }) {
            throw .bigQuery(
                400, "INVALID_ARGUMENT", reason: "invalidQuery", "Query parameter '\(reference.name)' not found at [\(reference.line):\(reference.column)]",
                location: "query"
            )
        }

        var result = BillingExportQuery(
            parameters: parameters, start: nil, end: nil, month: nil, project: nil, dryRun: body["dryRun"]?.boolValue ?? false,
            maxResults: body["maxResults"]?.intValue, location: body["location"]?.stringValue ?? "US"
        )
        for parameter in parameters {
            let value = try typedValue(parameter)
            switch parameter.name.lowercased() {
            case "start", "from": result.start = value.date
            case "end", "to": result.end = value.date
            case "month", "invoice_month":
                guard let text = parameter.value, text.count == 6, let number = Int(text), (1...12).contains(number % 100) else {
                    throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalidQuery", "Parameter '\(parameter.name)' must be an invoice month YYYYMM.", location: "query")
                }
                result.month = BillingMonth(year: number / 100, month: number % 100)
            case "project", "project_id": result.project = parameter.value
            default: break
            }
        }
        if let maxResults = result.maxResults, maxResults < 0 {
            throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Invalid value for maxResults: \(maxResults)")
        }
        return result
    }

    /// A parameter's value checked against its type; dates as instants for DATE and TIMESTAMP.
    private static func typedValue(_ parameter: Parameter) throws(GCPServiceError) -> (date: Date?, text: String?) {
        guard let value = parameter.value else { return (nil, nil) }
        func invalid(_ type: String) -> GCPServiceError {
            .bigQuery(400, "INVALID_ARGUMENT", reason: "invalidQuery", "Invalid \(type) string \"\(value)\" in query parameter \(parameter.name)", location: "query")
        }
        switch parameter.type {
        case "DATE":
            guard let date = GCPWireTime.parseDay(value) else { throw invalid("date") }
            return (date, value)
        case "TIMESTAMP":
            let normalised = value.replacingOccurrences(of: " ", with: "T")
            if let date = GCPWireTime.parseRFC3339(normalised) ?? GCPWireTime.parseRFC3339(normalised + "Z")
                ?? GCPWireTime.parseRFC3339(normalised.replacingOccurrences(of: "+00", with: "Z")) ?? GCPWireTime.parseDay(value)
            {
                return (date, value)
            }
            throw invalid("timestamp")
        case "INT64", "INTEGER":
            guard Int64(value) != nil else { throw invalid("int64") }
            return (nil, value)
        case "FLOAT64", "FLOAT", "NUMERIC", "BIGNUMERIC":
            guard Double(value) != nil else { throw invalid("number") }
            return (nil, value)
        case "BOOL", "BOOLEAN":
            guard ["true", "false"].contains(value.lowercased()) else { throw invalid("bool") }
            return (nil, value)
        default:
            return (nil, value)
        }
    }

    /// Names written between backticks.
    static func backtickedNames(_ query: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in query {
            if character == "`" {
                if let name = current { names.append(name) }
                current = current == nil ? "" : nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }

    /// `@name` references outside string literals and backticks (`@@` system variables excluded),
    /// with 1-based line and column.
    static func parameterReferences(_ query: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        let characters = Array(query)
        var index = 0, line = 1, column = 1
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == "\\" { index += 1; column += 1 } else if character == open { quote = nil }
            } else if character == "'" || character == "\"" || character == "`" {
                quote = character
            } else if character == "@" {
                if index + 1 < characters.count, characters[index + 1] == "@" {
                    index += 2
                    column += 2
                    continue
                }
                var name = ""
                var scan = index + 1
                while scan < characters.count, characters[scan].isLetter || characters[scan].isNumber || characters[scan] == "_" {
                    name.append(characters[scan])
                    scan += 1
                }
                if !name.isEmpty { result.append((name, line, column)) }
            }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return result
    }
}
