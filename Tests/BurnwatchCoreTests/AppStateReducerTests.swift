import BurnwatchCore
import Foundation
import Testing

@Suite struct AppStateReducerTests {
    let now = utc(2026, 11, 16, 12)
    let collector: CollectorID = "test/aws"

    func endpoint(_ name: String, _ service: Service = .sageMakerRealtime, account: String = "111") -> Endpoint {
        Endpoint(id: EndpointID(account: account, region: "us-east-1", service: service, name: name))
    }

    /// A state with `names` in inventory and one minute of p99 for each (p99 = index × 10).
    func state(_ names: [String], rows: Int = 24) -> AppState {
        var state = AppState(settings: Settings(themeNames: ["default", "light", "mono"]), now: now)
        _ = state.apply(.resize(columns: 100, rows: rows))
        let inventory = names.map { endpoint($0) }
        var samples: [MetricSample] = []
        for (index, item) in inventory.enumerated() {
            samples.append(MetricSample(endpoint: item.id, metric: .p99LatencyMs, time: now.addingTimeInterval(-120), value: Double(index) * 10))
        }
        _ = state.apply(.batch(CollectBatch(collector: collector, dataClass: .inventory, fetchedAt: now, inventory: inventory, samples: samples)))
        return state
    }

    @Test func quitKeyAsksToQuit() {
        var s = state(["a"])
        #expect(s.apply(.key(.character("q"))) == [.quit])
    }

    @Test func movementStaysInBoundsAndScrolls() {
        var s = state((0..<50).map { String(format: "ep-%02d", $0) }, rows: 24)
        #expect(s.ui.tableRows == 19)
        _ = s.apply(.key(.up))
        #expect(s.ui.selection[.fleet] == 0)
        for _ in 0..<25 { _ = s.apply(.key(.character("j"))) }
        #expect(s.ui.selection[.fleet] == 25)
        #expect(s.ui.scroll[.fleet] == 7, "the selection is the last visible row")
        _ = s.apply(.key(.character("G")))
        #expect(s.ui.selection[.fleet] == 49)
        #expect(s.ui.scroll[.fleet] == 31)
        _ = s.apply(.key(.pageUp))
        #expect(s.ui.selection[.fleet] == 30)
        _ = s.apply(.key(.character("g")))
        #expect(s.ui.selection[.fleet] == 0)
        #expect(s.ui.scroll[.fleet] == 0)
        #expect(s.ui.selectedEndpoint?.name == "ep-00")
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var s = state((0..<50).map { String(format: "ep-%02d", $0) }, rows: 60)
        _ = s.apply(.key(.character("G")))
        _ = s.apply(.resize(columns: 80, rows: 24))
        let top = s.ui.scroll[.fleet] ?? 0
        #expect(top <= 49 && 49 < top + s.ui.tableRows)
    }

    @Test func filterNarrowsAndEscapeClears() {
        var s = state(["llm-prod", "llm-canary", "embed"])
        _ = s.apply(.key(.character("/")))
        #expect(s.ui.filterEditing)
        for c in "llm" { _ = s.apply(.key(.character(c))) }
        // While editing, letters are text, not commands.
        _ = s.apply(.key(.character("q")))
        _ = s.apply(.key(.backspace))
        _ = s.apply(.key(.enter))
        #expect(!s.ui.filterEditing)
        #expect(s.visibleRows.map(\.id.name).sorted() == ["llm-canary", "llm-prod"])
        _ = s.apply(.key(.escape))
        #expect(s.ui.filter.isEmpty)
        #expect(s.visibleRows.count == 3)
    }

    @Test func invertedFilter() {
        var s = state(["llm-prod", "llm-canary", "embed"])
        _ = s.apply(.key(.character("/")))
        for c in "!llm" { _ = s.apply(.key(.character(c))) }
        #expect(s.visibleRows.map(\.id.name) == ["embed"])
    }

    @Test func sortCyclesAndReversesWithMissingLast() {
        var s = state(["a", "b", "c"])
        // Give "a" no p99 at all: it has index 0 so p99 0 — replace with a fresh endpoint without data.
        _ = s.apply(.batch(CollectBatch(collector: "other", dataClass: .inventory, fetchedAt: now, inventory: [endpoint("zz-none", account: "222")])))
        while s.ui.sort != .p99 { _ = s.apply(.key(.character("s"))) }
        #expect(s.ui.sortDescending)
        #expect(s.visibleRows.map(\.id.name) == ["c", "b", "a", "zz-none"])
        _ = s.apply(.key(.character("S")))
        #expect(s.visibleRows.map(\.id.name) == ["a", "b", "c", "zz-none"])
    }

