import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The month-to-date query over a Cloud Billing export table, and how its rows are read.
///
/// One row per usage day, endpoint key and currency:
/// `day` (`YYYY-MM-DD`), `endpoint` (the key, NULL for spend that is not an endpoint's),
/// `currency`, `cost` and `credits` (NUMERIC sums, so exact decimal strings), and `through`
/// (the latest `usage_end_time`, as Unix seconds).
///
/// What keeps it cheap: the export is partitioned by day, so `DATE(_PARTITIONTIME) >= @start`
/// (the 1st of the month) reads only this month's partitions, and only the columns named are
/// scanned. On a typical resource-level export that is a few hundred MB at the end of a
/// month, about $0.002 a query at $6.25 per TiB; `maximumBytesBilled` stops a query that
/// would read more than the configured limit.
///
/// The endpoint key is the endpoint id from `resource.name` (`…/endpoints/{id}`, which the
/// resource-level export carries) or, for Model Garden, the model from
/// `…/publishers/{publisher}/models/{model}`; or, when `costLabel` is set, the value of that label.
public struct GCPBillingExportQuery: Sendable, Hashable {
    /// `project.dataset.table`, checked to hold nothing that could leave the quoted name.
    public var table: String
    public var project: String
    public var costLabel: String?
    public var month: BillingMonth
    public var maximumBytesBilled: Int64

    public init(table: String, project: String, costLabel: String?, month: BillingMonth, maximumBytesBilled: Int64) throws {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:")
        guard table.split(separator: ".", omittingEmptySubsequences: false).count >= 3,
              !table.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty),
              table.unicodeScalars.allSatisfy(allowed.contains)
        else {
            throw CollectorError.misconfigured("billing_export \(Sanitizer.clean(table)) is not a project.dataset.table name")
        }
        self.table = table
        self.project = project
        self.costLabel = costLabel
        self.month = month
        self.maximumBytesBilled = maximumBytesBilled
    }

    /// The project the export table lives in: where the query job runs by default.
    public var tableProject: String {
        let parts = table.split(separator: ".")
        // A domain-scoped project (`example.com:proj`) has a dot of its own.
        return parts.count > 3 ? parts.dropLast(2).joined(separator: ".") : String(parts[0])
    }

    var endpointKey: String {
        costLabel == nil
            ? "COALESCE(REGEXP_EXTRACT(resource.name, r'/endpoints/([^/]+)'), REGEXP_EXTRACT(resource.name, r'/publishers/[^/]+/models/([^/]+)'))"
            : "(SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = @label LIMIT 1)"
    }

    public var sql: String {
        """
        SELECT FORMAT_DATE('%F', DATE(usage_start_time)) AS day, \(endpointKey) AS endpoint, currency, \
        SUM(CAST(cost AS NUMERIC)) AS cost, \
        SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0)) AS credits, \
        UNIX_SECONDS(MAX(usage_end_time)) AS through \
        FROM `\(table)` \
        WHERE DATE(_PARTITIONTIME) >= @start AND usage_start_time >= TIMESTAMP(@start) \
        AND invoice.month = @month AND project.id = @project \
        GROUP BY day, endpoint, currency ORDER BY day, endpoint
        """
    }

    public var request: BigQueryShapes.QueryRequest {
        let start = String(format: "%04d-%02d-01", month.year, month.month)
        var parameters = [
            BigQueryShapes.QueryParameter(name: "start", type: "DATE", value: start),
            BigQueryShapes.QueryParameter(name: "month", type: "STRING", value: String(format: "%04d%02d", month.year, month.month)),
            BigQueryShapes.QueryParameter(name: "project", type: "STRING", value: project),
        ]
        if let costLabel { parameters.append(BigQueryShapes.QueryParameter(name: "label", type: "STRING", value: costLabel)) }
        return BigQueryShapes.QueryRequest(query: sql, parameters: parameters, maximumBytesBilled: maximumBytesBilled)
    }
}

/// The billing export's month to date, read from the query's rows.
public struct GCPBillingBreakdown: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        /// 00:00 UTC of the usage day.
        public var day: Date
        public var endpoint: String?
        public var currency: String
        /// Cost plus credits (credits are negative).
        public var net: Decimal
        public var through: Date?
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    public init(table: BigQueryTable) throws {
        let call = GCPAPI.bigQueryJobs.name
        for column in ["day", "endpoint", "currency", "cost", "credits", "through"] where !table.columns.contains(column) {
            throw CollectorError.malformedResponse("\(call): no column \(column) in the answer")
        }
        rows = try table.rows.map { cells in
            guard let dayText = table.cell(cells, "day"), let day = Self.day(dayText) else {
                throw CollectorError.malformedResponse("\(call): a row has no usable day")
            }
            guard let currency = table.cell(cells, "currency"), !currency.isEmpty else {
                throw CollectorError.malformedResponse("\(call): a row has no currency")
            }
            guard let cost = Self.decimal(table.cell(cells, "cost") ?? "0"), let credits = Self.decimal(table.cell(cells, "credits") ?? "0") else {
                throw CollectorError.malformedResponse("\(call): a cost cell is not a number")
            }
            let through = table.cell(cells, "through").flatMap { Int64($0) }.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            return Row(
                day: day, endpoint: table.cell(cells, "endpoint").map { Sanitizer.clean($0) }, currency: Sanitizer.clean(currency),
                net: cost + credits, through: through
            )
        }
    }

    /// Currencies seen, the most used first.
    public var currencies: [String] {
        let counts = Dictionary(grouping: rows, by: \.currency).mapValues(\.count)
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }

    /// The latest usage end time in the export: what the billed figures cover.
    public var billedThrough: Date? { rows.compactMap(\.through).max() }

    public var endpointKeys: Set<String> { Set(rows.compactMap(\.endpoint)) }

    public func total(currency: String, where include: (Row) -> Bool = { _ in true }) -> Money {
        Money(rows.filter { $0.currency == currency && include($0) }.reduce(Decimal(0)) { $0 + $1.net }, currency)
    }

    /// One amount per day in `[from, before)`, oldest first, days without rows as zero.
    public func daily(currency: String, from: Date, before: Date, where include: (Row) -> Bool = { _ in true }) -> [Money] {
        var result: [Money] = []
        var day = from
        while day < before {
            let next = day.addingTimeInterval(86_400)
            let amount = rows.filter { $0.currency == currency && $0.day >= day && $0.day < next && include($0) }.reduce(Decimal(0)) { $0 + $1.net }
            result.append(Money(amount, currency))
            day = next
        }
        return result
    }

    /// `YYYY-MM-DD` as 00:00 UTC.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// A decimal cell: NUMERIC sums come as plain decimals; a FLOAT may use an exponent (`1.5E-5`).
    static func decimal(_ text: String) -> Decimal? {
        if let plain = Money.parseDecimal(text) { return plain }
        let allowed = CharacterSet(charactersIn: "0123456789.eE+-")
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(allowed.contains), text.contains(where: { $0.isNumber }) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
