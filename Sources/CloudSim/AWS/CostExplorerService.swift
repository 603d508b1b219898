import BurnwatchCore
import Foundation

/// Cost Explorer's GetCostAndUsage and GetCostForecast (awsJson1_1, API 2017-10-25, us-east-1 only).
///
/// Actual cost is the settled spend (through the last whole hour minus the billing lag); every
/// period of the current month is `Estimated`. The forecast over `[Start, End)` is what has been
/// spent but not yet settled (when the period starts by now) plus each endpoint's trailing daily
/// average over the rest of the period, so that month-to-date GetCostAndUsage plus
/// GetCostForecast(today → 1st of next month) equals the in-process collector's provider forecast.
///
/// Endpoints carry the cost-allocation tag `options.costTagKey` = their name; GroupBy TAG answers
/// `key$value` keys (`key$` for other tag keys: untagged). GroupBy DIMENSION supports SERVICE
/// ("Amazon SageMaker", "Amazon Bedrock"), REGION and LINKED_ACCOUNT; so does Filter, with Tags,
/// And, Or and Not.
struct CostExplorerService: Sendable {
    let view: AWSFleetView
    let options: SimulatedAWSOptions
    private let ledger: AWSCostLedger

    /// ResultsByTime entries per page (Cost Explorer pages large answers with NextPageToken).
    static let resultsPerPage = 100

    init(view: AWSFleetView, options: SimulatedAWSOptions) {
        self.view = view
        self.options = options
        ledger = AWSCostLedger(view: view)
    }

    private static let costMetrics = ["AmortizedCost", "BlendedCost", "NetAmortizedCost", "NetUnblendedCost", "UnblendedCost"]
    private static let usageMetrics = ["NormalizedUsageAmount", "UsageQuantity"]
    private static let dimensions = ["SERVICE", "REGION", "LINKED_ACCOUNT"]

    // MARK: GetCostAndUsage

