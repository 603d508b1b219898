import BurnwatchCore
import Foundation

/// Cloud Monitoring `projects.timeSeries.list` (`GET /v3/projects/{p}/timeSeries`) over the
/// model's Vertex endpoints and publisher models (see `MonitoringMetricCatalog`).
///
/// - Raw points are one per minute, ending at the minute's end, and only for minutes that ended
///   at least `options.ingestDelay` before the simulator's "now"; a page's answer is computed at
///   the "now" of the first page, which the page token carries, so pages never shift.
/// - The interval selects points whose end lies in `(startTime, endTime]`; at most six weeks
///   (Monitoring's retention for these metrics) are looked at.
/// - Points come newest first; `int64Value` is a string; an empty answer is `{}`.
/// - `pageSize` counts points with `view=FULL` (a series may continue on the next page) and
///   series with `view=HEADERS`; at most 100,000. `view` defaults to FULL, its zero value, as
///   proto3 leaves an absent enum at zero.
struct MonitoringService: Sendable {
    let view: GCPFleetView
    let options: SimulatedGCPOptions

    static let maximumPageSize = 100_000
    static let retention: TimeInterval = 6 * 7 * 86_400

    struct Answer {
        var body: AWSJSONValue
        /// Series entries in this answer (Monitoring bills per time series returned).
        var seriesReturned: Int
    }

    func list(project: SimulatedAccount, request: GCPRequest, now clockNow: Date) throws(GCPServiceError) -> Answer {
        if !(request.parameter("orderBy") ?? "").isEmpty {
            throw .invalidArgument("Field orderBy had an invalid value: ordering is not supported.")
        }
        for name in ["secondaryAggregation.perSeriesAligner", "secondaryAggregation.crossSeriesReducer"]
        where !(request.parameter(name) ?? "").isEmpty {
            throw .invalidArgument("The simulator does not support secondaryAggregation.")
        }
        guard let filterText = request.parameter("filter"), !filterText.isEmpty else {
            throw .invalidArgument("Field filter had an invalid value of \"\": A filter must specify a metric type.")
        }
        let filter = try MonitoringFilter.parse(filterText)
        guard let endText = request.parameter("interval.endTime"), !endText.isEmpty else {
            throw .invalidArgument("Field interval.endTime had an invalid value of \"\": The end time must be specified.")
        }
        guard let end = GCPWireTime.parseRFC3339(endText) else {
            throw .invalidArgument("Invalid value at 'interval.end_time' (type.googleapis.com/google.protobuf.Timestamp), Field 'endTime', Illegal timestamp format; timestamps must end with 'Z' or have a valid timezone offset.")
        }
        var start = end
        if let startText = request.parameter("interval.startTime"), !startText.isEmpty {
            guard let parsed = GCPWireTime.parseRFC3339(startText) else {
                throw .invalidArgument("Invalid value at 'interval.start_time' (type.googleapis.com/google.protobuf.Timestamp), Field 'startTime', Illegal timestamp format; timestamps must end with 'Z' or have a valid timezone offset.")
            }
            start = parsed
        }
        guard start <= end else {
            throw .invalidArgument("Field interval.startTime had an invalid value of \"\(request.parameter("interval.startTime") ?? "")\": The start time must be before the end time (\(endText)) or equal to it.")
        }
        let headersOnly: Bool
        switch request.parameter("view") ?? "FULL" {
        case "FULL": headersOnly = false
        case "HEADERS": headersOnly = true
        case let other: throw .invalidArgument("Invalid value at 'view' (type.googleapis.com/google.monitoring.v3.ListTimeSeriesRequest.TimeSeriesView), \"\(other)\"")
        }
        var pageSize = MonitoringService.maximumPageSize
        if let text = request.parameter("pageSize"), !text.isEmpty {
            guard let value = Int(text), value >= 0 else { throw .invalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"\(text)\"") }
            if value > 0 { pageSize = min(value, MonitoringService.maximumPageSize) }
        }
        let aggregation = try MonitoringAggregation.parse(request)

        let fingerprint = GCPPageToken.fingerprint(request.query, ignoring: ["pageToken", "pageSize"], extra: project.id.account)
        var seriesOffset = 0, pointOffset = 0
        var now = clockNow
        if let token = request.parameter("pageToken"), !token.isEmpty {
            guard let positions = GCPPageToken.positions(token, count: 3, request: fingerprint), positions[0] >= 0, positions[1] >= 0
            else { throw .invalidArgument("Field pageToken had an invalid value of \"\(token)\": The page token is not valid for this request.") }
            seriesOffset = Int(positions[0])
            pointOffset = Int(positions[1])
            now = Date(timeIntervalSince1970: Double(positions[2]) / 1000)
        }

