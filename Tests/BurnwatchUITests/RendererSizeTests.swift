import BurnwatchCollect
import BurnwatchCore
import BurnwatchTestSupport
import BurnwatchUI
import CloudSim
import Foundation
import Testing

/// Resizing at any moment is safe: every screen renders at every size, tiny ones included.
@Suite struct RendererSizeTests {
    /// The demo fleet as the simulated collectors report it at the fixture instant.
    static func simulatedState() async throws -> AppState {
        let model = FleetModel.snapshotFixture()
        let now = FleetModel.snapshotFixtureInstant
        var state = AppState(now: now)
        for collector in SimulatedCollector.fleet(model: model) {
            for dataClass in [DataClass.inventory, .metrics, .cost] {
                let batch = try await collector.collect(dataClass, context: CollectContext(now: now, transport: NoNetworkTransport()))
                _ = state.apply(.batch(batch))
            }
        }
        _ = state.apply(.tick(now))
        return state
    }

    @Test func everyScreenRendersAtEverySize() async throws {
        var state = try await Self.simulatedState()
        #expect(state.rows.count >= 12)
        let sizes = [(0, 0), (1, 1), (10, 3), (79, 24), (80, 23), (80, 24), (81, 25), (100, 30), (120, 40), (160, 45), (200, 50), (250, 80)]
        for screen in Screen.allCases {
            for (columns, rows) in sizes {
                _ = state.apply(.resize(columns: columns, rows: rows))
                state.ui.screen = screen
                for capabilities in [TerminalCapabilities.full, .monoUnicode, .ascii] {
                    let frame = Renderer.render(state, theme: .builtIn, capabilities: capabilities)
                    #expect(frame.width == max(1, columns) && frame.height == max(1, rows))
                    if columns < 80 || rows < 24 {
                        let text = (0..<frame.height).map { frame.text(row: $0) }.joined(separator: "\n")
                        if frame.height >= 3 && frame.width >= 20 { #expect(text.contains("too small")) }
                    }
                }
            }
        }
    }

    @Test func alarmIsNeverColourAlone() async throws {
        // The demo's spike endpoint is in alarm at the fixture instant; in mono, the word and glyph remain.
        var state = FleetFixture.state(columns: 80, rows: 24)
        state.ui.sort = .burn
        state.ui.sortDescending = true
        state.refreshVisible()
        let frame = Renderer.render(state, theme: .builtIn, capabilities: .monoUnicode)
        let alarmLine = (0..<frame.height).map { frame.text(row: $0) }.first { $0.contains("rerank-p4d-oops") }
        #expect(alarmLine?.contains("▲ALARM") == true)
        #expect(alarmLine?.contains("┃") == true, "the alarm-line marker is drawn in the bar")
    }

    @Test func controlCharactersFromAPIsNeverReachTheFrame() {
        var state = FleetFixture.state(columns: 120, rows: 30)
        let hostile = Endpoint(id: EndpointID(account: "1", region: "r", service: .bedrock, name: Sanitizer.clean("evil\u{1B}]0;pwned\u{07}\u{1B}[2J")))
        _ = state.apply(.batch(CollectBatch(collector: "x", dataClass: .inventory, fetchedAt: FleetFixture.now, inventory: [hostile])))
        let frame = Renderer.render(state, theme: .builtIn, capabilities: .full)
        for cell in frame.cells {
            #expect(!cell.character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}

@Suite struct FleetBaselineTests {
    @Test func pinningABaselineShowsP99DeltasEvenAt80Columns() {
        var state = FleetFixture.state(columns: 80, rows: 24)
        _ = state.apply(.key(.character("b")))
        // Latency doubles on one endpoint after the pin.
        let id = FleetFixture.endpoints[2].id  // embed-serverless, p99 ≈ 2.29 s at pin time
        let pinned = state.ui.baseline?.values[id]?.p99 ?? 0
        _ = state.apply(.batch(CollectBatch(collector: "sim/aws", dataClass: .metrics, fetchedAt: FleetFixture.now, samples: [
            MetricSample(endpoint: id, metric: .p99LatencyMs, time: FleetFixture.now.addingTimeInterval(-60), value: pinned * 2),
        ])))
        let frame = Renderer.render(state, theme: .builtIn, capabilities: .monoUnicode)
        let lines = (0..<frame.height).map { frame.text(row: $0) }
        #expect(lines.contains { $0.contains("ΔP99") })
        #expect(lines.contains { $0.contains("embed-serverless") && $0.contains("+100%") })
        #expect(lines.contains { $0.contains("llm-chat-prod") && $0.contains("+0%") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }
}