    @Test func selectionFollowsTheEndpointAcrossResorts() {
        var s = state(["a", "b", "c"])
        _ = s.apply(.key(.down))
        #expect(s.ui.selectedEndpoint?.name == "b")
        while s.ui.sort != .p99 { _ = s.apply(.key(.character("s"))) }
        #expect(s.ui.selectedEndpoint?.name == "b")
        #expect(s.visibleRows[s.ui.selection[.fleet]!].id.name == "b")
    }

    @Test func enterOpensDetailAndEscapeReturns() {
        var s = state(["a", "b"])
        _ = s.apply(.key(.enter))
        #expect(s.ui.screen == .detail)
        _ = s.apply(.key(.character("w")))
        #expect(s.ui.chartWindow == .h6)
        _ = s.apply(.key(.escape))
        #expect(s.ui.screen == .fleet)
    }

    @Test func detailStepsThroughTheFleetRows() {
        var s = state(["a", "b", "c"])
        _ = s.apply(.key(.enter))
        _ = s.apply(.key(.character("j")))
        #expect(s.ui.screen == .detail)
        #expect(s.ui.selectedEndpoint?.name == "b")
        #expect(s.ui.selection[.fleet] == 1)
        _ = s.apply(.key(.up))
        #expect(s.ui.selectedEndpoint?.name == "a")
    }

    @Test func screensSwitchByNumberTabAndHelp() {
        var s = state(["a"])
        _ = s.apply(.key(.character("2")))
        #expect(s.ui.screen == .budgets)
        _ = s.apply(.key(.tab))
        #expect(s.ui.screen == .collectors)
        _ = s.apply(.key(.character("?")))
        #expect(s.ui.screen == .help)
        _ = s.apply(.key(.escape))
        #expect(s.ui.screen == .collectors)
        _ = s.apply(.key(.backTab))
        #expect(s.ui.screen == .budgets)
    }

    @Test func themeCyclesWithAnEffect() {
        var s = state(["a"])
        #expect(s.apply(.key(.character("t"))).contains(.applyTheme("light")))
        #expect(s.apply(.key(.character("t"))).contains(.applyTheme("mono")))
        #expect(s.apply(.key(.character("t"))).contains(.applyTheme("default")))
    }

    @Test func refreshNeverPassesTheCostGateSilently() {
        var s = state(["a"])
        let soft = s.apply(.key(.character("r")))
        #expect(soft.contains(.refresh([.metrics, .inventory], force: false)))
        let forced = s.apply(.key(.character("R")))
        #expect(forced.contains(.refresh([.metrics, .inventory, .cost], force: true)))
        #expect(s.ui.message?.text.contains("$") == true)
    }

    @Test func ctrlLAsksForAFullRedraw() {
        var s = state(["a"])
        #expect(s.apply(.key(.control("l"))) == [.redraw(full: true)])
    }

    @Test func pauseHoldsBatchesUntilResumed() {
        var s = state(["a"])
        _ = s.apply(.key(.character("p")))
        let id = endpoint("a").id
        let sample = MetricSample(endpoint: id, metric: .invocationsPerMinute, time: now, value: 42)
        _ = s.apply(.batch(CollectBatch(collector: collector, dataClass: .metrics, fetchedAt: now, samples: [sample])))
        #expect(s.rows.first?.invocations == nil)
        _ = s.apply(.key(.character("p")))
        #expect(s.rows.first?.invocations?.value == 42)
    }

    @Test func inventoryRemovesEndpointsThatDisappeared() {
        var s = state(["a", "b"])
        _ = s.apply(.batch(CollectBatch(collector: collector, dataClass: .inventory, fetchedAt: now, inventory: [endpoint("b")])))
        #expect(s.rows.map(\.id.name) == ["b"])
    }

    @Test func missingIsNotZero() {
        let s = state(["a"])
        #expect(s.rows[0].invocations == nil)
        #expect(s.rows[0].errorRate == nil)
        #expect(s.rows[0].p99?.value == 0, "a real zero stays a zero")
    }

    @Test func metricsGoStaleWithTime() {
        var s = state(["a"])
        #expect(s.rows[0].p99?.stale == false)
        // Observed at now − 120 s; stale after 2 × 60 + 120 = 240 s of age.
        _ = s.apply(.tick(now.addingTimeInterval(121)))
        #expect(s.rows[0].p99?.stale == true)
    }

