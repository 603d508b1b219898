import Foundation

/// One `timeSeries.list` request: exactly one metric type on one monitored-resource type,
/// aligned per minute and reduced on the server to one series per group.
public struct MonitoringQuery: Sendable, Hashable {
    public enum View: String, Sendable, Hashable {
        /// Points and headers.
        case full = "FULL"
        /// Headers only: which series exist (billed per series all the same).
        case headers = "HEADERS"
    }

    /// e.g. `aiplatform.googleapis.com/prediction/online/prediction_latencies`.
    public var metricType: String
    /// e.g. `aiplatform.googleapis.com/Endpoint`.
    public var resourceType: String
    /// Metric labels the series must carry, e.g. `latency_type = total`.
    public var metricLabels: [String: String]
    /// `ALIGN_DELTA`, `ALIGN_MEAN`, …
    public var aligner: String
    /// `REDUCE_SUM`, `REDUCE_PERCENTILE_99`, …
    public var reducer: String
    /// The labels that survive the reduction, e.g. `resource.labels.endpoint_id`.
    public var groupByFields: [String]
    /// At least 60 s; the width of one point.
    public var alignmentPeriod: Int
    public var view: View

    public init(
        metricType: String, resourceType: String, metricLabels: [String: String] = [:], aligner: String, reducer: String,
        groupByFields: [String], alignmentPeriod: Int = 60, view: View = .full
    ) {
        self.metricType = metricType
        self.resourceType = resourceType
        self.metricLabels = metricLabels
        self.aligner = aligner
        self.reducer = reducer
        self.groupByFields = groupByFields
        self.alignmentPeriod = max(60, alignmentPeriod)
        self.view = view
    }

    /// The monitoring filter: `metric.type="…" AND resource.type="…" AND metric.labels.k="v"`.
    public var filter: String {
        var parts = ["metric.type=\(Self.quoted(metricType))", "resource.type=\(Self.quoted(resourceType))"]
        for key in metricLabels.keys.sorted() {
            parts.append("metric.labels.\(key)=\(Self.quoted(metricLabels[key]!))")
        }
        return parts.joined(separator: " AND ")
    }

    /// The query parameters, in a fixed order (`aggregation.groupByFields` repeated).
    public func queryItems(start: Date, end: Date, pageToken: String? = nil) -> [(String, String)] {
        var items: [(String, String)] = [
            ("filter", filter),
            ("interval.startTime", GCPTime.format(start)),
            ("interval.endTime", GCPTime.format(end)),
            ("aggregation.alignmentPeriod", "\(alignmentPeriod)s"),
            ("aggregation.perSeriesAligner", aligner),
            ("aggregation.crossSeriesReducer", reducer),
        ]
        items += groupByFields.map { ("aggregation.groupByFields", $0) }
        items.append(("view", view.rawValue))
        if let pageToken { items.append(("pageToken", pageToken)) }
        return items
    }

    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
