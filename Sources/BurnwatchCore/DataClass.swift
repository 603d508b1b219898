import Foundation

/// The three kinds of data a collector gathers, each on its own cadence.
public enum DataClass: String, Sendable, Hashable, CaseIterable, Codable {
    /// Live metrics: latency, invocations, errors, replicas (default every 60 s).
    case metrics
    /// Endpoints and their configuration (default every 5 min).
    case inventory
    /// Spend, forecasts and budgets (default every 4 h, cached on disk).
    case cost

    public var defaultCadence: TimeInterval {
        switch self {
        case .metrics: 60
        case .inventory: 300
        case .cost: 4 * 3600
        }
    }
}

/// How often each data class is polled.
public struct Cadences: Sendable, Hashable, Codable {
    public var metrics: TimeInterval
    public var inventory: TimeInterval
    public var cost: TimeInterval

    public init(metrics: TimeInterval = 60, inventory: TimeInterval = 300, cost: TimeInterval = 4 * 3600) {
        self.metrics = metrics
        self.inventory = inventory
        self.cost = cost
    }

    public subscript(dataClass: DataClass) -> TimeInterval {
        get {
            switch dataClass {
            case .metrics: metrics
            case .inventory: inventory
            case .cost: cost
            }
        }
        set {
            switch dataClass {
            case .metrics: metrics = newValue
            case .inventory: inventory = newValue
            case .cost: cost = newValue
            }
        }
    }

    public static let `default` = Cadences()
}
