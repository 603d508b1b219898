import BurnwatchCore
import Foundation

/// Encodes the dashboard's state once, for the stand-up: aligned table, Markdown, CSV (RFC 4180) or JSON.
public enum ReportEncoder {
    public static let schema = "burnwatch.report/v1"

    /// - Parameter colour: ANSI colour for the table format; the caller decides (a terminal, and no `NO_COLOR`).
    public static func encode(_ state: AppState, format: ReportFormat, colour: Bool = false) -> String {
        let rows = state.rows.sorted { ($0.id.cloud, $0.id.account, $0.id.name) < ($1.id.cloud, $1.id.account, $1.id.name) }
            .map { ReportRow(row: $0, now: state.now) }
        switch format {
        case .json: return json(state, rows: rows).serialized() + "\n"
        case .csv: return csv(rows)
        case .markdown: return markdown(state, rows: rows)
        case .table: return table(state, rows: rows, colour: colour)
        }
    }

    // MARK: - JSON

    static func money(_ money: Money?) -> JSONValue {
        guard let money else { return .null }
        return .object([("amount", .string(money.decimalString)), ("currency", .string(money.currency))])
    }

    static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    static func integer(_ value: Int?) -> JSONValue { value.map { .integer($0) } ?? .null }
    static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The fleet screen's GPU column: model, memory and how many an instance carries.
    static func gpu(_ configuration: EndpointConfiguration) -> JSONValue {
        guard let gpu = configuration.gpu else { return .null }
        return .object([("name", .string(gpu.name)), ("memory_gb", .integer(gpu.memoryGB)), ("count", .integer(configuration.gpuCount ?? 1))])
    }

    static func json(_ state: AppState, rows: [ReportRow]) -> JSONValue {
        let endpoints: [JSONValue] = rows.map { r in
            let row = r.row
            return .object([
                ("cloud", .string(row.id.cloud.rawValue)),
                ("account", .string(row.id.account)),
                ("region", .string(row.id.region)),
                ("service", .string(row.id.service.rawValue)),
                ("kind", .string(row.endpoint.kind.rawValue)),
                ("name", .string(row.id.name)),
                ("instance_type", string(row.endpoint.configuration.instanceType)),
                ("gpu", gpu(row.endpoint.configuration)),
                ("latency_is_percentile", .bool(row.latencyIsPercentile)),
                ("p99_ms", number(row.p99?.value)),
                ("invocations_per_min", number(row.invocations?.value)),
                ("error_rate", number(row.errorRate?.value)),
                ("replicas", .object([
                    ("current", number(r.replicasCurrent)),
                    ("min", integer(r.replicasMin)),
                    ("max", integer(r.replicasMax)),
                ])),
                ("spend_mtd", money(row.burn.spendToDate)),
                ("forecast_mtd", money(row.burn.expectedToDate)),
                ("forecast_month", money(row.burn.forecast)),
                ("forecast_source", string(row.burn.forecastSource?.rawValue)),
                ("projected_month_end", money(row.burn.projectedMonthEnd)),
                ("burn", number(row.burn.ratio.map { NSDecimalNumber(decimal: $0).doubleValue })),
                ("state", .string(row.burn.band.rawValue)),
                ("time_to_alarm_s", row.burn.band == .alarm ? .integer(0) : integer(row.burn.timeToAlarm.map { Int($0.rounded()) })),
                ("includes_estimate", .bool(row.includesEstimate)),
                ("age_s", .object([
                    ("p99_ms", integer(r.age(row.p99?.observedAt))),
                    ("invocations_per_min", integer(r.age(row.invocations?.observedAt))),
                    ("error_rate", integer(r.age(row.errorRate?.observedAt))),
                    ("replicas", integer(r.age(r.replicasObservedAt))),
                    ("spend_mtd", integer(r.age(row.costFetchedAt))),
                ])),
                ("stale", .object([
                    ("metrics", .bool([row.p99, row.invocations, row.errorRate, row.replicas].contains { $0?.stale == true })),
                    ("cost", .bool(row.burn.stale)),
                ])),
            ])
        }
        let accounts: [JSONValue] = state.accountRows.map { account in
            .object([
                ("cloud", .string(account.account.cloud.rawValue)),
                ("account", .string(account.account.account)),
                ("spend_mtd", money(account.burn.spendToDate)),
                ("forecast_mtd", money(account.burn.expectedToDate)),
                ("forecast_month", money(account.burn.forecast)),
                ("forecast_source", string(account.burn.forecastSource?.rawValue)),
                ("budget", money(account.budget)),
                ("projected_month_end", money(account.burn.projectedMonthEnd)),
                ("burn", number(account.burn.ratio.map { NSDecimalNumber(decimal: $0).doubleValue })),
                ("state", .string(account.burn.band.rawValue)),
                ("age_s", integer(account.costFetchedAt.map { max(0, Int(state.now.timeIntervalSince($0).rounded())) })),
            ])
        }
        let collectors: [JSONValue] = state.collectors.values.sorted { $0.id < $1.id }.map { health in
            .object([
                ("id", .string(health.id.rawValue)),
                ("state", .string(health.state.label)),
                ("identity", string(health.identity)),
                ("calls_today", .integer(health.callsToday)),
                ("api_spend_today_usd", .string(Money(health.spendToday).formatted(fractionDigits: 4).replacingOccurrences(of: "$", with: ""))),
                ("last_error", string(health.lastError)),
                // The fix for refused or missing credentials (`gcloud auth application-default login`, a key file to check).
                ("hint", string(hint(health.state))),
                // What a round got past without failing (a region refused, a figure unavailable), newest last.
                ("issues", .array((state.issues[health.id] ?? []).map { .string($0.message) })),
            ])
        }
        return .object([
            ("schema", .string(schema)),
            ("generated_at", .string(ISO8601DateFormatter().string(from: state.now))),
            ("alarm_ratio", .string("\(state.settings.alarmRatio)")),
            ("alarm", .bool(state.alarmCrossed)),
            ("endpoints", .array(endpoints)),
            ("accounts", .array(accounts)),
            ("collectors", .array(collectors)),
        ])
    }

