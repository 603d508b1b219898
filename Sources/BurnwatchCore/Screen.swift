/// The dashboard's screens. Adding one is one case here plus its renderer and one key binding.
public enum Screen: String, Sendable, Hashable, CaseIterable, Codable {
    case fleet
    case detail
    case budgets
    case collectors
    case help

    public var title: String {
        switch self {
        case .fleet: "Fleet"
        case .detail: "Endpoint"
        case .budgets: "Budgets"
        case .collectors: "Collectors"
        case .help: "Help"
        }
    }

    /// The screens that number keys and Tab cycle through, in order.
    public static let tabs: [Screen] = [.fleet, .budgets, .collectors, .help]
}

/// The columns the Fleet table can sort by (`s` cycles, `S` reverses).
public enum SortColumn: String, Sendable, Hashable, CaseIterable, Codable {
    case cloud, name, p99, invocations, errors, replicas, spend, burn

    public var title: String {
        switch self {
        case .cloud: "cloud"
        case .name: "name"
        case .p99: "p99"
        case .invocations: "inv/min"
        case .errors: "errors"
        case .replicas: "replicas"
        case .spend: "spend"
        case .burn: "burn"
        }
    }
}

/// The time windows of the Endpoint detail charts (`w` cycles).
public enum ChartWindow: String, Sendable, Hashable, CaseIterable, Codable {
    case m15 = "15m"
    case h1 = "1h"
    case h6 = "6h"
    case h24 = "24h"
    case d7 = "7d"

    public var duration: Double {
        switch self {
        case .m15: 900
        case .h1: 3600
        case .h6: 6 * 3600
        case .h24: 24 * 3600
        case .d7: 7 * 86_400
        }
    }
}
