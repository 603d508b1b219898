import BurnwatchCore

/// Everything that makes one simulated fleet: its endpoints, accounts, scripted events and
/// collector faults, and the prices it is charged. A plain value; `FleetModel` brings it to life.
public struct FleetScenario: Sendable, Hashable {
    public var name: String
    public var endpoints: [SimulatedEndpoint]
    /// Billing scopes. An account that endpoints use but this list omits gets the defaults of its cloud.
    public var accounts: [SimulatedAccount]
    public var events: [FleetEvent]
    public var faults: [SimulatedFault]
    public var prices: SimulatedPriceTable

    public init(
        name: String,
        endpoints: [SimulatedEndpoint],
        accounts: [SimulatedAccount] = [],
        events: [FleetEvent] = [],
        faults: [SimulatedFault] = [],
        prices: SimulatedPriceTable = .builtIn
    ) {
        self.name = name
        self.endpoints = endpoints
        self.accounts = accounts
        self.events = events
        self.faults = faults
        self.prices = prices
    }

    /// Every account of the fleet, declared or implied by an endpoint, sorted.
    public var allAccounts: [SimulatedAccount] {
        var result = accounts
        for endpoint in endpoints where !result.contains(where: { $0.id == endpoint.id.accountID }) {
            result.append(SimulatedAccount(id: endpoint.id.accountID))
        }
        return result.sorted { $0.id < $1.id }
    }
}
