import Foundation
import Testing
@testable import CloudSim

@Suite struct GCPBillingExportProjectionTests {
    @Test func regexpExtractUnderCoalesceTakesTheFirstPatternThatMatches() {
        let patterns = BillingExportProjection.rawPatterns(
            "COALESCE(REGEXP_EXTRACT(resource.name, r'/endpoints/([^/]+)'), REGEXP_EXTRACT(resource.name, r'/publishers/[^/]+/models/([^/]+)'))"
        )
        #expect(patterns == ["/endpoints/([^/]+)", "/publishers/[^/]+/models/([^/]+)"])
        #expect(BillingExportProjection.firstCapture(patterns, in: "projects/1/locations/us-central1/endpoints/456") == "456")
        #expect(BillingExportProjection.firstCapture(patterns, in: "projects/1/locations/us-east5/publishers/anthropic/models/claude-3-5-sonnet@20240620")
            == "claude-3-5-sonnet@20240620")
        #expect(BillingExportProjection.firstCapture(patterns, in: "projects/1/zones/a/instances/vm-1") == nil)
    }

    @Test func aSelectOfAliasesIsAnsweredWithThoseColumnsGrouped() throws {
        let sql = """
            SELECT FORMAT_DATE('%F', DATE(usage_start_time)) AS day, REGEXP_EXTRACT(resource.name, r'/endpoints/([^/]+)') AS endpoint, currency, \
            SUM(CAST(cost AS NUMERIC)) AS cost, SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0)) AS credits, \
            UNIX_SECONDS(MAX(usage_end_time)) AS through FROM `p.d.t` WHERE DATE(_PARTITIONTIME) >= @start GROUP BY day, endpoint, currency
            """
        let projection = try #require(BillingExportProjection.parse(sql: sql))
        #expect(projection.schema.map(\.name) == ["day", "endpoint", "currency", "cost", "credits", "through"])
        #expect(projection.schema.map(\.type) == ["STRING", "STRING", "STRING", "NUMERIC", "NUMERIC", "INTEGER"])
        let end = Date(timeIntervalSince1970: 1_750_000_000)
        let rows = [
            BillingExportLedger.Row(day: "2025-06-15", projectID: "p", resourceName: "projects/1/locations/l/endpoints/7", costMicros: 1_500_000,
                                    creditMicros: -60_000, currency: "USD", usageEnd: end),
            // Two publisher-model rows on one day: no endpoint id, so one group with a NULL key.
            BillingExportLedger.Row(day: "2025-06-15", projectID: "p", resourceName: "projects/1/locations/l/publishers/g/models/a", costMicros: 250_000,
                                    creditMicros: 0, currency: "USD", usageEnd: end),
            BillingExportLedger.Row(day: "2025-06-15", projectID: "p", resourceName: "projects/1/locations/l/publishers/g/models/b", costMicros: 125_000,
                                    creditMicros: -5_000, currency: "USD", usageEnd: end.addingTimeInterval(60)),
        ]
        let cells = projection.rows(rows, int64Timestamps: false)
        #expect(cells.count == 2)
        #expect(cells[0] == ["2025-06-15", "7", "USD", "1.5", "-0.06", "1750000000"])
        #expect(cells[1] == ["2025-06-15", nil, "USD", "0.375", "-0.005", "1750000060"])
    }

    @Test func aSelectItCannotReadFallsBackToTheFixedContract() {
        #expect(BillingExportProjection.parse(sql: "SELECT * FROM `p.d.t`") == nil)
        #expect(BillingExportProjection.parse(sql: "SELECT SUM(cost) FROM `p.d.t`") == nil)
    }
}
