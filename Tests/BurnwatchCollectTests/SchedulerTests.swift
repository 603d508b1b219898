import BurnwatchCore
import Foundation
import Testing
@testable import BurnwatchCollect

/// The scheduler driven by a manual clock: no test waits for real time. Each test waits for the
/// events it expects (the time limit only guards against a broken scheduler hanging the run).
@Suite(.timeLimit(.minutes(1))) struct SchedulerTests {
    struct Harness {
        let scheduler: Scheduler
        let time: ManualTimeSource
        let log: EventLog

        init(_ collectors: [any Collector], policy: SchedulerPolicy = SchedulerPolicy(initialJitterCap: 0), cache: DiskCache? = nil) {
            time = ManualTimeSource(start: t0)
            log = EventLog()
            scheduler = Scheduler(
                collectors: collectors,
                transport: FakeTransport(),
                time: time,
                policy: policy,
                cache: cache,
                seed: 1,
                sink: log.sink
            )
        }

        func start() -> Task<Void, Never> {
            Task { await scheduler.run() }
        }
    }

    @Test func aHangingCollectorDoesNotStallAnother() async {
        let gate = Gate()
        let stuck = ScriptedCollector("sim/stuck", script: [.metrics: [.hang(gate)]])
        let healthy = ScriptedCollector("sim/healthy")
        let harness = Harness([stuck, healthy])
        let runner = harness.start()

        #expect(await harness.log.batch(from: "sim/healthy", number: 1).fetchedAt == t0)
        for round in 1...3 {
            harness.time.advance(by: 60)
            let batch = await harness.log.batch(from: "sim/healthy", number: round + 1)
            #expect(batch.fetchedAt == t0 + Double(60 * round))
        }

        let timedOut = await harness.log.health(of: "sim/stuck") { $0.lastError?.contains("timeout: no answer within 10 s") == true }
        #expect(timedOut.state == .unreachable)
        // Later rounds fail fast instead of calling the collector a second time.
        _ = await harness.log.health(of: "sim/stuck") { $0.lastError?.contains("has not returned yet") == true }
        #expect(stuck.callCount(.metrics) == 1)

        gate.open()
        runner.cancel()
        await runner.value
    }

    @Test func aFailingCollectorDoesNotStallAnotherAndItsBreakerOpens() async {
        let failing = ScriptedCollector("sim/failing", script: [.metrics: [.fail(.malformedResponse("truncated JSON"))]])
        let healthy = ScriptedCollector("sim/healthy")
        let harness = Harness([failing, healthy])
        let runner = harness.start()

        _ = await harness.log.batch(from: "sim/healthy", number: 1)
        let failed = await harness.log.health(of: "sim/failing") { $0.nextPoll[.metrics] == t0 + 60 }
        #expect(failed.state == .failing)
        #expect(failed.lastError == "metrics: malformed response: truncated JSON")

        harness.time.advance(to: t0 + 60)
        _ = await harness.log.batch(from: "sim/healthy", number: 2)
        _ = await harness.log.health(of: "sim/failing") { $0.nextPoll[.metrics] == t0 + 120 }

        harness.time.advance(to: t0 + 120)
        _ = await harness.log.batch(from: "sim/healthy", number: 3)
        let open = await harness.log.health(of: "sim/failing") { $0.state.isCircuitOpen }
        #expect(open.state == .circuitOpen(until: t0 + 180))

        harness.time.advance(to: t0 + 150)
        harness.time.advance(to: t0 + 180)
        #expect(await harness.log.batch(from: "sim/healthy", number: 4).fetchedAt == t0 + 180)
        #expect(healthy.callCount(.metrics) >= 4)

        runner.cancel()
        await runner.value
    }

    @Test func retryAfterIsHonouredWithinTheRound() async {
        let collector = ScriptedCollector("sim/a", script: [.metrics: [.fail(.throttled(retryAfter: 30)), .deliver]])
        let harness = Harness([collector])
        let runner = harness.start()

        let throttled = await harness.log.health(of: "sim/a") { $0.state.isThrottled }
        #expect(throttled.state == .throttled(until: t0 + 30))
        #expect(throttled.retries == 1)
        await harness.time.waitForSleepers(atLeast: 1)
        #expect(harness.time.pendingDeadlines == [t0 + 30])

        #expect(harness.time.advance(by: 29) == 0)
        #expect(collector.callCount(.metrics) == 1)
        harness.time.advance(by: 1)
        #expect(await harness.log.batch(from: "sim/a").fetchedAt == t0 + 30)
        let ok = await harness.log.health(of: "sim/a") { $0.state == .ok }
        #expect(ok.lastSuccess[.metrics] == t0 + 30)
        // The grid is kept: the next poll is the tick after the round's start, not 60 s after the retry.
        #expect(ok.nextPoll[.metrics] == t0 + 60)

        runner.cancel()
        await runner.value
    }

    @Test func aThrottleLongerThanTheTickSkipsRetriesAndHoldsPolling() async {
        let collector = ScriptedCollector("sim/a", script: [.metrics: [.deliver, .fail(.throttled(retryAfter: 90)), .deliver]])
        let harness = Harness([collector])
        let runner = harness.start()

        _ = await harness.log.batch(from: "sim/a", number: 1)
        harness.time.advance(by: 60)
        let throttled = await harness.log.health(of: "sim/a") { $0.state.isThrottled }
        #expect(throttled.state == .throttled(until: t0 + 150))
        #expect(throttled.nextPoll[.metrics] == t0 + 150)
        #expect(throttled.retries == 0)
        await harness.time.waitForSleepers(atLeast: 1)
        #expect(harness.time.pendingDeadlines == [t0 + 150])

        // The regular tick at t0+120 passes without a call.
        #expect(harness.time.advance(to: t0 + 120) == 0)
        #expect(collector.callCount(.metrics) == 2)

        harness.time.advance(to: t0 + 150)
        #expect(await harness.log.batch(from: "sim/a", number: 2).fetchedAt == t0 + 150)
        _ = await harness.log.health(of: "sim/a") { $0.lastSuccess[.metrics] == t0 + 150 }
        #expect(harness.log.stateLabels(of: "sim/a") == ["starting", "ok", "throttled", "ok"])

        runner.cancel()
        await runner.value
    }

    @Test func theBreakerOpensAfterThreeFailedRoundsAndProbesAfterTheCoolDown() async {
        let broken = CollectorError.malformedResponse("not JSON")
        let collector = ScriptedCollector("sim/a", script: [.metrics: [.fail(broken), .fail(broken), .fail(broken), .deliver]])
        var policy = SchedulerPolicy(initialJitterCap: 0)
        policy.circuitBreaker = CircuitBreaker.Configuration(coolDown: 100)
        let harness = Harness([collector], policy: policy)
        let runner = harness.start()

        let first = await harness.log.health(of: "sim/a") { $0.nextPoll[.metrics] == t0 + 60 }
        #expect(first.state == .failing)
        harness.time.advance(to: t0 + 60)
        _ = await harness.log.health(of: "sim/a") { $0.nextPoll[.metrics] == t0 + 120 }
        harness.time.advance(to: t0 + 120)
        let open = await harness.log.health(of: "sim/a") { $0.state.isCircuitOpen }
        #expect(open.state == .circuitOpen(until: t0 + 220))
        #expect(open.nextPoll[.metrics] == t0 + 220)

        await harness.time.waitForSleepers(atLeast: 1)
        #expect(harness.time.pendingDeadlines == [t0 + 220])
        #expect(harness.time.advance(to: t0 + 180) == 0)
        #expect(collector.callCount(.metrics) == 3)

        harness.time.advance(to: t0 + 220)
        #expect(await harness.log.batch(from: "sim/a").fetchedAt == t0 + 220)
        let closed = await harness.log.health(of: "sim/a") { $0.state == .ok }
        #expect(closed.nextPoll[.metrics] == t0 + 240)
        #expect(collector.callCount(.metrics) == 4)

        runner.cancel()
        await runner.value
    }

    @Test func loopsHeldByTheBreakerRunOnceItCloses() async {
        let broken = CollectorError.malformedResponse("not JSON")
        let collector = ScriptedCollector(
            "sim/a",
            cadences: [.metrics: 60, .inventory: 100],
            script: [.metrics: [.fail(broken), .fail(broken), .deliver], .inventory: [.fail(broken), .deliver]]
        )
        var policy = SchedulerPolicy(initialJitterCap: 0)
        policy.circuitBreaker = CircuitBreaker.Configuration(coolDown: 100)
        let harness = Harness([collector], policy: policy)
        let runner = harness.start()

        // t0: both classes fail (two failed rounds); t0+60: the third opens the breaker.
        _ = await harness.log.health(of: "sim/a") { $0.nextPoll[.metrics] == t0 + 60 && $0.nextPoll[.inventory] == t0 + 100 }
        harness.time.advance(to: t0 + 60)
        let open = await harness.log.health(of: "sim/a") { $0.state.isCircuitOpen }
        #expect(open.state == .circuitOpen(until: t0 + 160))

        // Ticks inside the open window are skipped and held until the probe time.
        harness.time.advance(to: t0 + 100)
        _ = await harness.log.health(of: "sim/a") { $0.nextPoll[.inventory] == t0 + 160 }
        harness.time.advance(to: t0 + 120)
        _ = await harness.log.health(of: "sim/a") { $0.nextPoll[.metrics] == t0 + 160 }
        #expect(collector.calls.count == 3)

        // One loop probes; when it succeeds the other is woken at once, without a clock move.
        harness.time.advance(to: t0 + 160)
        #expect(await harness.log.batch(from: "sim/a", number: 2).fetchedAt == t0 + 160)
        let batches = harness.log.events.compactMap { event -> DataClass? in
            if case .batch(let batch) = event { return batch.dataClass }
            return nil
        }
        #expect(Set(batches) == [.metrics, .inventory])
        #expect(collector.calls.count == 5)

        runner.cancel()
        await runner.value
    }

    @Test func anExhaustedRetryBudgetOpensTheBreaker() async {
        let collector = ScriptedCollector("sim/a", script: [.metrics: [.fail(.serverError(status: 503, "busy"))]])
        var policy = SchedulerPolicy(initialJitterCap: 0)
        policy.retryBudget = RetryBudget.Configuration(capacity: 5)
        let harness = Harness([collector], policy: policy)
        let runner = harness.start()

        let retrying = await harness.log.health(of: "sim/a") { $0.retries == 1 }
        #expect(retrying.lastError == "metrics: server error 503: busy")
        await harness.time.waitForSleepers(atLeast: 1)
        let retryAt = harness.time.pendingDeadlines[0]
        #expect(retryAt >= t0 && retryAt <= t0 + 1)

        harness.time.advance(to: t0 + 1)
        let open = await harness.log.health(of: "sim/a") { $0.state.isCircuitOpen }
        #expect(open.state == .circuitOpen(until: t0 + 61))
        #expect(open.retries == 1)
        #expect(collector.callCount(.metrics) == 2)

        runner.cancel()
        await runner.value
    }

    @Test func refreshWakesOnlyTheChosenLoops() async {
        let a = ScriptedCollector("sim/a", cadences: [.metrics: 60, .inventory: 300])
        let b = ScriptedCollector("sim/b", cadences: [.metrics: 60])
        let harness = Harness([a, b])
        let runner = harness.start()

        _ = await harness.log.batch(from: "sim/a", number: 2)
        _ = await harness.log.batch(from: "sim/b", number: 1)
        harness.scheduler.refresh(dataClasses: [.metrics], collector: "sim/a")
        let refreshed = await harness.log.batch(from: "sim/a", number: 3)
        #expect(refreshed.dataClass == .metrics)
        #expect(refreshed.fetchedAt == t0)
        #expect(a.callCount(.inventory) == 1)
        #expect(b.callCount(.metrics) == 1)
        // A refresh restarts the cadence from now.
        let health = await harness.log.health(of: "sim/a") { $0.lastSuccess[.metrics] == t0 && $0.nextPoll[.metrics] == t0 + 60 }
        #expect(health.state == .ok)

        runner.cancel()
        await runner.value
    }

    @Test func refreshIsIgnoredWhileThrottled() async {
        let collector = ScriptedCollector("sim/a", script: [.metrics: [.fail(.throttled(retryAfter: 600)), .deliver]])
        let harness = Harness([collector])
        let runner = harness.start()

        _ = await harness.log.health(of: "sim/a") { $0.state.isThrottled }
        await harness.time.waitForSleepers(atLeast: 1)
        let before = harness.time.registrations
        harness.scheduler.refresh()
        // The loop wakes, sees the hold and goes back to sleep until the same deadline.
        await harness.time.waitForSleepers(atLeast: 1, registeredAfter: before)
        #expect(harness.time.pendingDeadlines == [t0 + 600])
        #expect(collector.callCount(.metrics) == 1)

        harness.time.advance(to: t0 + 600)
        #expect(await harness.log.batch(from: "sim/a").fetchedAt == t0 + 600)

        runner.cancel()
        await runner.value
    }

    @Test func costIsServedFromTheDiskCacheUntilForced() async throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        let cached = CollectBatch(collector: "sim/billing", dataClass: .cost, fetchedAt: t0 - 600, issues: [CollectIssue("cached")])
        try cache.store(cached, key: "sim/billing/cost", fetchedAt: t0 - 600)
        let collector = ScriptedCollector("sim/billing", cadences: [.cost: 3600], script: [.cost: [.call(price: Decimal(string: "0.01")!)]])
        let harness = Harness([collector], cache: cache)
        let runner = harness.start()

        #expect(await harness.log.cachedBatch(from: "sim/billing") == cached)
        let health = await harness.log.health(of: "sim/billing") { $0.state == .ok }
        #expect(health.lastSuccess[.cost] == t0 - 600)
        #expect(health.nextPoll[.cost] == t0 + 3000)
        #expect(health.callsToday == 0)
        #expect(collector.callCount(.cost) == 0)

        harness.scheduler.refresh(dataClasses: [.cost])
        #expect(await harness.log.cachedBatch(from: "sim/billing", number: 2) == cached)
        #expect(collector.callCount(.cost) == 0)

        harness.scheduler.refresh(dataClasses: [.cost], force: true)
        let paid = await harness.log.batch(from: "sim/billing")
        #expect(paid.fetchedAt == t0)
        #expect(collector.callCount(.cost) == 1)
        let afterPaying = await harness.log.health(of: "sim/billing") { $0.callsToday == 1 }
        #expect(afterPaying.spendToday == Decimal(string: "0.01")!)
        #expect(cache.read(key: "sim/billing/cost", as: CollectBatch.self)?.fetchedAt == t0)

        runner.cancel()
        await runner.value
    }

    @Test func runOnceVisitsEveryClassOnceAndCutsHangsAtTheDeadline() async throws {
        let cache = DiskCache(directory: try makeTemporaryDirectory())
        try cache.store(CollectBatch(collector: "sim/a", dataClass: .cost, fetchedAt: t0 - 60), key: "sim/a/cost", fetchedAt: t0 - 60)
        let gate = Gate()
        let a = ScriptedCollector("sim/a", cadences: [.inventory: 300, .metrics: 60, .cost: 3600])
        let stuck = ScriptedCollector("sim/stuck", script: [.metrics: [.hang(gate)]])
        let harness = Harness([a, stuck], cache: cache)

        let report = Task { await harness.scheduler.runOnce(deadline: t0 + 5) }
        _ = await harness.log.batch(from: "sim/a", number: 2)
        _ = await harness.log.cachedBatch(from: "sim/a")
        harness.time.advance(to: t0 + 5)
        let events = await report.value

        #expect(a.calls.map(\.dataClass) == [.inventory, .metrics])
        let batches = events.compactMap { event -> String? in
            switch event {
            case .batch(let batch): "\(batch.collector) \(batch.dataClass.rawValue)"
            case .cachedBatch(let batch): "\(batch.collector) \(batch.dataClass.rawValue) cached"
            case .health: nil
            }
        }
        // In order per collector, so a cost round sees what the metrics round saw.
        #expect(batches == ["sim/a inventory", "sim/a metrics", "sim/a cost cached"])
        guard case .health(let lastA) = events[events.count - 2], case .health(let lastStuck) = events[events.count - 1] else {
            Issue.record("runOnce must end with one health per collector")
            return
        }
        #expect(lastA.id == "sim/a")
        #expect(lastA.state == .ok)
        #expect(lastStuck.id == "sim/stuck")
        #expect(lastStuck.state == .unreachable)
        #expect(lastStuck.lastError == "metrics: timeout: no answer within 5 s")
        gate.open()
    }

    @Test func callsAndSpendShowInHealth() async {
        let collector = ScriptedCollector("sim/a", script: [.metrics: [.call(price: Decimal(string: "0.004")!)]])
        let harness = Harness([collector])
        let runner = harness.start()

        let health = await harness.log.health(of: "sim/a") { $0.state == .ok }
        #expect(health.callsToday == 1)
        #expect(health.spendToday == Decimal(string: "0.004")!)
        #expect(harness.scheduler.ledger.total().calls == 1)

        runner.cancel()
        await runner.value
    }

    @Test func aRepeatedCollectorIDIsReportedNotRun() {
        let first = ScriptedCollector("aws/prod")
        let second = ScriptedCollector("aws/prod")
        let harness = Harness([first, second])
        let health = harness.scheduler.health()
        #expect(health.map(\.id) == ["aws/prod", "aws/prod"])
        #expect(health[0].state == .starting)
        #expect(health[1].state == .misconfigured)
        #expect(health[1].lastError == "another collector already uses the id aws/prod")
    }

    @Test func initialJitterSpreadsFirstPollsWithinItsCap() async {
        let collectors = (0..<8).map { ScriptedCollector(CollectorID("sim/\($0)"), cadences: [.metrics: 60, .cost: 14_400]) }
        let time = ManualTimeSource(start: t0)
        let log = EventLog()
        let scheduler = Scheduler(collectors: collectors, transport: FakeTransport(), time: time, seed: 5, sink: log.sink)
        let runner = Task { await scheduler.run() }

        let initial = await log.waitFor(8) { event in
            if case .health = event { return true }
            return false
        }
        let firstPolls = initial.flatMap { event -> [TimeInterval] in
            guard case .health(let health) = event else { return [] }
            return health.nextPoll.values.map { $0.timeIntervalSince(t0) }
        }
        #expect(firstPolls.count == 16)
        // 10 % of 60 s is 6 s, capped at 5 s; 10 % of 4 h is capped at 5 s too.
        #expect(firstPolls.allSatisfy { (0...5).contains($0) })
        #expect(Set(firstPolls).count > 8)

        runner.cancel()
        await runner.value
    }

    @Test func gridTicksSkipMissedRounds() {
        #expect(Scheduler.tick(after: t0, now: t0 + 10, cadence: 60) == t0 + 60)
        #expect(Scheduler.tick(after: t0, now: t0 + 60, cadence: 60) == t0 + 120)
        #expect(Scheduler.tick(after: t0, now: t0 + 200, cadence: 60) == t0 + 240)
    }
}
