import Foundation

extension FleetModel {
    /// The instant UI snapshot tests use: Monday 16 June 2025, 14:30 UTC (mid-month, working
    /// hours in Europe, morning in the US), 12 minutes into the demo script.
    public static let snapshotFixtureInstant = Date(timeIntervalSince1970: 1_750_084_200)

    /// The demo fleet for UI snapshot tests, started 12 minutes before `snapshotFixtureInstant`
    /// (so the spike has crossed its alarm line and the Azure throttling has just ended).
    ///
    /// Usage: `let model = FleetModel.snapshotFixture()`, then for each collector of
    /// `SimulatedCollector.fleet(model: model)` call `collect(.inventory/.metrics/.cost)` with
    /// `CollectContext(now: FleetModel.snapshotFixtureInstant, transport: …)` (the transport is
    /// never used) and feed the batches to the reducer. Same batches, byte for byte, on every run.
    public static func snapshotFixture() -> FleetModel {
        FleetModel(scenario: .demo, seed: defaultSeed, start: snapshotFixtureInstant.addingTimeInterval(-12 * 60))
    }
}
