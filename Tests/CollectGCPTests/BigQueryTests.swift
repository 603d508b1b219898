import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectGCP

@Suite struct BigQueryTests {
    static let schema = #""schema":{"fields":[{"name":"day","type":"STRING"},{"name":"endpoint","type":"STRING"},{"name":"currency","type":"STRING"},{"name":"cost","type":"NUMERIC"},{"name":"credits","type":"NUMERIC"},{"name":"through","type":"INTEGER"}]}"#

    func query(month: BillingMonth = BillingMonth(year: 2025, month: 6), label: String? = nil) throws -> GCPBillingExportQuery {
        try GCPBillingExportQuery(
            table: "billing-proj.billing.gcp_billing_export_resource_v1_01", project: "ml-prod", costLabel: label, month: month,
            maximumBytesBilled: 1 << 30
        )
    }

    @Test func theRequestIsStandardSQLWithNamedParametersAndAPartitionFilter() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try GCPJSON.encode(try query().request))) as? [String: Any])
        #expect(json["useLegacySql"] as? Bool == false)
        #expect(json["parameterMode"] as? String == "NAMED")
        #expect(json["maximumBytesBilled"] as? String == "1073741824")
        let parameters = try #require(json["queryParameters"] as? [[String: Any]])
        let values = Dictionary(uniqueKeysWithValues: parameters.map {
            ($0["name"] as! String, "\(($0["parameterType"] as! [String: Any])["type"]!)=\(($0["parameterValue"] as! [String: Any])["value"]!)")
        })
        #expect(values == ["start": "DATE=2025-06-01", "month": "STRING=202506", "project": "STRING=ml-prod"])
        let sql = try #require(json["query"] as? String)
        #expect(sql.contains("DATE(_PARTITIONTIME) >= @start"))
        #expect(sql.contains("usage_start_time >= TIMESTAMP(@start)"))
        #expect(sql.contains("FROM `billing-proj.billing.gcp_billing_export_resource_v1_01`"))
        #expect(sql.contains("REGEXP_EXTRACT(resource.name, r'/endpoints/([^/]+)')"))
        let labelled = try query(label: "team").sql
        #expect(labelled.contains("l.key = @label") && !labelled.contains("resource.name"))
        #expect(try query().tableProject == "billing-proj")
    }

    @Test func tableNamesThatCouldLeaveTheQuotesAreRefused() {
        for bad in ["a.b", "a.b.c` OR 1=1 --", "a..c", "a.b.c;DROP"] {
            #expect(throws: CollectorError.self) {
                _ = try GCPBillingExportQuery(table: bad, project: "p", costLabel: nil, month: BillingMonth(year: 2025, month: 6), maximumBytesBilled: 1)
            }
        }
        #expect(throws: Never.self) {
            let domain = try GCPBillingExportQuery(
                table: "example.com:billing.ds.t", project: "p", costLabel: nil, month: BillingMonth(year: 2025, month: 6), maximumBytesBilled: 1
            )
            #expect(domain.tableProject == "example.com:billing")
        }
    }

    @Test func pollsUntilTheJobCompletesThenFollowsPages() async throws {
        let transport = FakeGCPTransport { call in
            switch (call.kind, call.query("pageToken")) {
            case (.query, _):
                return GCPFixtures.ok(#"{"kind":"bigquery#queryResponse","jobComplete":false,"jobReference":{"projectId":"billing-proj","jobId":"job_1","location":"EU"}}"#)
            case (.queryResults, nil):
                return GCPFixtures.ok("""
                    {"jobComplete":true,"jobReference":{"projectId":"billing-proj","jobId":"job_1","location":"EU"},\(Self.schema),
                     "rows":[{"f":[{"v":"2025-06-14"},{"v":"456"},{"v":"USD"},{"v":"100.5"},{"v":"-10.25"},{"v":"1750000000"}]}],
                     "totalRows":"2","totalBytesProcessed":"73400320","pageToken":"page2"}
                    """)
            case (.queryResults, "page2"):
                return GCPFixtures.ok("""
                    {"jobComplete":true,"jobReference":{"jobId":"job_1"},\(Self.schema),
                     "rows":[{"f":[{"v":"2025-06-15"},{"v":null},{"v":"USD"},{"v":"1.5E-5"},{"v":"0"},{"v":"1750003600"}]}]}
                    """)
            default:
                return GCPFixtures.error(404, "NOT_FOUND")
            }
        }
        let table = try await GCPFixtures.client().query(try query().request, project: "billing-proj", expectedBytes: 0, transport: transport)
        #expect(table.calls == 3)
        #expect(table.rows.count == 2)
        #expect(table.totalBytesProcessed == 73_400_320)
        let urls = transport.requests.map(\.url.absoluteString)
        #expect(urls == [
            "https://bigquery.googleapis.com/bigquery/v2/projects/billing-proj/queries",
            "https://bigquery.googleapis.com/bigquery/v2/projects/billing-proj/queries/job_1?timeoutMs=10000&location=EU",
            "https://bigquery.googleapis.com/bigquery/v2/projects/billing-proj/queries/job_1?timeoutMs=10000&location=EU&pageToken=page2",
        ])
        #expect(transport.requests.map(\.method) == ["POST", "GET", "GET"])
        // Priced before it runs: BigQuery's 10 MB minimum at $6.25 per TiB; polls and pages are free.
        #expect(transport.requests[0].estimatedPrice == Decimal(10 * 1_048_576) * Decimal(string: "6.25")! / Decimal(1 << 40))
        #expect(transport.requests[1].estimatedPrice == 0)

        let breakdown = try GCPBillingBreakdown(table: table)
        #expect(breakdown.rows[0].net == Decimal(string: "90.25"))
        #expect(breakdown.rows[0].endpoint == "456")
        #expect(breakdown.rows[1].endpoint == nil)
        #expect(breakdown.rows[1].net == Decimal(string: "0.000015"))
        #expect(breakdown.billedThrough == Date(timeIntervalSince1970: 1_750_003_600))
        #expect(breakdown.total(currency: "USD") == Money(Decimal(string: "90.250015")!, "USD"))
    }

    @Test func aJobThatNeverFinishesTimesOutAndAFailedQueryIsReported() async throws {
        let running = FakeGCPTransport { _ in GCPFixtures.ok(#"{"jobComplete":false,"jobReference":{"jobId":"j"}}"#) }
        let error = await #expect(throws: CollectorError.self) {
            _ = try await GCPFixtures.client().query(try query().request, project: "p", expectedBytes: 0, transport: running)
        }
        #expect(error?.isTimeout == true)
        #expect(running.requests.count == 1 + GCPClient.bigQueryPolls)

        let failed = FakeGCPTransport { _ in
            GCPFixtures.ok(#"{"jobComplete":true,"jobReference":{"jobId":"j"},"errors":[{"reason":"bytesBilledLimitExceeded","message":"Query exceeded limit for bytes billed: 1073741824."}]}"#)
        }
        let limit = await #expect(throws: CollectorError.self) {
            _ = try await GCPFixtures.client().query(try query().request, project: "p", expectedBytes: 0, transport: failed)
        }
        #expect(limit?.kind == "misconfigured")
        #expect(limit?.detail.contains("byte limit") == true)
    }

    @Test func cellsThatAreNotStringsOrRowsOfTheWrongWidthAreMalformed() async throws {
        let nested = FakeGCPTransport { _ in GCPFixtures.ok(#"{"jobComplete":true,"jobReference":{"jobId":"j"},\#(Self.schema),"rows":[{"f":[{"v":{"x":1}}]}]}"#) }
        let error = await #expect(throws: CollectorError.self) {
            _ = try await GCPFixtures.client().query(try query().request, project: "p", expectedBytes: 0, transport: nested)
        }
        #expect(error?.kind == "malformed response")
        let short = FakeGCPTransport { _ in GCPFixtures.ok(#"{"jobComplete":true,"jobReference":{"jobId":"j"},\#(Self.schema),"rows":[{"f":[{"v":"x"}]}]}"#) }
        await #expect(throws: CollectorError.self) {
            _ = try await GCPFixtures.client().query(try query().request, project: "p", expectedBytes: 0, transport: short)
        }
        let table = BigQueryTable(columns: ["day", "endpoint", "currency", "cost", "credits", "through"], rows: [["2025-06-01", nil, "USD", "12,5", "0", nil]])
        #expect(throws: CollectorError.self) { _ = try GCPBillingBreakdown(table: table) }
    }
}
