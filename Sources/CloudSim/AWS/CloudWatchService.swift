import BurnwatchCore
import Foundation

/// CloudWatch's ListMetrics and GetMetricData (awsJson1_0, API 2010-08-01) over the metrics of
/// `CloudWatchMetricCatalog`, for the caller's account in the signing region.
///
/// Only complete minutes at least `options.ingestDelay` old are published. Retention follows
/// CloudWatch's: a period under 5 minutes reads data up to 15 days old, under an hour up to 63
/// days, an hour or more up to 455 days; older minutes have no datapoints. Metric math and Metrics Insights queries are
/// refused (burnwatch does not use them).
struct CloudWatchService: Sendable {
    let view: AWSFleetView
    let options: SimulatedAWSOptions

    private static let services: Set<Service> = [.sageMakerRealtime, .sageMakerServerless, .bedrock]
    static let maximumQueries = 500
    static let retention: TimeInterval = 15 * 86_400

    /// How far back a query of this period can read.
    static func retention(period: Int) -> TimeInterval {
        period < 300 ? retention : period < 3600 ? 63 * 86_400 : 455 * 86_400
    }

    private struct Published {
        var endpoint: SimulatedEndpoint
        var id: CloudWatchMetricCatalog.MetricID
        var unit: String
    }

    private func catalog(_ call: AWSCall) -> [Published] {
        var result: [Published] = []
        for endpoint in view.endpoints(account: call.account, region: call.region, services: CloudWatchService.services) {
            let namespace = CloudWatchMetricCatalog.namespace(of: endpoint)
            let dimensions = CloudWatchMetricCatalog.dimensions(of: endpoint, view: view).sorted { $0.name < $1.name }
            for (name, unit) in CloudWatchMetricCatalog.metricNames(of: endpoint) {
                result.append(Published(
                    endpoint: endpoint, id: CloudWatchMetricCatalog.MetricID(namespace: namespace, name: name, dimensions: dimensions),
                    unit: unit
                ))
            }
        }
        return result
    }

    /// The start of the newest minute published at `now`.
    func newestPublishedMinute(at now: Date) -> Int64 {
        Int64(((now.timeIntervalSince1970 - options.ingestDelay) / 60).rounded(.down)) - 1
    }

    // MARK: ListMetrics

    func listMetrics(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let namespace = try call.string("Namespace")
        let metricName = try call.string("MetricName")
        var filters: [(String, String?)] = []
        for filter in call.json["Dimensions"]?.arrayValue ?? [] {
            guard let name = filter["Name"]?.stringValue else {
                throw invalidParameter("The parameter Dimensions.member.Name is required.")
            }
            filters.append((name, filter["Value"]?.stringValue))
        }
        let matches = catalog(call).filter { metric in
            if let namespace, metric.id.namespace != namespace { return false }
            if let metricName, metric.id.name != metricName { return false }
            return filters.allSatisfy { filter in
                metric.id.dimensions.contains { $0.name == filter.0 && (filter.1 == nil || $0.value == filter.1) }
            }
        }
        let fingerprint = AWSPageToken.fingerprint(call.json, ignoring: ["NextToken"])
        var offset = 0
        if let token = try call.string("NextToken") {
            guard let decoded = AWSPageToken.offset(token, request: fingerprint) else { throw invalidNextToken() }
            offset = decoded
        }
        let page = matches.dropFirst(offset).prefix(options.listMetricsPageSize)
        var members: [(String, AWSJSONValue)] = [(
            "Metrics",
            .array(page.map { metric in
                [
                    "Namespace": .string(metric.id.namespace), "MetricName": .string(metric.id.name),
                    "Dimensions": .array(metric.id.dimensions.map { ["Name": .string($0.name), "Value": .string($0.value)] }),
                ]
            })
        )]
        if offset + page.count < matches.count {
            members.append(("NextToken", .string(AWSPageToken.make(offset: offset + page.count, request: fingerprint))))
        }
        return .object(members)
    }

    // MARK: GetMetricData

    private struct Query {
        var id: String
        var label: String
        var metric: CloudWatchMetricCatalog.MetricID
        var period: Int
        var statistic: CloudWatchStatistic
        var unit: String?
        var returnData: Bool
    }

