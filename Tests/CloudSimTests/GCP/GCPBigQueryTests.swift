import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

private let table = SimulatedGCPOptions.defaultBillingExportTable
private let queriesPath = "/bigquery/v2/projects/billing-proj/queries"
private let exportQuery = """
    SELECT DATE(usage_start_time) AS day, project.id AS project_id, resource.name AS resource_name, SUM(cost) AS cost,
      SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) c), 0)) AS credits, currency, MAX(usage_end_time) AS usage_end
    FROM `\(table)`
    WHERE DATE(_PARTITIONTIME) >= @start AND invoice.month = @month AND service.description = 'Vertex AI'
    GROUP BY day, project_id, resource_name, currency
    """

private func request(
    query: String = exportQuery, legacy: Bool? = false, parameters: [(String, String, String)] = [("start", "DATE", "2025-06-01"), ("month", "STRING", "202506")],
    maxResults: Int? = nil, extra: [(String, AWSJSONValue)] = []
) -> AWSJSONValue {
    var members: [(String, AWSJSONValue)] = [("query", .string(query))]
    if let legacy { members.append(("useLegacySql", .bool(legacy))) }
    members.append(("parameterMode", "NAMED"))
    members.append((
        "queryParameters",
        .array(parameters.map { ["name": .string($0.0), "parameterType": ["type": .string($0.1)], "parameterValue": ["value": .string($0.2)]] })
    ))
    if let maxResults { members.append(("maxResults", .number(Double(maxResults)))) }
    members.append(("timeoutMs", 20000))
    return .object(members + extra)
}

/// The rows of an answer as arrays of cell strings.
private func cells(_ answer: AWSJSONValue?) -> [[String]] {
    (answer?["rows"]?.arrayValue ?? []).map { row in (row["f"]?.arrayValue ?? []).map { $0["v"]?.stringValue ?? "<not a string>" } }
}

@Suite struct GCPBigQueryTests {
    static let start = utc("2025-06-16T14:00:00Z")

    @Test func theBillingExportQueryAnswersStringCellsThatAddUpToTheModelsSettledSpend() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, clock in
            let answer = try await client.post(queriesPath, json: request())
            #expect(answer.status == 200)
            let json = try #require(answer.json)
            #expect(json["kind"] == "bigquery#queryResponse")
            #expect(json["jobComplete"] == true)
            #expect(json["schema"]?["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                == ["day", "project_id", "resource_name", "cost", "credits", "currency", "usage_end"])
            let rows = cells(json)
            #expect(json["totalRows"] == .string(String(rows.count)))
            #expect(json["totalBytesProcessed"]?.stringValue.flatMap { Int64($0) } ?? 0 >= 10_485_760)
            #expect(json["jobReference"]?["projectId"] == "billing-proj")
            #expect(json["pageToken"] == nil)
            #expect(rows.allSatisfy { $0.count == 7 && $0[1] == "ml-prod-123" && $0[5] == "USD" })
            // Settled through 10:00 (the last whole hour, 14:00, minus the 4-hour lag): June 1 to 16.
            #expect(Set(rows.map { $0[0] }) == Set((1...16).map { String(format: "2025-06-%02d", $0) }))
            let lastUsageEnd = rows.compactMap { Double($0[6]) }.max()
            #expect(lastUsageEnd == utc("2025-06-16T10:00:00Z").timeIntervalSince1970)
            #expect(rows.contains { $0[6] == "1.750068E9" })  // Java's Double.toString of 2025-06-16T10:00:00Z

