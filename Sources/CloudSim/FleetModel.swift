import BurnwatchCore
import Foundation

/// A seeded, deterministic simulation of a fleet of inference endpoints across the three clouds.
///
/// Every answer is a function of (seed, scenario, start, the instant asked about) only: querying
/// minute M gives the same values whatever was queried before, in whatever order, at whatever
/// demo speed. The model holds no clock; callers pass the instant. Internally it memoises
/// autoscaler checkpoints and hourly costs behind per-endpoint locks, so one model can serve
/// several collectors concurrently.
///
/// Construction is O(endpoints); minute queries cost at most an hour of stepping per endpoint the
/// first time; month-to-date spend is synthesised per hour, not per minute.
public final class FleetModel: Sendable {
    public let scenario: FleetScenario
    public let seed: UInt64
    /// Minute 0 of the demo: scripted events and faults are timed from here.
    public let start: Date
    /// Every account of the fleet, sorted.
    public let accounts: [SimulatedAccount]
    /// Every endpoint, sorted by id.
    public let endpointIDs: [EndpointID]
    private let engines: [EndpointEngine]
    private let index: [EndpointID: Int]

    /// The seed `burnwatch demo` uses unless told otherwise.
    public static let defaultSeed: UInt64 = 0x6275_726E_7761_7463

    public init(scenario: FleetScenario = .demo, seed: UInt64 = FleetModel.defaultSeed, start: Date) {
        self.scenario = scenario
        self.seed = seed
        self.start = start
        accounts = scenario.allAccounts
        let sorted = scenario.endpoints.sorted { $0.id < $1.id }
        engines = sorted.map {
            EndpointEngine(spec: $0, events: scenario.events, prices: scenario.prices, seed: seed, start: start)
        }
        endpointIDs = sorted.map(\.id)
        var index: [EndpointID: Int] = [:]
        for (position, id) in endpointIDs.enumerated() where index[id] == nil { index[id] = position }
        self.index = index
    }

    func engine(_ id: EndpointID) -> EndpointEngine? {
        index[id].map { engines[$0] }
    }

    func engines(cloud: Cloud?) -> [EndpointEngine] {
        guard let cloud else { return engines }
        return engines.filter { $0.spec.id.cloud == cloud }
    }

    /// Whole minutes since `start` (negative before it).
    public func demoMinute(at date: Date) -> Int {
        Int((date.timeIntervalSince(start) / 60).rounded(.down))
    }

    /// The simulated endpoint behind an id.
    public func endpoint(_ id: EndpointID) -> SimulatedEndpoint? {
        engine(id)?.spec
    }

    /// The inventory as the clouds would list it at `date`, sorted by id.
    public func inventory(at date: Date, cloud: Cloud? = nil) -> [Endpoint] {
        let minute = SimTime.minute(containing: date)
        return engines(cloud: cloud).map {
            Endpoint(id: $0.spec.id, kind: $0.spec.kind, configuration: $0.configuration(at: minute), status: $0.spec.status)
        }
    }

    /// The truth about one endpoint for the minute containing `date`.
    public func minute(of endpoint: EndpointID, containing date: Date) -> EndpointMinute? {
        engine(endpoint)?.minutes(from: SimTime.minute(containing: date), count: 1).first
    }

    /// `count` consecutive minutes of one endpoint, the first one containing `from`.
    public func minutes(of endpoint: EndpointID, from: Date, count: Int) -> [EndpointMinute] {
        engine(endpoint)?.minutes(from: SimTime.minute(containing: from), count: count) ?? []
    }

    /// Every endpoint's minute containing `date`, sorted by id.
    public func snapshot(at date: Date) -> [EndpointMinute] {
        let minute = SimTime.minute(containing: date)
        return engines.compactMap { $0.minutes(from: minute, count: 1).first }
    }

    /// Per-minute samples of one metric for the `minutes` whole minutes that end at or before
    /// `endingAt`, oldest first; minutes the cloud would publish nothing for are absent.
    public func history(for endpoint: EndpointID, metric: Metric, minutes: Int, endingAt: Date) -> [MetricSample] {
        var result: [MetricSample] = []
        result.reserveCapacity(max(0, minutes))
        visitHistory(of: endpoint, minutes: minutes, endingAt: endingAt) { minute in
            if let sample = minute.sample(metric) { result.append(sample) }
        }
        return result
    }

    /// Like `history(for:metric:minutes:endingAt:)`, every metric at once (one stepping pass):
    /// the fast way to fill a day of history per endpoint for a memory benchmark.
    public func history(for endpoint: EndpointID, minutes: Int, endingAt: Date) -> [MetricSample] {
        var result: [MetricSample] = []
        result.reserveCapacity(max(0, minutes) * 5)
        visitHistory(of: endpoint, minutes: minutes, endingAt: endingAt) { result.append(contentsOf: $0.samples()) }
        return result
    }

    private func visitHistory(of endpoint: EndpointID, minutes: Int, endingAt: Date, _ body: (EndpointMinute) -> Void) {
        guard let engine = engine(endpoint), minutes > 0 else { return }
        let last = Int64((endingAt.timeIntervalSince1970 / 60).rounded(.down)) - 1
        engine.forEachMinute(from: last - Int64(minutes) + 1, count: minutes, body)
    }

    /// Spend of one endpoint between two instants, in USD.
    public func spend(of endpoint: EndpointID, from: Date, to: Date) -> Money {
        guard let engine = engine(endpoint) else { return .zero("USD") }
        return FleetModel.money(engine.spend(from: from.timeIntervalSince1970, to: to.timeIntervalSince1970))
    }

    /// Spend of every endpoint of one account between two instants, in USD.
    public func spend(of account: AccountID, from: Date, to: Date) -> Money {
        let total = engines.filter { $0.spec.id.accountID == account }.reduce(0.0) {
            $0 + $1.spend(from: from.timeIntervalSince1970, to: to.timeIntervalSince1970)
        }
        return FleetModel.money(total)
    }

    /// USD rounded to the micro-dollar through integers, so the decimal is the same on every platform.
    static func money(_ value: Double) -> Money {
        let micros = (value * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9e18 else { return .zero("USD") }
        return Money(Decimal(Int64(micros)) / 1_000_000, "USD")
    }
}
