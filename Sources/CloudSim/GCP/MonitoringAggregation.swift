import Foundation

/// `aggregation.*` of `timeSeries.list`: align each series into periods ending at the interval's
/// end time (`perSeriesAligner`, `alignmentPeriod`), then combine series that share the
/// `groupByFields` values (`crossSeriesReducer`). Validity and output kinds follow the
/// Aligner / Reducer documentation in the discovery document.
///
/// Numeric percentiles across series (`REDUCE_PERCENTILE_*` on INT64 / DOUBLE) interpolate
/// linearly between the closest ranks; distribution percentiles come from `LatencyPopulation`.
struct MonitoringAggregation: Sendable {
    enum Aligner: String, Sendable, CaseIterable {
        case none = "ALIGN_NONE"
        case delta = "ALIGN_DELTA"
        case rate = "ALIGN_RATE"
        case sum = "ALIGN_SUM"
        case mean = "ALIGN_MEAN"
        case max = "ALIGN_MAX"
        case min = "ALIGN_MIN"
        case count = "ALIGN_COUNT"
        case percentile99 = "ALIGN_PERCENTILE_99"
        case percentile95 = "ALIGN_PERCENTILE_95"
        case percentile50 = "ALIGN_PERCENTILE_50"
        case percentile05 = "ALIGN_PERCENTILE_05"
    }

    enum Reducer: String, Sendable, CaseIterable {
        case none = "REDUCE_NONE"
        case sum = "REDUCE_SUM"
        case mean = "REDUCE_MEAN"
        case max = "REDUCE_MAX"
        case min = "REDUCE_MIN"
        case count = "REDUCE_COUNT"
        case percentile99 = "REDUCE_PERCENTILE_99"
        case percentile95 = "REDUCE_PERCENTILE_95"
        case percentile50 = "REDUCE_PERCENTILE_50"
        case percentile05 = "REDUCE_PERCENTILE_05"
    }

    /// Enum values Monitoring has that the simulator does not compute.
    static let unsupportedAligners: Set<String> = [
        "ALIGN_INTERPOLATE", "ALIGN_NEXT_OLDER", "ALIGN_COUNT_TRUE", "ALIGN_COUNT_FALSE", "ALIGN_FRACTION_TRUE",
        "ALIGN_STDDEV", "ALIGN_PERCENT_CHANGE", "ALIGN_FRACTION_LESS_THAN", "ALIGN_MAKE_DISTRIBUTION",
    ]
    static let unsupportedReducers: Set<String> = [
        "REDUCE_STDDEV", "REDUCE_COUNT_TRUE", "REDUCE_COUNT_FALSE", "REDUCE_FRACTION_TRUE", "REDUCE_FRACTION_LESS_THAN",
        "REDUCE_MAKE_DISTRIBUTION",
    ]

    var aligner: Aligner
    var period: TimeInterval
    var reducer: Reducer
    var groupBy: [MonitoringFilter.Field]

    /// Reads `aggregation.*` from the query.
    static func parse(_ request: GCPRequest) throws(GCPServiceError) -> MonitoringAggregation {
        let alignerText = request.parameter("aggregation.perSeriesAligner") ?? ""
        let reducerText = request.parameter("aggregation.crossSeriesReducer") ?? ""
        let aligner: Aligner
        if alignerText.isEmpty {
            aligner = .none
        } else if let known = Aligner(rawValue: alignerText) {
            aligner = known
        } else if unsupportedAligners.contains(alignerText) {
            throw .invalidArgument("The simulator does not support the aligner \(alignerText).")
        } else {
            throw .invalidArgument("Invalid value at 'aggregation.per_series_aligner' (type.googleapis.com/google.monitoring.v3.Aggregation.Aligner), \"\(alignerText)\"")
        }
        let reducer: Reducer
        if reducerText.isEmpty {
            reducer = .none
        } else if let known = Reducer(rawValue: reducerText) {
            reducer = known
        } else if unsupportedReducers.contains(reducerText) {
            throw .invalidArgument("The simulator does not support the reducer \(reducerText).")
        } else {
            throw .invalidArgument("Invalid value at 'aggregation.cross_series_reducer' (type.googleapis.com/google.monitoring.v3.Aggregation.Reducer), \"\(reducerText)\"")
        }
        var period: TimeInterval = 0
        if aligner != .none {
            guard let text = request.parameter("aggregation.alignmentPeriod"), !text.isEmpty else {
                throw .invalidArgument("Field aggregation.alignmentPeriod had an invalid value of \"0s\": The alignment period must be specified when a per-series aligner other than ALIGN_NONE is given.")
            }
            guard let value = GCPWireTime.parseDuration(text) else {
                throw .invalidArgument("Invalid value at 'aggregation.alignment_period' (type.googleapis.com/google.protobuf.Duration), \"\(text)\"")
            }
            guard value >= 60 else {
                throw .invalidArgument("Field aggregation.alignmentPeriod had an invalid value of \"\(text)\": The alignment period must be at least 60 seconds.")
            }
            guard value <= 104 * 7 * 86_400 else {
                throw .invalidArgument("Field aggregation.alignmentPeriod had an invalid value of \"\(text)\": The alignment period must be at most 104 weeks.")
            }
            period = value
        }
        if reducer != .none, aligner == .none {
            throw .invalidArgument("Field aggregation.perSeriesAligner had an invalid value of \"ALIGN_NONE\": An aligner other than ALIGN_NONE must be specified when a cross-series reducer is specified.")
        }
        var groupBy: [MonitoringFilter.Field] = []
        for text in request.parameters("aggregation.groupByFields") where reducer != .none {
            if text == "resource.type" || text == "metric.type" { continue }  // always kept
            guard let field = MonitoringFilter.Field.parse(text) else {
                throw .invalidArgument("Field aggregation.groupByFields had an invalid value of \"\(text)\": only metric and resource labels can be grouped by.")
            }
            if !groupBy.contains(field) { groupBy.append(field) }
        }
        return MonitoringAggregation(aligner: aligner, period: period, reducer: reducer, groupBy: groupBy)
    }