            let view = GCPFleetView(model: model)
            let records = model.costRecords(cloud: .gcp, at: clock.now())
            for endpoint in model.endpointIDs where endpoint.cloud == .gcp {
                let resource = endpoint.service == .vertexEndpoint
                    ? view.endpointName(endpoint) : view.publisherModelName(try #require(model.endpoint(endpoint)))
                let mine = rows.filter { $0[2] == resource }
                #expect(mine.count == 16, "\(endpoint.name)")
                let net = mine.reduce(Decimal(0)) { $0 + Decimal(string: $1[3])! + Decimal(string: $1[4])! }
                let billed = try #require(records.first { $0.scope == .endpoint(endpoint) }?.billedToDate.amount)
                #expect(abs(NSDecimalNumber(decimal: net - billed).doubleValue) < 0.0001, "\(endpoint.name): \(net) vs \(billed)")
                // Credits take back 4 % of the gross cost, as negative amounts.
                for row in mine {
                    let cost = Double(row[3])!, credits = Double(row[4])!
                    #expect(credits <= 0 && abs(credits + 0.04 * cost) < 0.000002 + 1e-9 * cost)
                }
            }
            #expect(rows.contains { $0[2].contains("/publishers/google/models/gemini-1.5-flash-002") })
            #expect(rows.contains { $0[2].contains("/publishers/anthropic/models/claude-3-5-sonnet@20240620") })
        }
    }

    @Test func rowsPageThroughGetQueryResults() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            let token = try await client.accessToken()
            let whole = cells(try await client.post(queriesPath, json: request(), token: token).json)
            let first = try await client.post(queriesPath, json: request(maxResults: 40), token: token)
            var rows = cells(first.json)
            #expect(rows.count == 40)
            #expect(first.json?["totalRows"] == .string(String(whole.count)))
            let jobID = try #require(first.json?["jobReference"]?["jobId"]?.stringValue)
            var pageToken = first.json?["pageToken"]?.stringValue
            var pages = 1
            while let token2 = pageToken, pages < 10 {
                let page = try await client.get("\(queriesPath)/\(jobID)", [("pageToken", token2), ("maxResults", "40"), ("location", "US")], token: token)
                #expect(page.status == 200)
                #expect(page.json?["kind"] == "bigquery#getQueryResultsResponse" && page.json?["jobComplete"] == true)
                #expect(page.json?["totalRows"] == .string(String(whole.count)))
                rows += cells(page.json)
                pageToken = page.json?["pageToken"]?.stringValue
                pages += 1
            }
            #expect(pages == 3)  // 96 rows: 40 + 40 + 16
            #expect(rows == whole)
            // startIndex works too; a job of another project or location is not found.
            let tail = try await client.get("\(queriesPath)/\(jobID)", [("startIndex", "90")], token: token)
            #expect(cells(tail.json) == Array(whole.suffix(6)))
            #expect(try await client.get("/bigquery/v2/projects/ml-prod-123/queries/\(jobID)", token: token).status == 404)
            #expect(try await client.get("\(queriesPath)/\(jobID)", [("location", "EU")], token: token).status == 404)
            #expect(try await client.get("\(queriesPath)/job_nope", token: token).status == 404)
        }
    }

    @Test func aSlowQueryCompletesThroughGetQueryResults() async throws {
        let options = SimulatedGCPOptions(faults: [GCPScriptedFault(operations: [.query], minutes: 0..<60, behaviour: .slowQuery(pendingPolls: 1))])
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30, options: options) { client, _, _ in
            let token = try await client.accessToken()
            let first = try await client.post(queriesPath, json: request(), token: token)
            #expect(first.status == 200)
            #expect(first.json?["jobComplete"] == false)
            #expect(first.json?["rows"] == nil && first.json?["totalRows"] == nil)
            let jobID = try #require(first.json?["jobReference"]?["jobId"]?.stringValue)
            let second = try await client.get("\(queriesPath)/\(jobID)", [("location", "US")], token: token)
            #expect(second.json?["jobComplete"] == false)
            let third = try await client.get("\(queriesPath)/\(jobID)", [("location", "US")], token: token)
            #expect(third.json?["jobComplete"] == true)
            #expect(cells(third.json).count == 96)
            #expect(client.server.callCount(.getQueryResults) == 2)
        }
    }

    @Test func queriesBigQueryWouldRefuseAreRefused() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            let token = try await client.accessToken()
            for legacy in [nil, true] as [Bool?] {
                let answer = try await client.post(queriesPath, json: request(legacy: legacy), token: token)
                #expect(answer.status == 400)
                #expect(answer.errorMessage?.hasPrefix("Invalid table name: `\(table)` [Try using standard SQL") == true)
                #expect(answer.json?["error"]?["errors"]?.arrayValue?.first?["reason"] == "invalidQuery")
            }
            let missing = try await client.post(queriesPath, json: request(parameters: [("start", "DATE", "2025-06-01")]), token: token)
            #expect(missing.status == 400)
            #expect(missing.errorMessage?.hasPrefix("Query parameter 'month' not found at [4:58]") == true)
            let badDate = try await client.post(queriesPath, json: request(parameters: [("start", "DATE", "June 1"), ("month", "STRING", "202506")]), token: token)
            #expect(badDate.status == 400)
            let otherTable = try await client.post(queriesPath, json: request(query: "SELECT 1 FROM `other-proj.ds.t` WHERE x = @start AND y = @month"), token: token)
            #expect(otherTable.status == 404 && otherTable.errorStatus == "NOT_FOUND")
            #expect(otherTable.errorMessage == "Not found: Table other-proj:ds.t was not found in location US")
            let noTable = try await client.post(queriesPath, json: request(query: "SELECT @start, @month"), token: token)
            #expect(noTable.status == 400)
            let notJSON = try await client.send(
                method: "POST", path: queriesPath, headers: [("Authorization", "Bearer \(token)")], body: Array("{query".utf8)
            )
            #expect(notJSON.status == 400)
        }
    }

    @Test func parametersNarrowTheRowsAndTimestampsCanBeMicroseconds() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            let token = try await client.accessToken()
            let narrowed = try await client.post(
                queriesPath,
                json: request(
                    parameters: [("start", "DATE", "2025-06-15"), ("month", "STRING", "202506")],
                    extra: [("formatOptions", ["useInt64Timestamp": true])]
                ),
                token: token
            )
            let rows = cells(narrowed.json)
            #expect(Set(rows.map { $0[0] }) == ["2025-06-15", "2025-06-16"])
            #expect(rows.contains { $0[6] == "1750068000000000" })  // 2025-06-16T10:00:00Z in µs
            let lastMonth = try await client.post(queriesPath, json: request(parameters: [("start", "DATE", "2025-05-01"), ("month", "STRING", "202505")]), token: token)
            #expect(Set(cells(lastMonth.json).map { $0[0] }).count == 31)
            let nextMonth = try await client.post(queriesPath, json: request(parameters: [("start", "DATE", "2025-07-01"), ("month", "STRING", "202507")]), token: token)
            #expect(nextMonth.json?["totalRows"] == "0" && nextMonth.json?["rows"] == nil)
        }
    }

    @Test func floatsAndTimestampsArePrintedAsJavaPrintsDoubles() {
        let cases: [(Double, String)] = [
            (5, "5.0"), (0.0123, "0.0123"), (0.000001, "1.0E-6"), (1_718_064_000, "1.718064E9"), (12.345678, "12.345678"),
            (10_000_000, "1.0E7"), (0.001, "0.001"), (1_234_567.5, "1234567.5"), (-2.5, "-2.5"), (0, "0.0"), (-0.000123, "-1.23E-4"),
        ]
        for (value, text) in cases {
            #expect(BillingExportLedger.javaDouble(value) == text, "\(value)")
        }
    }
}
