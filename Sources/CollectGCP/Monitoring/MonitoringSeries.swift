import Foundation

/// One reduced series, read: its surviving labels and its points, oldest first.
public struct MonitoringSeries: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        /// The end of the aligned period; the minute it describes starts one period earlier.
        public var end: Date
        public var value: Double
    }

    public var metricLabels: [String: String]
    public var resourceLabels: [String: String]
    public var points: [Point]

    /// A label by its group-by name: `resource.labels.endpoint_id` or `metric.labels.type`.
    public func label(_ field: String) -> String? {
        if field.hasPrefix("resource.labels.") { return resourceLabels[String(field.dropFirst("resource.labels.".count))] }
        if field.hasPrefix("metric.labels.") { return metricLabels[String(field.dropFirst("metric.labels.".count))] }
        return nil
    }

    /// Reads a series: points without a time or without a finite value are dropped, and the
    /// newest-first order of the API is turned around.
    init(_ series: MonitoringShapes.TimeSeries) {
        metricLabels = series.metric?.labels ?? [:]
        resourceLabels = series.resource?.labels ?? [:]
        points = (series.points ?? []).compactMap { point in
            guard let text = point.interval?.endTime, let end = GCPTime.parse(text), let value = point.value?.number else { return nil }
            return Point(end: end, value: value)
        }.sorted { $0.end < $1.end }
    }

    public init(metricLabels: [String: String], resourceLabels: [String: String], points: [Point]) {
        self.metricLabels = metricLabels
        self.resourceLabels = resourceLabels
        self.points = points
    }
}

/// Everything one `timeSeries.list` call returned, all pages merged.
public struct MonitoringResult: Sendable, Hashable {
    public var series: [MonitoringSeries] = []
    /// Series returned, what Cloud Monitoring bills for.
    public var seriesCount = 0
    public var pages = 0
    /// `executionErrors` and `unreachable` of the answer: the data may be incomplete.
    public var warnings: [String] = []

    public init() {}
}
