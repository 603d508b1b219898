import BurnwatchCore
import BurnwatchReport
import BurnwatchTestSupport
import Foundation
import Testing

@Suite struct ReportEncoderTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    let state = FleetFixture.state(columns: 120, rows: 40)

    @Test(arguments: ReportFormat.allCases)
    func matchesGoldenFile(format: ReportFormat) throws {
        let output = ReportEncoder.encode(state, format: format)
        let url = Self.golden.appendingPathComponent("fixture." + (format == .markdown ? "md" : format.rawValue == "table" ? "txt" : format.rawValue))
        if ProcessInfo.processInfo.environment["BURNWATCH_RECORD_SNAPSHOTS"] == "1" {
            try output.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(output == (try String(contentsOf: url, encoding: .utf8)), "BURNWATCH_RECORD_SNAPSHOTS=1 rewrites the golden files")
    }

    @Test func jsonCarriesTheSchemaAndNullsForUnknowns() throws {
        let data = Data(ReportEncoder.encode(state, format: .json).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "burnwatch.report/v1")
        let endpoints = try #require(object["endpoints"] as? [[String: Any]])
        #expect(endpoints.count == 8)
        let bedrock = try #require(endpoints.first { $0["name"] as? String == "anthropic.claude-3-haiku" })
        // A managed API on demand has no replica count: null, never 0.
        let replicas = try #require(bedrock["replicas"] as? [String: Any])
        #expect(replicas["current"] is NSNull)
        #expect(replicas["max"] is NSNull)
        let spend = try #require(bedrock["spend_mtd"] as? [String: Any])
        #expect(spend["currency"] as? String == "USD")
        // Money is a decimal string, never a binary float: 1290.75 billed + 3 h × 3.8 estimated = 1302.15.
        #expect(spend["amount"] as? String == "1302.15")
        let rerank = try #require(endpoints.first { $0["name"] as? String == "rerank-p4d-oops" })
        #expect(rerank["state"] as? String == "alarm")
        #expect(object["alarm"] as? Bool == true)
        let ages = try #require(rerank["age_s"] as? [String: Any])
        #expect(ages["p99_ms"] as? Int == 120)
        #expect(ages["spend_mtd"] as? Int == 1800)
    }

    @Test func csvFollowsRFC4180() {
        var tricky = state
        let id = EndpointID(account: "1", region: "r", service: .bedrock, name: "a,\"b\"\nc")
        _ = tricky.apply(.batch(CollectBatch(collector: "t", dataClass: .inventory, fetchedAt: FleetFixture.now, inventory: [Endpoint(id: id)])))
        let csv = ReportEncoder.encode(tricky, format: .csv)
        #expect(csv.hasSuffix("\r\n"))
        #expect(csv.contains("\"a,\"\"b\"\"\nc\""))
        let records = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count == 1 + 9, "a header and one record per endpoint (the embedded LF is inside quotes)")
        #expect(records[0].hasPrefix("cloud,account,region,service,kind,name,p99_ms"))
    }

    @Test func tableUsesColourOnlyWhenAsked() {
        #expect(!ReportEncoder.encode(state, format: .table).contains("\u{1B}"))
        #expect(ReportEncoder.encode(state, format: .table, colour: true).contains("\u{1B}[1;31m"))
    }

    @Test func failingCollectorsAreListedWithTheirReason() {
        let table = ReportEncoder.encode(state, format: .table)
        #expect(table.contains("sim/azure: throttled — HTTP 529"))
        let markdown = ReportEncoder.encode(state, format: .markdown)
        #expect(markdown.contains("- sim/azure: throttled"))
        #expect(markdown.contains("**ALARM**"))
    }
}
