import Foundation

/// The settings the reducer and the burn maths need, from the config file (or defaults).
public struct Settings: Sendable, Hashable {
    public var alarmRatio: Decimal
    public var cadences: Cadences
    /// Monthly forecasts from the config, keyed `cloud/account` or `cloud/account/endpoint`.
    public var forecasts: [String: Money]
    /// Ingest delay of each cloud's metrics, added to the staleness limit.
    public var ingestDelay: [Cloud: TimeInterval]
    /// Theme names `t` cycles through, in order.
    public var themeNames: [String]

    public init(
        alarmRatio: Decimal = 1.5,
        cadences: Cadences = .default,
        forecasts: [String: Money] = [:],
        ingestDelay: [Cloud: TimeInterval] = [.aws: 120, .gcp: 180, .azure: 180],
        themeNames: [String] = ["default"]
    ) {
        self.alarmRatio = alarmRatio
        self.cadences = cadences
        self.forecasts = forecasts
        self.ingestDelay = ingestDelay
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
    }

    public func metricsPolicy(for cloud: Cloud) -> StalenessPolicy {
        StalenessPolicy(cadence: cadences.metrics, ingestDelay: ingestDelay[cloud] ?? 120)
    }

    public var costPolicy: StalenessPolicy { StalenessPolicy(cadence: cadences.cost, ingestDelay: 0) }
}