    func getMetricData(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        guard let rawQueries = call.json["MetricDataQueries"]?.arrayValue else {
            throw validationError("1 validation error detected: Value null at 'metricDataQueries' failed to satisfy constraint: Member must not be null")
        }
        guard rawQueries.count <= CloudWatchService.maximumQueries else {
            throw validationError("The collection MetricDataQueries must not have a size greater than \(CloudWatchService.maximumQueries).")
        }
        guard !rawQueries.isEmpty else {
            throw validationError("The collection MetricDataQueries must not be empty.")
        }
        guard let startValue = call.json["StartTime"]?.numberValue, let endValue = call.json["EndTime"]?.numberValue else {
            throw validationError("The parameters StartTime and EndTime are required, in epoch seconds.")
        }
        guard startValue < endValue else {
            throw validationError("The parameter StartTime must be less than the parameter EndTime.")
        }
        let scanBy = try call.string("ScanBy") ?? "TimestampDescending"
        guard scanBy == "TimestampDescending" || scanBy == "TimestampAscending" else {
            throw validationError("1 validation error detected: Value '\(scanBy)' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]")
        }
        let requestedLimit = try call.int("MaxDatapoints", in: 1...Int.max) ?? Int.max
        let pageLimit = min(options.maxDatapointsPerPage, requestedLimit)
        let queries = try parseQueries(rawQueries)

        // Start rounded down to the minute; the window clipped to what is published and retained
        // (each query is clipped again to its own period's retention below).
        let longestRetention = queries.map { CloudWatchService.retention(period: $0.period) }.max() ?? CloudWatchService.retention
        let firstMinute = max(
            Int64((startValue / 60).rounded(.down)),
            Int64(((call.now.timeIntervalSince1970 - longestRetention) / 60).rounded(.up))
        )
        let endMinute = min(Int64((endValue / 60).rounded(.up)), newestPublishedMinute(at: call.now) + 1)
        let published = catalog(call)
        var minuteCache: [EndpointID: [EndpointMinute]] = [:]
        func minutes(of endpoint: SimulatedEndpoint) -> [EndpointMinute] {
            if let cached = minuteCache[endpoint.id] { return cached }
            let count = Int(max(0, endMinute - firstMinute))
            let result = view.model.minutes(of: endpoint.id, from: Date(timeIntervalSince1970: Double(firstMinute) * 60), count: count)
            minuteCache[endpoint.id] = result
            return result
        }

        // Every datapoint of every query, in answer order.
        var series: [(query: Query, timestamps: [Double], values: [Double])] = []
        for query in queries where query.returnData {
            var timestamps: [Double] = []
            var values: [Double] = []
            if let source = published.first(where: { $0.id == query.metric }), query.unit == nil || query.unit == source.unit {
                let periodMinutes = Int64(query.period / 60)
                let retainedFrom = Int64(((call.now.timeIntervalSince1970 - CloudWatchService.retention(period: query.period)) / 60).rounded(.up))
                var buckets: [Int64: [CloudWatchMinuteValue]] = [:]
                for minute in minutes(of: source.endpoint) where SimTime.minute(containing: minute.start) >= retainedFrom {
                    guard let value = CloudWatchMetricCatalog.value(query.metric.name, of: source.endpoint, minute: minute) else { continue }
                    let index = (SimTime.minute(containing: minute.start) - firstMinute) / periodMinutes
                    buckets[index, default: []].append(value)
                }
                for index in buckets.keys.sorted() {
                    guard let value = query.statistic.value(of: buckets[index] ?? []) else { continue }
                    timestamps.append(Double((firstMinute + index * periodMinutes) * 60))
                    values.append(value)
                }
                if scanBy == "TimestampDescending" {
                    timestamps.reverse()
                    values.reverse()
                }
            }
            series.append((query, timestamps, values))
        }

        let fingerprint = AWSPageToken.fingerprint(call.json, ignoring: ["NextToken", "MaxDatapoints"])
        var offset = 0
        if let token = try call.string("NextToken") {
            guard let decoded = AWSPageToken.offset(token, request: fingerprint) else { throw invalidNextToken() }
            offset = decoded
        }
        let total = series.reduce(0) { $0 + $1.values.count }
        let pageEnd = min(total, offset + pageLimit)
        var results: [AWSJSONValue] = []
        var position = 0
        for entry in series {
            let lower = min(max(offset - position, 0), entry.values.count)
            let upper = min(max(pageEnd - position, 0), entry.values.count)
            position += entry.values.count
            // The first page names every query; later pages only those with datapoints on them.
            if offset > 0, upper == lower { continue }
            let complete = upper == entry.values.count
            results.append([
                "Id": .string(entry.query.id), "Label": .string(entry.query.label),
                "Timestamps": .array(entry.timestamps[lower..<upper].map { .number($0) }),
                "Values": .array(entry.values[lower..<upper].map { .number($0) }),
                "StatusCode": .string(complete ? "Complete" : "PartialData"),
            ])
        }
        var members: [(String, AWSJSONValue)] = [("MetricDataResults", .array(results))]
        if pageEnd < total {
            members.append(("NextToken", .string(AWSPageToken.make(offset: pageEnd, request: fingerprint))))
        }
        members.append(("Messages", .array([])))
        return .object(members)
    }

