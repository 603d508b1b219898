import Foundation

/// What a billing-export query's SELECT asks for, as far as the simulator can tell without
/// running SQL: each `expression AS alias` is recognised by the export columns it reads, and the
/// answer carries one column per alias, named and typed as BigQuery would name and type it.
/// Columns that are sums (`cost`, `credits`) or a maximum (`usage_end_time`) are aggregated over
/// the other columns, as the query's GROUP BY would; everything else is a group key.
///
/// Recognised: the usage day (`usage_start_time`), `project.id`, `resource.name` (whole, or the
/// endpoint id when the expression extracts `/endpoints/…`), `currency`, `cost`, the credits'
/// amounts, and `usage_end_time` (as a TIMESTAMP, or Unix seconds under `UNIX_SECONDS`). A SUM
/// over `CAST(… AS NUMERIC)` answers NUMERIC (plain decimal text), else FLOAT. Labels are not
/// simulated (such a column is NULL). A SELECT without aliases, or with an expression nothing
/// here recognises, falls back to `BillingExportLedger`'s fixed column contract.
struct BillingExportProjection: Sendable {
    enum Source: Sendable, Hashable {
        case day, projectID, resourceName, label, currency
        /// `REGEXP_EXTRACT(resource.name, r'…')`, several under `COALESCE`: the first that matches.
        case extract(patterns: [String])
        case cost(numeric: Bool), credits(numeric: Bool)
        case usageEnd(unixSeconds: Bool)
    }

    struct Column: Sendable {
        var name: String
        var source: Source
        var type: String {
            switch source {
            case .day: "STRING"
            case .projectID, .resourceName, .extract, .label, .currency: "STRING"
            case .cost(let numeric), .credits(let numeric): numeric ? "NUMERIC" : "FLOAT"
            case .usageEnd(let unixSeconds): unixSeconds ? "INTEGER" : "TIMESTAMP"
            }
        }
        var isAggregate: Bool {
            switch source {
            case .cost, .credits, .usageEnd: true
            default: false
            }
        }
    }

    let columns: [Column]

    /// The projection of `sql`, or nil when it is not a SELECT of recognisable aliased columns.
    static func parse(sql: String) -> BillingExportProjection? {
        guard let list = selectList(sql) else { return nil }
        var columns: [Column] = []
        for item in splitTopLevel(list) {
            guard let (expression, alias) = aliased(item), let source = classify(expression) else { return nil }
            columns.append(Column(name: alias, source: source))
        }
        return columns.isEmpty ? nil : BillingExportProjection(columns: columns)
    }

    /// BigQuery's schema `fields` for this projection.
    var schema: [(name: String, type: String)] { columns.map { ($0.name, $0.type) } }

    /// The ledger's rows grouped and projected: one row of cells per distinct group key.
    func rows(_ rows: [BillingExportLedger.Row], int64Timestamps: Bool) -> [[String?]] {
        var order: [[String?]] = []
        var sums: [[String?]: (cost: Int64, credits: Int64, end: Date)] = [:]
        for row in rows {
            let key = columns.map { $0.isAggregate ? nil : keyValue($0.source, row) }
            if let existing = sums[key] {
                sums[key] = (existing.cost + row.costMicros, existing.credits + row.creditMicros, max(existing.end, row.usageEnd))
            } else {
                order.append(key)
                sums[key] = (row.costMicros, row.creditMicros, row.usageEnd)
            }
        }
        return order.map { key in
            let total = sums[key]!
            return zip(columns, key).map { column, value in
                switch column.source {
                case .cost(let numeric): Self.money(total.cost, numeric: numeric)
                case .credits(let numeric): Self.money(total.credits, numeric: numeric)
                case .usageEnd(let unixSeconds):
                    unixSeconds ? String(Int64(total.end.timeIntervalSince1970.rounded(.down)))
                        : int64Timestamps ? String(Int64((total.end.timeIntervalSince1970 * 1_000_000).rounded()))
                        : BillingExportLedger.javaDouble(total.end.timeIntervalSince1970)
                default: value
                }
            }
        }
    }