        guard let metric = MonitoringMetricCatalog(rawValue: filter.metricType) else {
            if filter.metricType.hasPrefix("aiplatform.googleapis.com/") || !filter.metricType.contains("/") {
                throw .notFound("Cannot find metric(s) that match type = \"\(filter.metricType)\".")
            }
            return Answer(body: [:], seriesReturned: 0)  // another service's metric: no data in this project
        }
        let raw = rawSeries(metric, project: project, start: start, end: end, now: now).filter(filter.matches)
        let series = try aggregation.apply(to: raw, start: start, end: end)
            .filter { !$0.points.isEmpty }
            .sorted { Self.sortKey($0) < Self.sortKey($1) }

        var entries: [AWSJSONValue] = []
        var budget = pageSize
        var index = seriesOffset
        var nextPosition: (Int, Int)?
        while index < series.count {
            let member = series[index]
            if headersOnly {
                guard budget > 0 else { nextPosition = (index, 0); break }
                entries.append(member.json(points: nil))
                budget -= 1
                index += 1
                continue
            }
            let newestFirst = Array(member.points.reversed())
            let skip = index == seriesOffset ? min(pointOffset, newestFirst.count) : 0
            guard budget > 0 else { nextPosition = (index, skip); break }
            let take = min(budget, newestFirst.count - skip)
            entries.append(member.json(points: newestFirst[skip..<skip + take]))
            budget -= take
            if skip + take < newestFirst.count {
                nextPosition = (index, skip + take)
                break
            }
            index += 1
        }
        if nextPosition == nil, index < series.count { nextPosition = (index, 0) }

        var members: [(String, AWSJSONValue)] = []
        if !entries.isEmpty { members.append(("timeSeries", .array(entries))) }
        if let (nextSeries, nextPoint) = nextPosition {
            let millis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
            members.append(("nextPageToken", .string(GCPPageToken.make([Int64(nextSeries), Int64(nextPoint), millis], request: fingerprint))))
        }
        if !entries.isEmpty, let unit = series.first?.unit, !unit.isEmpty { members.append(("unit", .string(unit))) }
        return Answer(body: .object(members), seriesReturned: entries.count)
    }

    private static func sortKey(_ series: MonitoringSeries) -> String {
        (series.resourceLabels + [("|", "|")] + series.metricLabels).map { "\($0.0)=\($0.1)" }.joined(separator: ",")
    }

    /// Every raw series of a metric in the project, points ending in `(start, end]` and published by `now`.
    func rawSeries(_ metric: MonitoringMetricCatalog, project: SimulatedAccount, start: Date, end: Date, now: Date) -> [MonitoringSeries] {
        let published = min(end, now.addingTimeInterval(-options.ingestDelay))
        let lastMinute = Int64((published.timeIntervalSince1970 / 60).rounded(.down)) - 1
        let earliest = max(start, end.addingTimeInterval(-MonitoringService.retention))
        var firstMinute = Int64((earliest.timeIntervalSince1970 / 60).rounded(.down))
        if start == end { firstMinute = lastMinute }  // a point exactly at the end time, if one ends there
        guard lastMinute >= firstMinute else { return [] }
        let count = Int(lastMinute - firstMinute + 1)
        let projectID = project.id.account
        let endpoints = metric.isPublisherMetric
            ? view.publisherModels(project: projectID, location: nil) : view.vertexEndpoints(project: projectID, location: nil)

        var result: [MonitoringSeries] = []
        for endpoint in endpoints {
            let id = endpoint.id
            let resourceLabels: [(String, String)]
            var deployedModelID: String?
            if metric.isPublisherMetric {
                let model = endpoint.configuration.model ?? id.name
                resourceLabels = [
                    ("location", id.region), ("model_user_id", model), ("publisher", GCPFleetView.publisher(of: model)),
                    ("resource_container", projectID),
                ]
            } else {
                resourceLabels = [("endpoint_id", view.endpointID(id)), ("location", id.region), ("resource_container", projectID)]
                deployedModelID = view.deployedModelID(id)
            }
            var bySeries: [String: MonitoringSeries] = [:]
            var order: [String] = []
            for minute in view.model.minutes(of: id, from: SimTime.date(minute: firstMinute), count: count) {
                let pointEnd = minute.start.addingTimeInterval(60)
                guard pointEnd > start || (start == end && pointEnd == end), pointEnd <= published else { continue }
                let pointStart = metric.kind == .delta ? minute.start : pointEnd
                for (labels, value) in metric.values(minute, deployedModelID: deployedModelID) {
                    let key = labels.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
                    if bySeries[key] == nil {
                        order.append(key)
                        bySeries[key] = MonitoringSeries(
                            metricType: metric.rawValue, metricLabels: labels, resourceType: metric.resourceType,
                            resourceLabels: resourceLabels, kind: metric.kind, valueType: metric.valueType, unit: metric.unit, points: []
                        )
                    }
                    bySeries[key]?.points.append(MonitoringPoint(start: pointStart, end: pointEnd, value: value))
                }
            }
            result += order.compactMap { bySeries[$0] }
        }
        return result
    }
}
