import BurnwatchCore
import Foundation

/// The simulated billing export: one row per (UTC usage day, endpoint) of the model's GCP
/// projects, settled through the last whole hour minus the project's billing lag (4 h by
/// default), the same settled spend `FleetModel.costRecords` reports as billed.
///
/// The column contract of a query whose SELECT the simulator cannot read (`SELECT *`, no aliases);
/// a SELECT of aliased columns is answered with those columns instead (`BillingExportProjection`):
///
/// | column | type | value |
/// |---|---|---|
/// | `day` | DATE | the usage day, `YYYY-MM-DD` (UTC) |
/// | `project_id` | STRING | the project id (`ml-prod-123`) |
/// | `resource_name` | STRING | the Vertex endpoint `projects/{number}/locations/{l}/endpoints/{id}` (as `endpoints.list` names it), or the publisher model `projects/{number}/locations/{l}/publishers/{publisher}/models/{model}` |
/// | `cost` | FLOAT | gross cost of the day, USD |
/// | `credits` | FLOAT | sum of the credits (zero or negative); `cost + credits` is the model's spend |
/// | `currency` | STRING | `USD` |
/// | `usage_end` | TIMESTAMP | end of the usage the row covers: the day's end, or the settle point for the last day |
///
/// Cells are strings, as BigQuery sends them: FLOAT and TIMESTAMP in Java's `Double.toString`
/// form (`12.345678`, `1.0E-6`, `1.7500896E9` seconds), TIMESTAMP as microseconds when the request
/// sets `formatOptions.useInt64Timestamp`. Days without spend have no row.
struct BillingExportLedger: Sendable {
    struct Row: Sendable, Hashable {
        var day: String
        var projectID: String
        var resourceName: String
        var costMicros: Int64
        var creditMicros: Int64
        var currency: String
        var usageEnd: Date
    }

    static let columns: [(name: String, type: String)] = [
        ("day", "DATE"), ("project_id", "STRING"), ("resource_name", "STRING"), ("cost", "FLOAT"), ("credits", "FLOAT"),
        ("currency", "STRING"), ("usage_end", "TIMESTAMP"),
    ]

    let view: GCPFleetView
    let creditFraction: Double

    func rows(for query: BillingExportQuery, at now: Date) -> [Row] {
        let month = query.month ?? BillingMonth.containing(now)
        guard month.start < now else { return [] }
        var rows: [Row] = []
        for project in view.projects where query.project == nil || query.project == project.id.account {
            let settled = min(month.end, FleetModel.billedThrough(now: now, lag: project.billingLag, month: month))
            let endpoints = view.vertexEndpoints(project: project.id.account, location: nil).map { ($0, view.endpointName($0.id)) }
                + view.publisherModels(project: project.id.account, location: nil).map { ($0, view.publisherModelName($0)) }
            var dayStart = month.start
            while dayStart < settled {
                let dayEnd = min(dayStart.addingTimeInterval(86_400), month.end)
                defer { dayStart = dayEnd }
                if let start = query.start, dayEnd <= start { continue }
                if let end = query.end, dayStart >= end { continue }
                let usageEnd = min(dayEnd, settled)
                for (endpoint, resourceName) in endpoints {
                    guard let engine = view.model.engine(endpoint.id) else { continue }
                    let spend = engine.spend(from: dayStart.timeIntervalSince1970, to: usageEnd.timeIntervalSince1970)
                    let net = Int64((spend * 1_000_000).rounded())
                    guard net != 0 else { continue }
                    let gross = Int64((Double(net) / (1 - creditFraction)).rounded())
                    rows.append(Row(
                        day: GCPWireTime.day(dayStart), projectID: project.id.account, resourceName: resourceName,
                        costMicros: gross, creditMicros: net - gross, currency: "USD", usageEnd: usageEnd
                    ))
                }
            }
        }
        return rows.sorted { ($0.day, $0.projectID, $0.resourceName) < ($1.day, $1.projectID, $1.resourceName) }
    }

    /// What the query "scans": BigQuery's 10 MB minimum per table, plus 2 MiB per partition day.
    func bytesProcessed(for query: BillingExportQuery, at now: Date) -> Int64 {
        let month = query.month ?? BillingMonth.containing(now)
        var days = Int64(max(0, min(now, month.end).timeIntervalSince(month.start)) / 86_400) + 1
        if let start = query.start { days = min(days, Int64(max(0, min(now, month.end).timeIntervalSince(start)) / 86_400) + 1) }
        return 10_485_760 + days * 2_097_152
    }

    /// The row's cells in the fixed contract's column order.
    static func cellValues(_ row: Row, int64Timestamps: Bool) -> [String?] {
        let usageEnd = int64Timestamps
            ? String(Int64((row.usageEnd.timeIntervalSince1970 * 1_000_000).rounded())) : javaDouble(row.usageEnd.timeIntervalSince1970)
        let values = [
            row.day, row.projectID, row.resourceName, javaDouble(Double(row.costMicros) / 1_000_000),
            javaDouble(Double(row.creditMicros) / 1_000_000), row.currency, usageEnd,
        ]
        return values
    }

    /// A double as Java's `Double.toString` writes it (BigQuery's FLOAT and TIMESTAMP cells):
    /// plain between 10^-3 and 10^7 (`5.0`, `0.0123`), scientific otherwise (`1.0E-6`, `1.7E9`).
    static func javaDouble(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = abs(value)
        var text = "\(magnitude)"
        var exponent = 0
        if let mark = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: mark)...]) ?? 0
            text = String(text[..<mark])
        }
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(pieces[0]) + (pieces.count > 1 ? String(pieces[1]) : "")
        var point = pieces[0].count + exponent  // value = 0.digits × 10^point
        while digits.count > 1, digits.hasPrefix("0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        if magnitude >= 1e-3, magnitude < 1e7 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
            let split = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let rest = digits.dropFirst()
        return sign + digits.prefix(1) + "." + (rest.isEmpty ? "0" : rest) + "E" + String(point - 1)
    }
}