    // MARK: - CSV

    static let csvHeader = [
        "cloud", "account", "region", "service", "kind", "name", "p99_ms", "invocations_per_min", "error_rate",
        "replicas", "replicas_min", "replicas_max", "spend_mtd", "forecast_mtd", "currency", "burn", "state", "time_to_alarm",
    ]

    /// RFC 4180: CRLF line ends; fields with a comma, quote, CR or LF are quoted, quotes doubled.
    static func csv(_ rows: [ReportRow]) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [csvHeader.joined(separator: ",")]
        for r in rows {
            let row = r.row
            let fields = [
                row.id.cloud.rawValue, row.id.account, row.id.region, row.id.service.rawValue, row.endpoint.kind.rawValue, row.id.name,
                r.p99Text, r.invocationsText, row.errorRate.map { String(format: "%.4f", $0.value) } ?? "",
                r.replicasCurrent.map { String(Int($0.rounded())) } ?? "", r.replicasMin.map(String.init) ?? "",
                r.replicasMax.map(String.init) ?? "", r.spendText, r.expectedText, r.currency, r.burnText, r.stateWord, r.timeToAlarmText,
            ]
            lines.append(fields.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Markdown

    static func markdown(_ state: AppState, rows: [ReportRow]) -> String {
        func cell(_ text: String) -> String {
            text.isEmpty ? "—" : text.replacingOccurrences(of: "|", with: "\\|")
        }
        var out = "## burnwatch — \(isoMinute(state.now))\n\n"
        out += summaryLine(state) + "\n\n"
        let alarms = rows.filter { $0.row.burn.band == .alarm }
        if !alarms.isEmpty {
            out += "**Alarm line (\(state.settings.alarmRatio)× forecast) crossed:**\n\n"
            for r in alarms {
                out += "- ▲ `\(r.id.key)` spent \(r.row.burn.spendToDate?.formatted() ?? "—") against \(r.row.burn.expectedToDate?.formatted() ?? "—") expected (\(r.burnText)×)\n"
            }
            out += "\n"
        }
        out += "| Cloud | Account | Endpoint | Service | p99 ms | Inv/min | Errors | Replicas | Spend MTD | Expected | Burn | State |\n"
        out += "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n"
        for r in rows {
            let row = r.row
            let state = row.burn.band == .alarm ? "**ALARM**" : row.burn.band.rawValue
            out += "| " + [
                row.id.cloud.displayName, cell(row.id.account), cell(row.id.name), row.id.service.shortName, cell(r.p99Text),
                cell(r.invocationsText), cell(r.errorRateText), cell(r.replicasText), cell(row.burn.spendToDate?.formatted() ?? ""),
                cell(row.burn.expectedToDate?.formatted() ?? ""), cell(r.burnText.isEmpty ? "" : r.burnText + "×"), state,
            ].joined(separator: " | ") + " |\n"
        }
        out += failures(state, bullet: "- ")
        return out
    }

    // MARK: - Table

    static func table(_ state: AppState, rows: [ReportRow], colour: Bool) -> String {
        let headers = ["CLOUD", "ACCOUNT", "ENDPOINT", "SERVICE", "P99_MS", "INV/MIN", "ERRORS", "REPLICAS", "SPEND_MTD", "EXPECTED", "BURN", "STATE"]
        let rightAligned: Set<Int> = [4, 5, 6, 7, 8, 9, 10]
        var body: [[String]] = []
        for r in rows {
            let row = r.row
            body.append([
                row.id.cloud.displayName, row.id.account, row.id.name, row.id.service.shortName, r.p99Text.isEmpty ? "-" : r.p99Text,
                r.invocationsText.isEmpty ? "-" : r.invocationsText, r.errorRateText.isEmpty ? "-" : r.errorRateText,
                r.replicasText.isEmpty ? "-" : r.replicasText, r.spendText.isEmpty ? "-" : r.spendText,
                r.expectedText.isEmpty ? "-" : r.expectedText, r.burnText.isEmpty ? "-" : r.burnText,
                row.burn.band == .alarm ? "ALARM" : row.burn.band.rawValue,
            ])
        }
        var widths = headers.map(\.count)
        for line in body { for (index, value) in line.enumerated() { widths[index] = max(widths[index], value.count) } }
        func render(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                let padding = String(repeating: " ", count: widths[index] - value.count)
                return rightAligned.contains(index) ? padding + value : value + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let bold = colour ? "\u{1B}[1m" : "", red = colour ? "\u{1B}[1;31m" : "", yellow = colour ? "\u{1B}[33m" : ""
        let reset = colour ? "\u{1B}[0m" : ""
        var out = "burnwatch \(isoMinute(state.now))  " + summaryLine(state).replacingOccurrences(of: "**", with: "") + "\n\n"
        out += bold + render(headers) + reset + "\n"
        for (index, line) in body.enumerated() {
            let band = rows[index].row.burn.band
            let open = band == .alarm ? red : (band == .over ? yellow : "")
            out += open + render(line) + (open.isEmpty ? "" : reset) + "\n"
        }
        out += failures(state, bullet: "  ")
        return out
    }

    // MARK: - Shared

    static func summaryLine(_ state: AppState) -> String {
        var parts: [String] = []
        for total in state.totals {
            var text = "month to date **\(total.spend.formatted())**"
            if let forecast = total.forecast { text += " of \(forecast.formatted()) forecast" }
            if let ratio = total.burn.ratio { text += String(format: ", burn %.2f×", NSDecimalNumber(decimal: ratio).doubleValue) }
            parts.append(text)
        }
        let alarms = state.rows.filter { $0.burn.band == .alarm }.count
        parts.append("\(state.rows.count) endpoints, \(alarms) over the alarm line")
        return parts.joined(separator: "; ")
    }

    static func failures(_ state: AppState, bullet: String) -> String {
        let failing = state.collectors.values.filter { !$0.state.isHealthy }.sorted { $0.id < $1.id }
        guard !failing.isEmpty else { return "" }
        var out = "\nCollectors that did not report cleanly (the figures above omit or age their data):\n"
        for health in failing {
            out += bullet + "\(health.id): \(health.state.label)" + (health.lastError.map { " — \($0)" } ?? "")
                + (hint(health.state).map { " (fix: \($0))" } ?? "") + "\n"
        }
        return out
    }

    /// What to do about a collector's credentials, when its state carries that.
    static func hint(_ state: CollectorState) -> String? {
        switch state {
        case .authFailed(let hint), .noCredentials(let hint): hint.isEmpty ? nil : hint
        default: nil
        }
    }

    static func isoMinute(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return String(formatter.string(from: date).prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