    private func keyValue(_ source: Source, _ row: BillingExportLedger.Row) -> String? {
        switch source {
        case .day: row.day
        case .projectID: row.projectID
        case .resourceName: row.resourceName
        case .extract(let patterns):
            Self.firstCapture(patterns, in: row.resourceName)
        case .label: nil
        case .currency: row.currency
        case .cost, .credits, .usageEnd: nil
        }
    }

    /// Micro-units as NUMERIC (exact decimal text) or FLOAT (Java's double text).
    static func money(_ micros: Int64, numeric: Bool) -> String {
        guard numeric else { return BillingExportLedger.javaDouble(Double(micros) / 1_000_000) }
        let value = Decimal(micros) / 1_000_000
        return "\(value)"
    }

    // MARK: Reading the SELECT

    private static func selectList(_ sql: String) -> String? {
        let upper = sql.uppercased()
        guard let select = upper.range(of: "SELECT "), let from = topLevelFrom(upper, after: select.upperBound) else { return nil }
        return String(sql[select.upperBound..<from])
    }

    /// The first ` FROM ` outside parentheses (credit sums have a FROM of their own inside).
    private static func topLevelFrom(_ upper: String, after start: String.Index) -> String.Index? {
        var depth = 0
        var index = start
        while index < upper.endIndex {
            let character = upper[index]
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0, upper[index...].hasPrefix(" FROM ") { return index }
            index = upper.index(after: index)
        }
        return nil
    }

    private static func splitTopLevel(_ list: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in list {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == ",", depth == 0 {
                items.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
                continue
            }
            current.append(character)
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { items.append(last) }
        return items
    }

    private static func aliased(_ item: String) -> (expression: String, alias: String)? {
        guard let range = item.range(of: " AS ", options: [.caseInsensitive, .backwards]) else {
            // A bare column (`currency`, `project.id`) is named after its last part, as BigQuery names it.
            guard item.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
                  let last = item.split(separator: ".").last else { return nil }
            return (item, String(last))
        }
        let alias = item[range.upperBound...].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        guard !alias.isEmpty, alias.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (String(item[..<range.lowerBound]), alias)
    }

    /// The raw-string patterns (`r'…'`) of an expression, in order.
    static func rawPatterns(_ expression: String) -> [String] {
        var patterns: [String] = []
        var rest = Substring(expression)
        while let start = rest.range(of: "r'") {
            let body = rest[start.upperBound...]
            guard let end = body.firstIndex(of: "'") else { break }
            patterns.append(String(body[..<end]))
            rest = body[body.index(after: end)...]
        }
        return patterns
    }

    /// BigQuery's REGEXP_EXTRACT: the first capturing group of the first match (the whole match
    /// without a group); under COALESCE, the first pattern that matches.
    static func firstCapture(_ patterns: [String], in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern), let match = regex.firstMatch(in: text, range: range) else {
                continue
            }
            let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            if let captured = Range(group, in: text) { return String(text[captured]) }
        }
        return nil
    }

    private static func classify(_ expression: String) -> Source? {
        let text = expression.lowercased()
        let numeric = text.contains("numeric")
        if text.contains("credits") { return .credits(numeric: numeric) }
        if text.contains("usage_end_time") { return .usageEnd(unixSeconds: text.contains("unix_seconds")) }
        if text.contains("usage_start_time") { return .day }
        if text.contains("resource.name") {
            let patterns = rawPatterns(expression)
            return text.contains("regexp_extract") && !patterns.isEmpty ? .extract(patterns: patterns) : .resourceName
        }
        if text.contains("labels") { return .label }
        if text.contains("project.id") { return .projectID }
        if text.contains("currency") { return .currency }
        if text.contains("cost") { return .cost(numeric: numeric) }
        return nil
    }
}
