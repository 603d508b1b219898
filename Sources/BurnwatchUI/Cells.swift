import BurnwatchCore
import Foundation

/// How each kind of value reads in a table cell: missing as `—`, stale with `~` and the stale role.
enum Cells {
    static func observed(_ value: Observed<Double>?, glyphs g: Glyphs, format: (Double) -> String) -> (String, Role) {
        guard let value else { return (g.missing, .muted) }
        if value.stale { return (g.stale + format(value.value), .stale) }
        return (format(value.value), .text)
    }

    static func latency(_ row: EndpointRow, glyphs g: Glyphs) -> (String, Role) {
        // Azure OpenAI publishes no percentile: its figure is an average and is marked so.
        let mark = row.latencyIsPercentile ? "" : (g.unicode ? "≈" : "a")
        let (text, role) = observed(row.p99, glyphs: g) { mark + Format.latency($0) }
        return (text, role)
    }

    /// The change in p99 since the rollout baseline: `+38%` in warn when it grew by a fifth or more.
    static func p99Delta(_ row: EndpointRow, baseline: Baseline?, glyphs g: Glyphs) -> (String, Role) {
        guard let old = baseline?.values[row.id]?.p99, let new = row.p99?.value, old > 0 else { return (g.missing, .muted) }
        let change = (new - old) / old
        let text = (change >= 0 ? "+" : "") + FixedText.format(change * 100, digits: 0) + "%"
        return (text, change >= 0.2 ? .warn : (change <= -0.2 ? .ok : .text))
    }

    static func errorRate(_ value: Observed<Double>?, glyphs g: Glyphs) -> (String, Role) {
        guard let value else { return (g.missing, .muted) }
        if value.stale { return (g.stale + Format.percent(value.value), .stale) }
        let role: Role = value.value >= 0.05 ? .alarm : (value.value >= 0.01 ? .warn : .text)
        return (Format.percent(value.value), role)
    }

    /// Dedicated: `current/min-max`; serverless: `in-use/max` concurrency; managed APIs: provisioned units or `on-dmd`.
    static func replicas(_ row: EndpointRow, glyphs g: Glyphs) -> (String, Role) {
        let config = row.endpoint.configuration
        switch row.endpoint.kind {
        case .serverless:
            let limit = config.maxConcurrency.map { "/\($0)" } ?? ""
            if let concurrency = row.concurrency {
                return ((concurrency.stale ? g.stale : "") + Format.count(concurrency.value) + limit, concurrency.stale ? .stale : .text)
            }
            if let replicas = row.replicas {
                let range = config.maxReplicas.map { "/\(config.minReplicas ?? 0)-\($0)" } ?? ""
                return ((replicas.stale ? g.stale : "") + Format.count(replicas.value) + range, replicas.stale ? .stale : .text)
            }
            return (g.missing + limit, .muted)
        case .dedicated:
            let range = config.maxReplicas.map { "/\(config.minReplicas ?? 1)-\($0)" } ?? ""
            guard let replicas = row.replicas else { return (g.missing + range, .muted) }
            let atMax = config.maxReplicas.map { Int(replicas.value) >= $0 } ?? false
            let role: Role = replicas.stale ? .stale : (atMax ? .warn : .text)
            return ((replicas.stale ? g.stale : "") + Format.count(replicas.value) + range, role)
        case .managedAPI:
            if let units = config.provisionedUnits { return ("PT \(units)", .text) }
            return ("on-dmd", .muted)
        }
    }

    static func spend(_ burn: BurnAssessment, glyphs g: Glyphs) -> (String, Role) {
        guard let spend = burn.spendToDate else { return (g.missing, .muted) }
        return ((burn.stale ? g.stale : "") + spend.compact(), burn.stale ? .stale : .text)
    }

    static func timeToAlarm(_ burn: BurnAssessment, glyphs g: Glyphs) -> (String, Role) {
        if burn.band == .alarm, !burn.stale { return ("now", .alarm) }
        guard let seconds = burn.timeToAlarm else { return (g.missing, .muted) }
        return (TimeText.duration(seconds), seconds < 86_400 ? .alarm : .warn)
    }

    static func gpu(_ config: EndpointConfiguration, glyphs g: Glyphs) -> String? {
        guard let gpu = config.gpu else { return nil }
        let count = (config.gpuCount ?? 1) > 1 ? "\(config.gpuCount!)\(g.times)" : ""
        return "\(count)\(gpu.name) \(gpu.memoryGB)G"
    }

    /// `bar ratio word`: the bar with its forecast and alarm markers, the ratio, and the band as a word.
    static func burn(_ p: inout Painter, burn: BurnAssessment, x: Int, y: Int, barWidth: Int, alarmRatio: Decimal, selected: Bool) {
        let g = p.glyphs
        var cx = x
        for segment in BurnBar.segments(ratio: burn.ratio, band: burn.band, stale: burn.stale, width: barWidth, alarmRatio: alarmRatio, glyphs: g) {
            cx += p.text(segment.text, x: cx, y: y, role: segment.role, selected: selected)
        }
        cx += 1
        let ratioText = burn.ratio.map { Format.ratio($0, times: g.times) } ?? g.missing
        let ratioRole: Role = burn.ratio == nil ? .muted : (burn.stale ? .stale : .text)
        cx += p.cell(ratioText, x: cx, y: y, width: FleetTable.ratioWidth, role: ratioRole, alignRight: true, selected: selected)
        cx += 1
        let label = BurnBar.label(band: burn.band, stale: burn.stale, glyphs: g)
        if burn.band != .ok || burn.stale {
            p.cell(label.text, x: cx, y: y, width: FleetTable.wordWidth, role: label.role, selected: selected)
        }
    }
}
