import BurnwatchApp
import Testing

@Suite struct ConfigDurationTests {
    @Test(arguments: [
        ("60s", 60.0), ("5m", 300), ("4h", 14_400), ("1h30m", 5400), ("1d", 86_400),
        ("2h0m5s", 7205), ("0s", 0), ("90m", 5400),
    ])
    func parses(text: String, seconds: Double) {
        #expect(ConfigDuration.seconds(parsing: text) == seconds)
    }

    @Test(arguments: ["", "60", "5x", "1m1h", "1h1h", "h", "1.5h", "-5m", " 5m", "5 m", "1234567890s", "5M"])
    func rejects(text: String) {
        #expect(ConfigDuration.seconds(parsing: text) == nil)
    }

    @Test func formatsTheShortestSpelling() {
        #expect(ConfigDuration.format(60) == "1m")
        #expect(ConfigDuration.format(90) == "1m30s")
        #expect(ConfigDuration.format(14_400) == "4h")
        #expect(ConfigDuration.format(5400) == "1h30m")
        #expect(ConfigDuration.format(90_061) == "1d1h1m1s")
        #expect(ConfigDuration.format(0) == "0s")
    }
}