    private func parseQueries(_ raw: [AWSJSONValue]) throws(AWSServiceError) -> [Query] {
        var queries: [Query] = []
        var seen: Set<String> = []
        for (index, entry) in raw.enumerated() {
            let member = "MetricDataQueries.member.\(index + 1)"
            guard let id = entry["Id"]?.stringValue else { throw validationError("The parameter \(member).Id is required.") }
            guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 255,
                id.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "_" })
            else {
                throw validationError("The value \(id) for parameter \(member).Id is not valid: it must start with a lowercase letter and hold only letters, digits and underscores.")
            }
            guard seen.insert(id).inserted else { throw validationError("The values for parameter id in MetricDataQueries are not unique.") }
            if entry["Expression"] != nil {
                throw validationError("The parameter \(member).Expression is not supported by the simulated CloudWatch.")
            }
            guard let stat = entry["MetricStat"], let metric = stat["Metric"] else {
                throw validationError("The parameter \(member).MetricStat is required.")
            }
            guard let namespace = metric["Namespace"]?.stringValue, let name = metric["MetricName"]?.stringValue else {
                throw validationError("The parameters \(member).MetricStat.Metric.Namespace and MetricName are required.")
            }
            var dimensions: [CloudWatchMetricCatalog.Dimension] = []
            for dimension in metric["Dimensions"]?.arrayValue ?? [] {
                guard let dimensionName = dimension["Name"]?.stringValue, let value = dimension["Value"]?.stringValue else {
                    throw validationError("Every dimension of \(member) needs a Name and a Value.")
                }
                dimensions.append(.init(name: dimensionName, value: value))
            }
            guard let period = stat["Period"]?.intValue, period >= 60, period % 60 == 0 else {
                throw validationError("The parameter \(member).MetricStat.Period must be a multiple of 60.")
            }
            guard let statText = stat["Stat"]?.stringValue, let statistic = CloudWatchStatistic(statText) else {
                throw validationError("The parameter \(member).MetricStat.Stat is not a valid statistic.")
            }
            queries.append(Query(
                id: id, label: entry["Label"]?.stringValue ?? name,
                metric: .init(namespace: namespace, name: name, dimensions: dimensions.sorted { $0.name < $1.name }),
                period: period, statistic: statistic, unit: stat["Unit"]?.stringValue,
                returnData: entry["ReturnData"]?.boolValue ?? true
            ))
        }
        return queries
    }

    private func validationError(_ message: String) -> AWSServiceError {
        AWSServiceError(status: 400, code: "ValidationError", message: message, queryCode: "ValidationError")
    }

    private func invalidParameter(_ message: String) -> AWSServiceError {
        AWSServiceError(status: 400, code: "InvalidParameterValueException", message: message, queryCode: "InvalidParameterValue")
    }

    private func invalidNextToken() -> AWSServiceError {
        AWSServiceError(status: 400, code: "InvalidNextToken", message: "The service couldn't process your request because the NextToken is invalid.", queryCode: "InvalidNextToken")
    }
}
