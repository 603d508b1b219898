import BurnwatchCollect
import BurnwatchCore
import CloudSim
import Foundation
import Testing

@Suite struct SpikeTests {
    /// The burn ratio of the spiking endpoint at `minute` of a demo started at `start`, computed as
    /// burnwatch will: from the cost record the AWS collector returns, with the run-rate forecast.
    func assessment(start: Date, minute: Int) async throws -> BurnAssessment {
        let collector = SimulatedCollector(cloud: .aws, start: start)
        let now = minutes(minute, after: start)
        let batch = try await collector.collect(.cost, context: context(now))
        let record = try #require(batch.costs.first { $0.scope == .endpoint(FleetScenario.demoSpikeEndpoint) })
        let forecast = BurnCalculator.forecast(record: record, configured: nil, month: BillingMonth.containing(now))
        #expect(forecast?.1 == .runRate)
        return BurnCalculator.assess(spend: record.spendToDate, forecast: forecast, burnRatePerHour: record.burnRatePerHour, now: now)
    }

    /// The first demo minute at which the spiking endpoint is in alarm.
    func crossingMinute(start: Date) async throws -> Int? {
        for minute in 0...30 where try await assessment(start: start, minute: minute).band == .alarm {
            return minute
        }
        return nil
    }

    @Test(arguments: [
        "2025-06-02T14:30:00Z",  // early in the month
        "2025-06-16T14:30:00Z",  // mid-month, a Monday
        "2025-06-30T14:30:00Z",  // last day of a 30-day month
        "2025-03-31T03:00:00Z",  // last day of a 31-day month, at night in the US
        "2025-02-08T22:00:00Z",  // a Saturday evening
    ])
    func theSpikeCrossesTheAlarmLineWithinMinutes(startText: String) async throws {
        let start = utc(startText)
        let before = try await assessment(start: start, minute: 0)
        #expect(before.band != .alarm, "the demo opens below the alarm line")
        #expect((before.ratio ?? 0) > 0, "the endpoint has a history, so a run-rate forecast")
        let crossing = try #require(try await crossingMinute(start: start), "never crossed in 30 minutes")
        #expect(crossing >= 1 && crossing <= 5, "crossed at minute \(crossing)")
        let after = try await assessment(start: start, minute: crossing)
        #expect((after.ratio ?? 0) >= 1.5)
    }

    @Test func theSpikeCrossesAboutTwoMinutesInAtMidMonth() async throws {
        #expect(try await crossingMinute(start: utc("2025-06-16T14:30:00Z")) == 2)
    }

    @Test func theRunawayJobShowsInTheEndpointsMetrics() {
        let start = utc("2025-06-16T14:30:00Z")
        let model = FleetModel(start: start)
        let id = FleetScenario.demoSpikeEndpoint
        let before = model.minutes(of: id, from: minutes(-60, after: start), count: 60)
        let during = model.minutes(of: id, from: start, count: 10)
        #expect(before.allSatisfy { $0.invocations < 5 })
        #expect(during.allSatisfy { $0.invocations >= 40 })
        // About 600k tokens a minute: 60 calls × (9,000 + 1,000).
        #expect(during.allSatisfy { ($0.tokens ?? 0) > 400_000 })
        #expect(during.map(\.errors).reduce(0, +) > 0, "part of the retry storm is throttled")
        // And it ends after four hours.
        #expect(model.minutes(of: id, from: minutes(245, after: start), count: 10).allSatisfy { $0.invocations < 5 })
    }
}