    // MARK: Types

    /// The kind and value type after alignment, or an error naming why the aligner does not apply.
    func alignedType(_ kind: MonitoringMetricKind, _ type: MonitoringValueType) throws(GCPServiceError) -> (MonitoringMetricKind, MonitoringValueType) {
        func refuse() -> GCPServiceError {
            .invalidArgument("Field aggregation.perSeriesAligner had an invalid value of \"\(aligner.rawValue)\": The aligner cannot be applied to metrics with kind \(kind.rawValue) and value type \(type.rawValue).")
        }
        switch aligner {
        case .none: return (kind, type)
        case .delta:
            guard kind == .delta else { throw refuse() }
            return (.delta, type)
        case .rate:
            guard kind == .delta, type.isNumeric else { throw refuse() }
            return (.gauge, .double)
        case .sum: return (kind, type)
        case .mean:
            guard type.isNumeric else { throw refuse() }
            return (.gauge, .double)
        case .max, .min:
            guard type.isNumeric else { throw refuse() }
            return (.gauge, type)
        case .count:
            guard type.isNumeric else { throw refuse() }
            return (.gauge, .int64)
        case .percentile99, .percentile95, .percentile50, .percentile05:
            guard type == .distribution else { throw refuse() }
            return (.gauge, .double)
        }
    }

    func reducedType(_ kind: MonitoringMetricKind, _ type: MonitoringValueType) throws(GCPServiceError) -> (MonitoringMetricKind, MonitoringValueType) {
        func refuse() -> GCPServiceError {
            .invalidArgument("Field aggregation.crossSeriesReducer had an invalid value of \"\(reducer.rawValue)\": The reducer cannot be applied to metrics with kind \(kind.rawValue) and value type \(type.rawValue).")
        }
        switch reducer {
        case .none, .sum: return (kind, type)
        case .mean: return (.gauge, .double)
        case .max, .min:
            guard type.isNumeric else { throw refuse() }
            return (kind, type)
        case .count: return (kind, .int64)
        case .percentile99, .percentile95, .percentile50, .percentile05: return (.gauge, .double)
        }
    }

    // MARK: Computing

    /// Applies alignment then reduction to series whose points (oldest first) end in `(start, end]`.
    func apply(to series: [MonitoringSeries], start: Date, end: Date) throws(GCPServiceError) -> [MonitoringSeries] {
        guard let first = series.first else { return [] }
        let (alignedKind, alignedValueType) = try alignedType(first.kind, first.valueType)
        let (outputKind, outputValueType) = try reducedType(alignedKind, alignedValueType)
        guard aligner != .none else { return series }
        let aligned = series.map { align($0, kind: alignedKind, valueType: alignedValueType, start: start, end: end) }
            .filter { !$0.points.isEmpty }
        guard reducer != .none else { return aligned }

        var groups: [[String?]: [MonitoringSeries]] = [:]
        var order: [[String?]] = []
        for member in aligned {
            let key = [member.resourceType] + groupBy.map { member.label($0) }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(member)
        }
        return order.map { key in
            let members = groups[key] ?? []
            var metricLabels: [(String, String)] = []
            var resourceLabels: [(String, String)] = []
            for (field, value) in zip(groupBy, key.dropFirst()) {
                guard let value else { continue }
                switch field {
                case .metricLabel(let name): metricLabels.append((name, value))
                case .resourceLabel(let name): resourceLabels.append((name, value))
                }
            }
            var byEnd: [Date: [MonitoringPoint]] = [:]
            for member in members {
                for point in member.points { byEnd[point.end, default: []].append(point) }
            }
            let points = byEnd.keys.sorted().compactMap { endTime -> MonitoringPoint? in
                guard let bucket = byEnd[endTime], let value = reduce(bucket.map(\.value), to: outputValueType) else { return nil }
                return MonitoringPoint(start: outputKind == .delta ? bucket[0].start : endTime, end: endTime, value: value)
            }
            return MonitoringSeries(
                metricType: first.metricType, metricLabels: metricLabels.sorted { $0.0 < $1.0 }, resourceType: members[0].resourceType,
                resourceLabels: resourceLabels.sorted { $0.0 < $1.0 }, kind: outputKind, valueType: outputValueType,
                unit: outputValueType == .int64 && reducer == .count ? "1" : first.unit, points: points
            )
        }
    }