    @Test func errorRateIsErrorsOverInvocationsOfTheSameMinute() {
        var s = state(["a"])
        let id = endpoint("a").id
        let minute = now.addingTimeInterval(-60)
        _ = s.apply(.batch(CollectBatch(collector: collector, dataClass: .metrics, fetchedAt: now, samples: [
            MetricSample(endpoint: id, metric: .invocationsPerMinute, time: minute, value: 200),
            MetricSample(endpoint: id, metric: .errorsPerMinute, time: minute, value: 5),
        ])))
        #expect(s.rows[0].errorRate?.value == 0.025)
    }

    @Test func costRecordsDriveBurnAndStaleCostHoldsTheBand() {
        var s = state(["a"])
        let id = endpoint("a").id
        let month = BillingMonth.containing(now)
        // Half-way point of Nov 2026 is the 16th 00:00; now is 12 h later: fraction 15.5/30.
        let record = CostRecord(scope: .endpoint(id), month: month, billedToDate: usd("1000"), billedThrough: now,
                                providerForecast: usd("1000"), fetchedAt: now)
        _ = s.apply(.batch(CollectBatch(collector: collector, dataClass: .cost, fetchedAt: now, costs: [record])))
        #expect(s.rows[0].burn.band == .alarm)
        #expect(s.alarmCrossed)
        // Five hours later the cost is stale (cadence 4 h, stale after 8 h)? Not yet; at 9 h it is.
        _ = s.apply(.tick(now.addingTimeInterval(9 * 3600)))
        #expect(s.rows[0].burn.stale)
        #expect(s.rows[0].burn.band == .alarm, "held, not cleared")
    }

    @Test func lastMonthsCostIsNotThisMonthsSpend() {
        var s = state(["a"])
        let id = endpoint("a").id
        let record = CostRecord(scope: .endpoint(id), month: BillingMonth.containing(now).previous, billedToDate: usd("5000"),
                                billedThrough: now, providerForecast: usd("100"), fetchedAt: now)
        _ = s.apply(.batch(CollectBatch(collector: collector, dataClass: .cost, fetchedAt: now, costs: [record])))
        #expect(s.rows[0].burn.spendToDate == nil)
        #expect(s.rows[0].burn.band == .unknown)
    }

    @Test func baselinePinsCurrentValues() {
        var s = state(["a", "b"])
        _ = s.apply(.key(.character("b")))
        #expect(s.ui.baseline?.pinnedAt == now)
        #expect(s.ui.baseline?.values[endpoint("b").id]?.p99 == 10)
        _ = s.apply(.key(.character("B")))
        #expect(s.ui.baseline == nil)
    }

    @Test func collectorWithoutRecentSuccessBecomesStale() {
        var s = state(["a"])
        _ = s.apply(.health(CollectorHealth(id: collector, title: "t", state: .ok, lastSuccess: [.metrics: now])))
        _ = s.apply(.tick(now.addingTimeInterval(170)))
        #expect(s.collectors[collector]?.state == .ok)
        _ = s.apply(.tick(now.addingTimeInterval(190)))
        #expect(s.collectors[collector]?.state == .stale)
    }

    @Test func accountRowsAndTotals() {
        var s = state(["a"])
        let account = AccountID(cloud: .aws, account: "111")
        let month = BillingMonth.containing(now)
        _ = s.apply(.batch(CollectBatch(collector: collector, dataClass: .cost, fetchedAt: now, costs: [
            CostRecord(scope: .account(account), month: month, billedToDate: usd("100"), billedThrough: now,
                       estimatedUnbilled: usd("5.5"), providerForecast: usd("300"), budget: usd("400"), fetchedAt: now),
        ])))
        #expect(s.accountRows.count == 1)
        #expect(s.accountRows[0].burn.spendToDate == usd("105.5"))
        #expect(s.accountRows[0].endpointCount == 1)
        #expect(s.totals.first?.spend == usd("105.5"))
        #expect(s.totals.first?.forecast == usd("300"))
    }

    @Test func messagesExpire() {
        var s = state(["a"])
        _ = s.apply(.key(.character("b")))
        #expect(s.ui.message != nil)
        _ = s.apply(.tick(now.addingTimeInterval(7)))
        #expect(s.ui.message == nil)
    }
}

@Suite struct NoticeTests {
    @Test func noticesShowAsWarningsAndAreSanitised() {
        var state = AppState(now: Date(timeIntervalSince1970: 0))
        _ = state.apply(.notice("Themes/x.toml:3: key \"alarm.fg\"\u{1B}[2J"))
        #expect(state.ui.message?.level == .warning)
        #expect(state.ui.message?.text == "Themes/x.toml:3: key \"alarm.fg\"[2J")
    }
}
