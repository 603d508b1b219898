import Foundation

/// One metric to read with `GetMetricData`: which series, at what period, with which statistic.
public struct CloudWatchMetricQuery: Sendable, Hashable {
    /// Unique within a call; a lowercase letter, then letters, digits and underscores (≤ 255).
    public var id: String
    public var namespace: String
    public var metricName: String
    public var dimensions: [CloudWatchShapes.Dimension]
    public var period: Int
    /// `Sum`, `Average`, `Maximum`, `SampleCount`, or an extended statistic such as `p99`.
    public var stat: String

    public init(id: String, namespace: String, metricName: String, dimensions: [CloudWatchShapes.Dimension], period: Int = 60, stat: String) {
        self.id = id
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.period = period
        self.stat = stat
    }

    /// Whether CloudWatch accepts `id` as a query id.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 255, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }

    var wireQuery: CloudWatchShapes.MetricDataQuery {
        CloudWatchShapes.MetricDataQuery(
            id: id,
            metricStat: CloudWatchShapes.MetricStat(
                metric: CloudWatchShapes.Metric(namespace: namespace, metricName: metricName, dimensions: dimensions),
                period: period, stat: stat
            ),
            returnData: true
        )
    }
}