    func getCostAndUsage(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let granularity = try call.string("Granularity", required: true) ?? ""
        guard ["DAILY", "MONTHLY", "HOURLY"].contains(granularity) else {
            throw .validation("1 validation error detected: Value '\(granularity)' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [DAILY, MONTHLY, HOURLY]")
        }
        let (start, end) = try timePeriod(call, hourly: granularity == "HOURLY")
        guard start < end else { throw .validation("Start date (and hour) should be before end date (and hour)") }
        let nextMonth = BillingMonth.containing(call.now).end
        guard end <= nextMonth else { throw .validation("end date past the beginning of next month") }

        guard let metricValues = call.json["Metrics"]?.arrayValue, !metricValues.isEmpty else {
            throw .validation("1 validation error detected: Value null at 'metrics' failed to satisfy constraint: Member must not be null")
        }
        var metrics: [String] = []
        for value in metricValues {
            guard let name = value.stringValue, (CostExplorerService.costMetrics + CostExplorerService.usageMetrics).contains(name) else {
                throw .validation("Metrics must be one of: \((CostExplorerService.costMetrics + CostExplorerService.usageMetrics).joined(separator: ", "))")
            }
            metrics.append(name)
        }
        let groups = try groupDefinitions(call)
        let filter = try call.json["Filter"].map { value throws(AWSServiceError) in try CostFilter(value, tagKey: options.costTagKey) }

        let settled = ledger.settledThrough(account: call.account, at: call.now)
        let monthStart = BillingMonth.containing(call.now).start
        let endpoints = ledger.endpoints(account: call.account).filter { filter?.matches($0, tagKey: options.costTagKey) ?? true }
        let periods = CostExplorerService.periods(from: start, to: end, granularity: granularity)

        let fingerprint = AWSPageToken.fingerprint(call.json, ignoring: ["NextPageToken"])
        var offset = 0
        if let token = try call.string("NextPageToken") {
            guard let decoded = AWSPageToken.offset(token, request: fingerprint) else {
                throw AWSServiceError(status: 400, code: "InvalidNextTokenException", message: "Invalid NextPageToken.")
            }
            offset = decoded
        }
        let page = periods.dropFirst(offset).prefix(CostExplorerService.resultsPerPage)

        var results: [AWSJSONValue] = []
        for period in page {
            var byGroup: [[String]: Double] = [:]
            var order: [[String]] = []
            var total = 0.0
            for endpoint in endpoints {
                let value = ledger.spend(of: endpoint, from: period.start, to: period.end, until: settled)
                total += value
                let keys = groups.map { key(of: endpoint, group: $0) }
                if byGroup[keys] == nil { order.append(keys) }
                byGroup[keys, default: 0] += value
            }
            let estimated = period.end > monthStart
            let timePeriod: AWSJSONValue = [
                "Start": .string(CostExplorerService.wireDate(period.start, hourly: granularity == "HOURLY")),
                "End": .string(CostExplorerService.wireDate(period.end, hourly: granularity == "HOURLY")),
            ]
            if groups.isEmpty {
                results.append([
                    "TimePeriod": timePeriod, "Total": amounts(metrics, total), "Groups": [], "Estimated": .bool(estimated),
                ])
            } else {
                let groupValues: [AWSJSONValue] = order.sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }.compactMap { keys -> AWSJSONValue? in
                    let value = byGroup[keys] ?? 0
                    guard value != 0 else { return nil }
                    return ["Keys": .array(keys.map { .string($0) }), "Metrics": amounts(metrics, value)]
                }
                results.append(["TimePeriod": timePeriod, "Total": [:], "Groups": .array(groupValues), "Estimated": .bool(estimated)])
            }
        }
        var members: [(String, AWSJSONValue)] = []
        if offset + page.count < periods.count {
            members.append(("NextPageToken", .string(AWSPageToken.make(offset: offset + page.count, request: fingerprint))))
        }
        if !groups.isEmpty {
            members.append(("GroupDefinitions", .array(groups.map { ["Type": .string($0.type), "Key": .string($0.key)] })))
        }
        members.append(("ResultsByTime", .array(results)))
        members.append(("DimensionValueAttributes", []))
        return .object(members)
    }

    private func amounts(_ metrics: [String], _ value: Double) -> AWSJSONValue {
        .object(metrics.map { name in
            CostExplorerService.usageMetrics.contains(name)
                ? (name, ["Amount": "0", "Unit": "N/A"])
                : (name, ["Amount": .string(AWSCostLedger.amount(value)), "Unit": "USD"])
        })
    }

    private struct GroupDefinition {
        var type: String
        var key: String
    }

    private func groupDefinitions(_ call: AWSCall) throws(AWSServiceError) -> [GroupDefinition] {
        let raw = call.json["GroupBy"]?.arrayValue ?? []
        guard raw.count <= 2 else { throw .validation("You can only group by up to two different dimensions or tags.") }
        var result: [GroupDefinition] = []
        for entry in raw {
            guard let type = entry["Type"]?.stringValue, let key = entry["Key"]?.stringValue else {
                throw .validation("Every GroupBy needs a Type and a Key.")
            }
            switch type {
            case "DIMENSION":
                guard CostExplorerService.dimensions.contains(key) else {
                    throw .validation("Group by dimension \(key) is not supported by the simulated Cost Explorer (SERVICE, REGION, LINKED_ACCOUNT are).")
                }
            case "TAG": break
            default:
                throw .validation("1 validation error detected: Value '\(type)' at 'groupBy.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [DIMENSION, TAG, COST_CATEGORY]")
            }
            result.append(GroupDefinition(type: type, key: key))
        }
        return result
    }

    private func key(of endpoint: SimulatedEndpoint, group: GroupDefinition) -> String {
        if group.type == "TAG" {
            return group.key == options.costTagKey ? "\(group.key)$\(endpoint.id.name)" : "\(group.key)$"
        }
        return CostFilter.dimension(group.key, of: endpoint) ?? ""
    }

    // MARK: GetCostForecast

    func getCostForecast(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let metric = try call.string("Metric", required: true) ?? ""
        let known = ["AMORTIZED_COST", "BLENDED_COST", "NET_AMORTIZED_COST", "NET_UNBLENDED_COST", "UNBLENDED_COST"]
        guard known.contains(metric) else {
            throw .validation("1 validation error detected: Value '\(metric)' at 'metric' failed to satisfy constraint: Member must satisfy enum value set: [\(known.joined(separator: ", "))]")
        }
        let granularity = try call.string("Granularity", required: true) ?? ""
        guard granularity == "DAILY" || granularity == "MONTHLY" else {
            throw .validation("Forecast granularity must be DAILY or MONTHLY.")
        }
        let (start, end) = try timePeriod(call, hourly: false)
        guard start < end else {
            throw .validation("Requested Start: \(AWSWireTime.day(start)) must be before requested End: \(AWSWireTime.day(end))")
        }
        let today = Date(timeIntervalSince1970: (call.now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        guard start >= today else {
            throw .validation("Start date must be equal to or later than the current date: \(AWSWireTime.day(today))")
        }
        var level: Int?
        if let value = try call.int("PredictionIntervalLevel", in: 51...99) { level = value }
        let filter = try call.json["Filter"].map { value throws(AWSServiceError) in try CostFilter(value, tagKey: options.costTagKey) }
        let endpoints = ledger.endpoints(account: call.account).filter { filter?.matches($0, tagKey: options.costTagKey) ?? true }

        let settled = ledger.settledThrough(account: call.account, at: call.now)
        let unsettled = endpoints.reduce(0.0) { $0 + ledger.spend(of: $1, from: settled, to: call.now, until: call.now) }
        let dailyRate = endpoints.reduce(0.0) { $0 + ledger.trailingDailyAverage(of: $1, at: call.now) }

        var rows: [AWSJSONValue] = []
        var total = 0.0
        for period in CostExplorerService.periods(from: start, to: end, granularity: granularity) {
            let ahead = max(0, period.end.timeIntervalSince(max(period.start, call.now)))
            var mean = dailyRate * ahead / 86_400
            // Spend that happened but is not settled yet belongs to the first period (today's).
            if period.start == start, start <= call.now { mean += unsettled }
            total += mean
            var row: [(String, AWSJSONValue)] = [
                ("TimePeriod", ["Start": .string(AWSWireTime.day(period.start)), "End": .string(AWSWireTime.day(period.end))]),
                ("MeanValue", .string(AWSCostLedger.amount(mean))),
            ]
            if let level {
                let spread = Double(level) / 100 * 0.2
                row.append(("PredictionIntervalLowerBound", .string(AWSCostLedger.amount(mean * (1 - spread)))))
                row.append(("PredictionIntervalUpperBound", .string(AWSCostLedger.amount(mean * (1 + spread)))))
            }
            rows.append(.object(row))
        }
        return ["Total": ["Amount": .string(AWSCostLedger.amount(total)), "Unit": "USD"], "ForecastResultsByTime": .array(rows)]
    }

    // MARK: Periods

    private func timePeriod(_ call: AWSCall, hourly: Bool) throws(AWSServiceError) -> (Date, Date) {
        guard let period = call.json["TimePeriod"], let startText = period["Start"]?.stringValue,
            let endText = period["End"]?.stringValue
        else {
            throw .validation("1 validation error detected: Value null at 'timePeriod' failed to satisfy constraint: Member must not be null")
        }
        for text in [startText, endText] where text.count != 10 && !hourly {
            throw .validation("Invalid date format: \(text). Expected YYYY-MM-DD.")
        }
        guard let start = AWSWireTime.parseDay(startText) else { throw .validation("Invalid date format: \(startText). Expected YYYY-MM-DD.") }
        guard let end = AWSWireTime.parseDay(endText) else { throw .validation("Invalid date format: \(endText). Expected YYYY-MM-DD.") }
        return (start, end)
    }

    struct Period: Hashable {
        var start: Date
        var end: Date
    }

    static func periods(from start: Date, to end: Date, granularity: String) -> [Period] {
        var result: [Period] = []
        var cursor = start
        while cursor < end {
            let next: Date
            switch granularity {
            case "HOURLY": next = cursor.addingTimeInterval(3600)
            case "MONTHLY": next = BillingMonth.containing(cursor).end
            default: next = Date(timeIntervalSince1970: ((cursor.timeIntervalSince1970 / 86_400).rounded(.down) + 1) * 86_400)
            }
            result.append(Period(start: cursor, end: min(next, end)))
            cursor = next
        }
        return result
    }

    private static func wireDate(_ date: Date, hourly: Bool) -> String {
        hourly ? String(AWSWireTime.iso8601(date).prefix(19)) + "Z" : AWSWireTime.day(date)
    }
}

/// A Cost Explorer `Expression` over the simulated endpoints.
indirect enum CostFilter: Sendable {
    case and([CostFilter])
    case or([CostFilter])
    case not(CostFilter)
    case dimension(String, Set<String>)
    case tag(String, Set<String>, absent: Bool)

    init(_ value: AWSJSONValue, tagKey: String) throws(AWSServiceError) {
        var found: [CostFilter] = []
        if let items = value["And"]?.arrayValue {
            var parts: [CostFilter] = []
            for item in items { parts.append(try CostFilter(item, tagKey: tagKey)) }
            found.append(.and(parts))
        }
        if let items = value["Or"]?.arrayValue {
            var parts: [CostFilter] = []
            for item in items { parts.append(try CostFilter(item, tagKey: tagKey)) }
            found.append(.or(parts))
        }
        if let inner = value["Not"] { found.append(.not(try CostFilter(inner, tagKey: tagKey))) }
        if let dimension = value["Dimensions"] {
            guard let key = dimension["Key"]?.stringValue, ["SERVICE", "REGION", "LINKED_ACCOUNT", "RECORD_TYPE"].contains(key) else {
                throw .validation("Filter dimension \(dimension["Key"]?.stringValue ?? "null") is not supported by the simulated Cost Explorer.")
            }
            found.append(.dimension(key, Set((dimension["Values"]?.arrayValue ?? []).compactMap(\.stringValue))))
        }
        if let tags = value["Tags"] {
            guard let key = tags["Key"]?.stringValue else { throw .validation("A Tags filter needs a Key.") }
            let absent = (tags["MatchOptions"]?.arrayValue ?? []).contains(.string("ABSENT"))
            found.append(.tag(key, Set((tags["Values"]?.arrayValue ?? []).compactMap(\.stringValue)), absent: absent))
        }
        if value["CostCategories"] != nil {
            throw .validation("Cost categories are not supported by the simulated Cost Explorer.")
        }
        guard found.count == 1, let only = found.first else {
            throw .validation("Expression must have exactly one of And, Or, Not, Dimensions, Tags or CostCategories.")
        }
        self = only
    }

    static func dimension(_ key: String, of endpoint: SimulatedEndpoint) -> String? {
        switch key {
        case "SERVICE": AWSCostLedger.serviceName(endpoint)
        case "REGION": endpoint.id.region
        case "LINKED_ACCOUNT": endpoint.id.account
        case "RECORD_TYPE": "Usage"
        default: nil
        }
    }

    func matches(_ endpoint: SimulatedEndpoint, tagKey: String) -> Bool {
        switch self {
        case .and(let parts): return parts.allSatisfy { $0.matches(endpoint, tagKey: tagKey) }
        case .or(let parts): return parts.contains { $0.matches(endpoint, tagKey: tagKey) }
        case .not(let inner): return !inner.matches(endpoint, tagKey: tagKey)
        case .dimension(let key, let values):
            return CostFilter.dimension(key, of: endpoint).map(values.contains) ?? false
        case .tag(let key, let values, let absent):
            let value = key == tagKey ? endpoint.id.name : nil
            if absent { return value == nil }
            return value.map(values.contains) ?? false
        }
    }
}