    /// One point per period `(e − period, e]`, periods ending at `end`, `end − period`, … after `start`.
    private func align(_ series: MonitoringSeries, kind: MonitoringMetricKind, valueType: MonitoringValueType, start: Date, end: Date)
        -> MonitoringSeries
    {
        var result = series
        result.kind = kind
        result.valueType = valueType
        result.points = []
        guard !series.points.isEmpty else { return result }
        // Walk the periods oldest first alongside the points (both ascending).
        let total = max(1, Int(((end.timeIntervalSince(start)) / period).rounded(.up)))
        var index = 0
        for k in stride(from: total - 1, through: 0, by: -1) {
            let periodEnd = end.addingTimeInterval(-Double(k) * period)
            let periodStart = periodEnd.addingTimeInterval(-period)
            while index < series.points.count, series.points[index].end <= periodStart { index += 1 }
            var values: [MonitoringValue] = []
            var scan = index
            while scan < series.points.count, series.points[scan].end <= periodEnd {
                values.append(series.points[scan].value)
                scan += 1
            }
            index = scan
            guard !values.isEmpty, let value = alignValues(values, valueType: valueType) else { continue }
            result.points.append(MonitoringPoint(start: kind == .delta ? periodStart : periodEnd, end: periodEnd, value: value))
        }
        return result
    }

    private func alignValues(_ values: [MonitoringValue], valueType: MonitoringValueType) -> MonitoringValue? {
        switch aligner {
        case .none: return values.last
        case .delta, .sum: return Self.sum(values)
        case .rate: return Self.sum(values)?.number.map { .double($0 / period) }
        case .mean: return Self.mean(values)
        case .max: return Self.extreme(values, largest: true)
        case .min: return Self.extreme(values, largest: false)
        case .count: return .int64(Int64(values.count))
        case .percentile99: return Self.distributionQuantile(values, 0.99)
        case .percentile95: return Self.distributionQuantile(values, 0.95)
        case .percentile50: return Self.distributionQuantile(values, 0.5)
        case .percentile05: return Self.distributionQuantile(values, 0.05)
        }
    }

    private func reduce(_ values: [MonitoringValue], to valueType: MonitoringValueType) -> MonitoringValue? {
        switch reducer {
        case .none: return values.first
        case .sum: return Self.sum(values)
        case .mean:
            if case .distribution = values.first {
                guard case .distribution(let merged)? = Self.sum(values), merged.count > 0 else { return nil }
                return .double(merged.mean)
            }
            return Self.mean(values)
        case .max: return Self.extreme(values, largest: true)
        case .min: return Self.extreme(values, largest: false)
        case .count: return .int64(Int64(values.count))
        case .percentile99: return Self.quantileAcross(values, 0.99)
        case .percentile95: return Self.quantileAcross(values, 0.95)
        case .percentile50: return Self.quantileAcross(values, 0.5)
        case .percentile05: return Self.quantileAcross(values, 0.05)
        }
    }

    private static func sum(_ values: [MonitoringValue]) -> MonitoringValue? {
        switch values.first {
        case .int64?: .int64(values.reduce(Int64(0)) { if case .int64(let v) = $1 { $0 &+ v } else { $0 } })
        case .double?: .double(values.reduce(0.0) { $0 + ($1.number ?? 0) })
        case .distribution?:
            .distribution(LatencyPopulation.merge(values.compactMap { if case .distribution(let p) = $0 { p } else { nil } }))
        case nil: nil
        }
    }

    private static func mean(_ values: [MonitoringValue]) -> MonitoringValue? {
        let numbers = values.compactMap(\.number)
        guard !numbers.isEmpty else { return nil }
        return .double(numbers.reduce(0, +) / Double(numbers.count))
    }

    private static func extreme(_ values: [MonitoringValue], largest: Bool) -> MonitoringValue? {
        values.max { a, b in
            let (x, y) = (a.number ?? 0, b.number ?? 0)
            return largest ? x < y : x > y
        }
    }

    private static func distributionQuantile(_ values: [MonitoringValue], _ quantile: Double) -> MonitoringValue? {
        guard case .distribution(let merged)? = sum(values), let value = merged.quantile(quantile) else { return nil }
        return .double(value)
    }

    private static func quantileAcross(_ values: [MonitoringValue], _ quantile: Double) -> MonitoringValue? {
        if case .distribution = values.first { return distributionQuantile(values, quantile) }
        let numbers = values.compactMap(\.number).sorted()
        guard !numbers.isEmpty else { return nil }
        let rank = quantile * Double(numbers.count - 1)
        let low = Int(rank.rounded(.down))
        let high = Swift.min(low + 1, numbers.count - 1)
        return .double(numbers[low] + (rank - Double(low)) * (numbers[high] - numbers[low]))
    }
}
