import BurnwatchCore
import Foundation

/// One billing scope of the simulated fleet and how its provider reports cost.
public struct SimulatedAccount: Sendable, Hashable {
    public var id: AccountID
    /// The monthly budget set on the account, where there is one.
    public var budget: Money?
    /// How far the provider's settled cost trails the clock: billed through the last whole hour minus this.
    public var billingLag: TimeInterval
    /// Whether the provider offers a month forecast (AWS Cost Explorer, Azure Cost Management do; GCP does not).
    public var providesForecast: Bool

    public init(id: AccountID, budget: Money? = nil, billingLag: TimeInterval? = nil, providesForecast: Bool? = nil) {
        self.id = id
        self.budget = budget
        self.billingLag = billingLag ?? SimulatedAccount.defaultBillingLag(id.cloud)
        self.providesForecast = providesForecast ?? (id.cloud != .gcp)
    }

    /// Typical settling delays: Cost Explorer's hourly data trails by several hours, the GCP billing
    /// export loads "throughout the day" (a few hours behind), Azure Cost Management refreshes every
    /// ~4 h on top of its own usage lag.
    public static func defaultBillingLag(_ cloud: Cloud) -> TimeInterval {
        switch cloud {
        case .aws: 6 * 3600
        case .gcp: 4 * 3600
        case .azure: 8 * 3600
        }
    }
}
