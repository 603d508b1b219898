import BurnwatchCore
import BurnwatchTestSupport
import Foundation
import Testing
@testable import BurnwatchUI

@Suite struct CollectorsScreenTests {
    func screenText(_ state: AppState) -> String {
        FrameSnapshot.text(Renderer.render(state, theme: .builtIn, capabilities: TerminalCapabilities(colorDepth: .mono, unicode: true)))
    }

    @Test func aThrottledCollectorSaysWhenItRetries() {
        var state = FleetFixture.state(columns: 80, rows: 24, screen: .collectors)
        // The fixture selects the last row (GCP); the Azure row above it is throttled for 95 s more.
        _ = state.apply(.key(.character("k")))
        let text = screenText(state)
        #expect(text.contains("── sim/azure"))
        #expect(text.contains("throttled    retry in \(TimeText.duration(95)); the last values stay"))
    }

    @Test func aHealthyCollectorHasNoRetryLine() {
        let text = screenText(FleetFixture.state(columns: 80, rows: 24, screen: .collectors))
        #expect(text.contains("── sim/gcp"))
        #expect(!text.contains("retry in"))
    }

    @Test func onlyTheSimulatorsCollectorsCallTheirCostSimulated() {
        var state = AppState(now: FleetFixture.now)
        _ = state.apply(.resize(columns: 100, rows: 26))
        for id in ["aws/ml-sso", "sim/gcp"] as [CollectorID] {
            _ = state.apply(.health(CollectorHealth(id: id, title: id.rawValue, state: .ok, pollingCostPerDay: Decimal(string: "0.12"))))
        }
        _ = state.apply(.tick(FleetFixture.now))
        _ = state.apply(.key(.character("3")))
        // A real collector that has made no call yet is not a simulated one.
        var text = screenText(state)
        #expect(text.contains("── aws/ml-sso"))
        #expect(text.contains("≈$0.12 a day at these cadences"))
        #expect(!text.contains("simulated"))
        _ = state.apply(.key(.character("j")))
        text = screenText(state)
        #expect(text.contains("── sim/gcp"))
        #expect(text.contains("(simulated: no real calls are made)"))
    }
}
