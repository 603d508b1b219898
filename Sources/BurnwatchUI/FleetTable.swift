import BurnwatchCore
import Foundation

/// The Fleet table's columns for a given width: the essential ones always, the rest as room allows.
struct FleetTable {
    enum Column: Hashable {
        case name, service, p99, invocations, errors, replicas, spend, burn
        case spark, region, gpu, coldStarts, timeToAlarm, forecast, account
        /// p99 against the pinned rollout baseline.
        case p99Delta
    }

    struct Placed {
        var column: Column
        var x: Int
        var width: Int
    }

    var placed: [Placed] = []
    var barWidth = 6

    static let ratioWidth = 5
    static let wordWidth = 6

    static func baseWidth(_ column: Column) -> Int {
        switch column {
        case .name: 15
        case .service: 7
        case .p99: 6
        case .invocations: 6
        case .errors: 5
        case .replicas: 7
        case .spend: 6
        case .burn: 6 + 1 + ratioWidth + 1 + wordWidth - 1
        case .spark: 16
        case .region: 14
        case .gpu: 11
        case .coldStarts: 5
        case .timeToAlarm: 8
        case .forecast: 7
        case .account: 14
        case .p99Delta: 7
        }
    }

    /// Optional columns in the order they are added as the terminal widens, and where they sit.
    static let optional: [Column] = [.spark, .region, .gpu, .timeToAlarm, .coldStarts, .forecast, .account]
    static let order: [Column] = [
        .name, .account, .service, .region, .gpu, .p99, .p99Delta, .invocations, .spark, .errors, .replicas, .coldStarts,
        .spend, .forecast, .burn, .timeToAlarm,
    ]

    /// - Parameter baseline: a rollout baseline is pinned; its p99 delta then matters more than the
    ///   service column, which it replaces when the terminal is too narrow for both.
    init(width: Int, baseline: Bool = false) {
        // Column 0 holds the selection marker; each column is followed by one space.
        var chosen: Set<Column> = [.name, .service, .p99, .invocations, .errors, .replicas, .spend, .burn]
        if baseline {
            let needed = 1 + chosen.reduce(0) { $0 + Self.baseWidth($1) + 1 } + Self.baseWidth(.p99Delta) + 1
            if needed > width { chosen.remove(.service) }
            chosen.insert(.p99Delta)
        }
        var used = 1 + chosen.reduce(0) { $0 + Self.baseWidth($1) + 1 }
        for column in Self.optional where used + Self.baseWidth(column) + 1 <= width {
            chosen.insert(column)
            used += Self.baseWidth(column) + 1
        }
        var spare = max(0, width - used)
        var widths: [Column: Int] = [:]
        for column in chosen { widths[column] = Self.baseWidth(column) }
        let nameGrowth = min(spare, 24)
        widths[.name]! += nameGrowth
        spare -= nameGrowth
        let barGrowth = min(spare, 14)
        barWidth += barGrowth
        widths[.burn]! += barGrowth
        spare -= barGrowth
        if chosen.contains(.spark) {
            let sparkGrowth = min(spare, 24)
            widths[.spark]! += sparkGrowth
            spare -= sparkGrowth
        }
        widths[.name]! += min(spare, 16)
        var x = 1
        for column in Self.order where chosen.contains(column) {
            placed.append(Placed(column: column, x: x, width: widths[column]!))
            x += widths[column]! + 1
        }
    }

    func title(_ column: Column) -> (String, Bool) {
        switch column {
        case .name: ("ENDPOINT", false)
        case .service: ("SVC", false)
        case .p99: ("P99", true)
        case .invocations: ("INV/M", true)
        case .errors: ("ERR", true)
        case .replicas: ("REPL", true)
        case .spend: ("SPEND", true)
        case .burn: ("BURN vs FORECAST", false)
        case .spark: ("INVOCATIONS 1H", false)
        case .region: ("REGION", false)
        case .gpu: ("GPU", false)
        case .coldStarts: ("COLD", true)
        case .timeToAlarm: ("ALARM IN", true)
        case .forecast: ("FCAST", true)
        case .account: ("ACCOUNT", false)
        case .p99Delta: ("ΔP99", true)
        }
    }

    static func sortColumn(_ column: Column) -> SortColumn? {
        switch column {
        case .name: .name
        case .service: .cloud
        case .p99: .p99
        case .invocations: .invocations
        case .errors: .errors
        case .replicas: .replicas
        case .spend: .spend
        case .burn: .burn
        default: nil
        }
    }
}
