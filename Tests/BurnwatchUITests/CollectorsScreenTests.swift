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
}
