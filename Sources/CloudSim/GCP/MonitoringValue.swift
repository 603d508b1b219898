import Foundation

/// A Cloud Monitoring point value, as the simulator computes with it (`TypedValue`).
enum MonitoringValue: Sendable, Hashable {
    case int64(Int64)
    case double(Double)
    case distribution(LatencyPopulation)

    var number: Double? {
        switch self {
        case .int64(let value): Double(value)
        case .double(let value): value
        case .distribution: nil
        }
    }

    /// The `TypedValue` JSON: `int64Value` as a string (proto3 JSON's int64), `doubleValue` as a
    /// number, `distributionValue` with exponential buckets.
    var json: AWSJSONValue {
        switch self {
        case .int64(let value): return .object([("int64Value", .string(String(value)))])
        case .double(let value): return .object([("doubleValue", .number(value))])
        case .distribution(let population):
            var members: [(String, AWSJSONValue)] = [("count", .string(String(population.count)))]
            if population.count > 0 {
                members.append(("mean", .number(population.mean)))
                members.append(("sumOfSquaredDeviation", .number(population.sumOfSquaredDeviation)))
            }
            members.append((
                "bucketOptions",
                [
                    "exponentialBuckets": [
                        "numFiniteBuckets": .number(Double(LatencyPopulation.finiteBuckets)),
                        "growthFactor": .number(LatencyPopulation.bucketGrowth), "scale": .number(LatencyPopulation.bucketScale),
                    ]
                ]
            ))
            let counts = population.bucketCounts()
            if !counts.isEmpty { members.append(("bucketCounts", .array(counts.map { .string(String($0)) }))) }
            return ["distributionValue": .object(members)]
        }
    }
}

/// `MetricKind` of a series.
enum MonitoringMetricKind: String, Sendable {
    case gauge = "GAUGE"
    case delta = "DELTA"
}

/// `ValueType` of a series.
enum MonitoringValueType: String, Sendable {
    case int64 = "INT64"
    case double = "DOUBLE"
    case distribution = "DISTRIBUTION"

    var isNumeric: Bool { self != .distribution }
}

/// One point: DELTA points cover `[start, end]`; GAUGE points have `start == end`.
struct MonitoringPoint: Sendable {
    var start: Date
    var end: Date
    var value: MonitoringValue
}

/// One time series: its identity and its points, oldest first (reversed on the wire).
struct MonitoringSeries: Sendable {
    var metricType: String
    /// Sorted by key.
    var metricLabels: [(String, String)]
    var resourceType: String
    /// Sorted by key.
    var resourceLabels: [(String, String)]
    var kind: MonitoringMetricKind
    var valueType: MonitoringValueType
    var unit: String
    var points: [MonitoringPoint]

    func label(_ field: MonitoringFilter.Field) -> String? {
        switch field {
        case .metricLabel(let name): metricLabels.first { $0.0 == name }?.1
        case .resourceLabel(let name): resourceLabels.first { $0.0 == name }?.1
        }
    }

    /// The series as `TimeSeries` JSON, with `points` (newest first) unless only the header is wanted.
    func json(points selected: ArraySlice<MonitoringPoint>?) -> AWSJSONValue {
        var metric: [(String, AWSJSONValue)] = []
        if !metricLabels.isEmpty { metric.append(("labels", .object(metricLabels.map { ($0.0, .string($0.1)) }))) }
        metric.append(("type", .string(metricType)))
        var resource: [(String, AWSJSONValue)] = [("type", .string(resourceType))]
        if !resourceLabels.isEmpty { resource.append(("labels", .object(resourceLabels.map { ($0.0, .string($0.1)) }))) }
        var members: [(String, AWSJSONValue)] = [
            ("metric", .object(metric)), ("resource", .object(resource)),
            ("metricKind", .string(kind.rawValue)), ("valueType", .string(valueType.rawValue)),
        ]
        if let selected {
            members.append((
                "points",
                .array(selected.map { point in
                    [
                        "interval": ["startTime": .string(GCPWireTime.rfc3339(point.start)), "endTime": .string(GCPWireTime.rfc3339(point.end))],
                        "value": point.value.json,
                    ]
                })
            ))
        }
        if !unit.isEmpty { members.append(("unit", .string(unit))) }
        return .object(members)
    }
}
