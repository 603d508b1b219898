import BurnwatchApp
import BurnwatchCollect
import BurnwatchCore
import BurnwatchUI
import CloudSim
import Foundation
import Testing

/// The demo's pieces together, on a manual clock: the simulated fleet's collectors under the real
/// scheduler, their events folded by the reducer, the result rendered. The Azure collector is
/// throttled in simulated minutes 3 to 8; the others must not notice.
@Suite(.timeLimit(.minutes(2))) struct SimulatedFleetSchedulingTests {
    final class Events: @unchecked Sendable {
        // Touched under `lock` only.
        private let lock = NSLock()
        private var events: [SchedulerEvent] = []

        func append(_ event: SchedulerEvent) {
            lock.lock()
            events.append(event)
            lock.unlock()
        }

        var all: [SchedulerEvent] {
            lock.lock()
            defer { lock.unlock() }
            return events
        }

        func metricsBatches(from collector: CollectorID) -> [CollectBatch] {
            all.compactMap { event in
                if case .batch(let batch) = event, batch.collector == collector, batch.dataClass == .metrics { return batch }
                return nil
            }
        }
    }

    /// Polls (in real time) until `condition` holds; the scheduler runs on other threads.
    func eventually(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<4000 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }

    @Test func aThrottledCollectorNeverStallsTheOthersAndTheSpikeRaisesTheAlarm() async throws {
        let t0 = FleetModel.snapshotFixtureInstant
        let fleet = DemoFleet(start: t0)
        let time = ManualTimeSource(start: t0)
        let events = Events()
        let scheduler = Scheduler(
            collectors: fleet.collectors, transport: NoNetworkTransport(), time: time,
            policy: SchedulerPolicy(initialJitterCap: 0), seed: 7, sink: { events.append($0) })
        let running = Task { await scheduler.run() }
        defer { running.cancel() }

        var state = AppState(settings: Settings(cadences: DemoFleet.cadences), now: t0)
        _ = state.apply(.resize(columns: 120, rows: 40))
        var azureThrottledDuringWindow = false
        var consumed = 0
        for step in 0...(10 * 4) {
            let now = t0.addingTimeInterval(Double(step) * 15)
            time.advance(to: now)
            if step % 4 == 0 {
                // Every whole minute AWS and GCP deliver metrics stamped with that minute.
                for collector in ["sim/aws", "sim/gcp"] as [CollectorID] {
                    try await eventually("\(collector) metrics at minute \(step / 4)") {
                        events.metricsBatches(from: collector).contains { $0.fetchedAt == now }
                    }
                }
            }
            let all = events.all
            for event in all[consumed...] { _ = state.apply(event.appEvent) }
            consumed = all.count
            _ = state.apply(.tick(now))
            let minute = Double(step) / 4
            if minute >= 3.5, minute < 7.5, case .throttled = state.collectors["sim/azure"]?.state {
                azureThrottledDuringWindow = true
            }
        }

        #expect(azureThrottledDuringWindow, "the Collectors screen shows the throttle while it lasts")
        let azureMinutes = events.metricsBatches(from: "sim/azure").map { Int($0.fetchedAt.timeIntervalSince(t0) / 60) }
        #expect(!azureMinutes.contains { (4...7).contains($0) }, "no Azure metrics while throttled")
        #expect(azureMinutes.contains { $0 >= 8 }, "Azure recovers after the window")
        if case .ok = state.collectors["sim/azure"]?.state {} else {
            Issue.record("Azure should be ok again, is \(String(describing: state.collectors["sim/azure"]?.state))")
        }

        // The runaway job: over the alarm line within the first minutes, on screen with glyph and word.
        let spike = try #require(state.rows.first { $0.id == FleetScenario.demoSpikeEndpoint })
        #expect(spike.burn.band == .alarm)
        #expect(state.alarmCrossed)
        let frame = Renderer.render(state, theme: .builtIn, capabilities: .monoUnicode)
        let text = (0..<frame.height).map { frame.text(row: $0) }
        #expect(text.contains { $0.contains(FleetScenario.demoSpikeEndpoint.name) && $0.contains("▲ALARM") })
    }
}
