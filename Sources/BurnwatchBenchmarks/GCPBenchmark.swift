import BurnwatchCollect
import BurnwatchCore
import CloudSim
import CollectGCP
import Foundation

// The GCP collector's cost per refresh, and its Cloud Monitoring decode time. The real collector,
// with a service-account key made at start-up (its JWT exchanged at the simulator's token
// endpoint) and the real HTTP transport, polls `SimulatedGCPServer` on loopback; calls and series
// are counted three ways (the simulator's own count, the requests and answers on the wire, and
// the app's CallLedger) and the figures are cross-checked before they are printed.

private let benchProject = "ml-bench-789"
private let benchLocations = ["us-central1", "europe-west4"]

func gcpBenchmark() async throws {
    print("GCP collector against SimulatedGCPServer on loopback: one project, \(benchLocations.joined(separator: " + ")), 5-minute lookback, 60 s cadence")
    let fleets: [(label: String, scenario: FleetScenario, metricsRounds: Int)] = [
        ("10 Vertex endpoints + 3 publisher models", .gcpProject(vertexEndpoints: 10, project: benchProject, locations: benchLocations), 5),
        ("100 Vertex endpoints + 3 publisher models", .gcpProject(vertexEndpoints: 100, project: benchProject, locations: benchLocations), 5),
        ("1,000 Vertex endpoints + 3 publisher models", .gcpProject(vertexEndpoints: 1000, project: benchProject, locations: benchLocations), 7),
    ]
    var shapes: [(label: String, callsPerMetricType: [String: Int])] = []
    for fleet in fleets {
        let shape = try await measureGCPRefresh(label: fleet.label, scenario: fleet.scenario, metricsRounds: fleet.metricsRounds)
        shapes.append((fleet.label, shape))
    }
    // The issue's expectation: a constant number of calls per metric type per project, whatever the fleet.
    for shape in shapes.dropFirst() where shape.callsPerMetricType != shapes[0].callsPerMetricType {
        throw BenchmarkFailure("calls per metric type differ: \(shapes[0].label) \(shapes[0].callsPerMetricType), \(shape.label) \(shape.callsPerMetricType)")
    }
    print("")
    print("timeSeries.list calls per metrics round: \(shapes[0].callsPerMetricType.count) metric types x 1 call, the same for every fleet size")
    try await listTimeSeriesDecodeBenchmark()
}

/// One inventory round, then `metricsRounds` metrics rounds a minute apart; prints calls,
/// series, price and wall time, and returns the requests per metric type of one metrics round.
private func measureGCPRefresh(label: String, scenario: FleetScenario, metricsRounds: Int) async throws -> [String: Int] {
    let start = Date(timeIntervalSince1970: 1_794_839_400)
    let clock = ManualTimeSource(start: start)
    let model = FleetModel(scenario: scenario, start: start.addingTimeInterval(-3600))
    let collectorID: CollectorID = "gcp/bench"
    let stopwatch = ContinuousClock()
    let account = try SimulatedGCPServiceAccount.generate(project: benchProject, name: "burnwatch-bench")
    let options = SimulatedGCPOptions(serviceAccounts: [account.registration])
    return try await withSimulatedGCPServer(model: model, clock: clock, options: options) { server in
        try await AsyncHTTPClientTransport.withTransport(configuration: AsyncHTTPClientTransport.Configuration()) { http in
            let ledger = CallLedger(time: clock)
            let wire = GCPWireRecorder(wrapping: AccountingTransport(wrapping: http, ledger: ledger))
            let endpoints = GCPEndpoints.single(server.baseURL)
            let keyFile = account.keyFileJSON(tokenURI: server.tokenURL)
            guard case .serviceAccount(let key) = try GCPCredentialFile.parse(Array(keyFile.utf8), path: "bench service account", homeDirectory: "/") else {
                throw BenchmarkFailure("the simulator's key file did not parse as a service-account key")
            }
            let provider = GCPServiceAccountProvider(key: key, tokenEndpoint: endpoints.token, collector: collectorID)
            let client = GCPClient(
                collector: collectorID, tokens: GCPCachingTokenProvider(provider), endpoints: endpoints, clock: clock, loginHint: provider.loginHint
            )
            let collector = GCPCollector(
                configuration: GCPCollectorConfiguration(id: collectorID, project: benchProject, locations: benchLocations), client: client
            )
            func serverCounts() -> [GCPOperation: Int] {
                Dictionary(uniqueKeysWithValues: GCPOperation.allCases.map { ($0, server.callCount($0)) })
            }
            func difference(_ after: [GCPOperation: Int], _ before: [GCPOperation: Int]) -> [GCPOperation: Int] {
                after.reduce(into: [:]) { result, entry in
                    let change = entry.value - (before[entry.key] ?? 0)
                    if change != 0 { result[entry.key] = change }
                }
            }

            // Inventory: endpoints.list per location (every page), one headers-only timeSeries.list.
            let inventoryBefore = serverCounts()
            let inventoryWireBefore = wire.tally
            let inventoryBegan = stopwatch.now
            let inventoryBatch = try await collector.collect(.inventory, context: CollectContext(now: clock.now(), transport: wire))
            let inventoryTime = stopwatch.now - inventoryBegan
            let inventoryCalls = difference(serverCounts(), inventoryBefore)
            let inventoryWire = wire.tally - inventoryWireBefore
            let inventorySize = inventoryBatch.inventory?.count ?? 0
            if !inventoryBatch.issues.isEmpty { throw BenchmarkFailure("\(label): inventory issues: \(inventoryBatch.issues.prefix(3))") }
            guard inventorySize == scenario.endpoints.count else {
                throw BenchmarkFailure("\(label): the inventory found \(inventorySize) of \(scenario.endpoints.count) endpoints")
            }
            guard inventoryCalls[.listEndpoints] ?? 0 == inventoryWire.endpointsListCalls,
                  inventoryCalls[.listTimeSeries] ?? 0 == inventoryWire.monitoringCalls.count,
                  inventoryCalls[.token] ?? 0 == inventoryWire.tokenRequests,
                  inventoryWire.requests == inventoryCalls.values.reduce(0, +) else {
                throw BenchmarkFailure("\(label): inventory: the simulator saw \(inventoryCalls), the wire \(inventoryWire)")
            }
            clock.advance(by: 60)

            // Metrics: every round must make the same calls; the first one is printed, all are timed.
            var metricsTimes: [Duration] = []
            var firstRound: GCPWireRecorder.Tally?
            var previousSeries: Int?
            var estimates: [(estimated: Int, returned: Int)] = []
            var samples = 0
            for _ in 0..<metricsRounds {
                let before = serverCounts()
                let seriesBefore = server.timeSeriesReturned
                let wireBefore = wire.tally
                let ledgerBefore = ledger.tally(for: collectorID)
                let listed = collector.descriptor.pricePerRound[.metrics] ?? -1
                let began = stopwatch.now
                let batch = try await collector.collect(.metrics, context: CollectContext(now: clock.now(), transport: wire))
                metricsTimes.append(stopwatch.now - began)
                let round = wire.tally - wireBefore
                let simulated = difference(serverCounts(), before)
                let simulatedSeries = server.timeSeriesReturned - seriesBefore
                let ledgerAfter = ledger.tally(for: collectorID)
                let spend = ledgerAfter.spend - ledgerBefore.spend

                // Calls: the simulator, the wire and the ledger agree, and no token was needed.
                guard simulated == [.listTimeSeries: round.monitoringCalls.count], round.requests == round.monitoringCalls.count,
                      ledgerAfter.calls - ledgerBefore.calls == round.requests, ledgerAfter.failedCalls == ledgerBefore.failedCalls else {
                    throw BenchmarkFailure("\(label): the simulator saw \(simulated), the wire \(round.requests) requests, the ledger \(ledgerAfter.calls - ledgerBefore.calls)")
                }
                // Series (what Monitoring bills): the simulator's count and the answers' own lengths agree.
                guard simulatedSeries == round.seriesReturned else {
                    throw BenchmarkFailure("\(label): the simulator returned \(simulatedSeries) series, the answers hold \(round.seriesReturned)")
                }
                // The ledger prices a call before it is sent, at the series the same query returned last round.
                if let previousSeries {
                    let expected = GCPClient.monitoringPrice(series: previousSeries)
                    guard spend == expected, listed == expected else {
                        throw BenchmarkFailure("\(label): ledger spend \(spend), descriptor price \(listed), last round's series \(previousSeries)")
                    }
                }
                estimates.append((Int(truncating: (spend * 2_000_000) as NSDecimalNumber), round.seriesReturned))
                previousSeries = round.seriesReturned
                if !batch.issues.isEmpty { throw BenchmarkFailure("\(label): metrics issues: \(batch.issues.prefix(3))") }
                // One call per metric type: no paging, whatever the fleet.
                guard round.callsPerMetricType.values.allSatisfy({ $0 == 1 }), !round.monitoringCalls.contains(where: \.isFollowingPage) else {
                    throw BenchmarkFailure("\(label): more than one call for a metric type: \(round.callsPerMetricType)")
                }
                if let first = firstRound, first.callsPerMetricType != round.callsPerMetricType {
                    throw BenchmarkFailure("\(label): rounds differ: \(first.callsPerMetricType) then \(round.callsPerMetricType)")
                }
                firstRound = firstRound ?? round
                samples = batch.samples.count
                clock.advance(by: 60)
            }
            guard let round = firstRound else { return [:] }
            let totalTokens = server.callCount(.token)
            guard totalTokens == wire.tally.tokenRequests else {
                throw BenchmarkFailure("\(label): the simulator issued \(totalTokens) tokens, the wire saw \(wire.tally.tokenRequests) requests")
            }

            let series = round.seriesReturned
            let price = GCPClient.monitoringPrice(series: series)
            let perDay = price * 1440
            let perMonth = series * 1440 * 30
            let billedPerMonth = GCPClient.monitoringPrice(series: max(0, perMonth - 1_000_000))
            print("")
            print("\(label): \(inventorySize) endpoints")
            print(String(
                format: "  metrics round: %d timeSeries.list call(s), %d page(s), %d series returned; $%.6f per refresh, $%.4f per day at 60 s",
                round.monitoringCalls.count, round.monitoringCalls.count, series, (price as NSDecimalNumber).doubleValue,
                (perDay as NSDecimalNumber).doubleValue
            ))
            print(String(
                format: "  at 60 s: %d series per 30-day month; after the first 1 M free per billing account: $%.2f per month",
                perMonth, (billedPerMonth as NSDecimalNumber).doubleValue
            ))
            let byType = round.monitoringCalls.sorted { $0.metricType < $1.metricType }.map {
                "\($0.metricType.replacingOccurrences(of: "aiplatform.googleapis.com/", with: "")) \($0.seriesReturned)"
            }
            print("  series per metric type: \(byType.joined(separator: ", "))")
            print("  ledger estimate vs series returned, per round: \(estimates.map { "\($0.estimated)/\($0.returned)" }.joined(separator: " "))")
            print(String(
                format: "  metrics round: %d samples, %.1f KB received; wall %@",
                samples, Double(round.bytesReceived) / 1024, roundTimes(metricsTimes) as NSString
            ))
            print(String(
                format: "  inventory round: %d endpoints.list call(s), %d timeSeries.list (headers, %d series), %d token request(s); wall %.0f ms",
                inventoryWire.endpointsListCalls, inventoryWire.monitoringCalls.count, inventoryWire.seriesReturned, inventoryWire.tokenRequests,
                milliseconds(inventoryTime)
            ))
            print("  token requests in the whole run (inventory + \(metricsRounds) metrics rounds): \(totalTokens)")
            return round.callsPerMetricType
        }
    }
}

/// "median 12.3 ms, max 15.0 ms (5 rounds)".
private func roundTimes(_ samples: [Duration]) -> String {
    let sorted = samples.sorted()
    return String(
        format: "median %.1f ms, max %.1f ms (%d rounds)", milliseconds(sorted[sorted.count / 2]), milliseconds(sorted[sorted.count - 1]),
        sorted.count
    )
}

/// Decoding one `timeSeries.list` answer of 1,000 series × 5 points: the JSON decode alone, and
/// the client's whole call without the network (URL, decode, series read and sorted oldest first).
private func listTimeSeriesDecodeBenchmark() async throws {
    let end = Date(timeIntervalSince1970: 1_794_839_400)
    let body = try timeSeriesAnswer(series: 1000, points: 5, end: end)
    let decoded = try GCPJSON.decode(MonitoringShapes.ListTimeSeriesResponse.self, from: body, call: "timeSeries.list")
    guard let series = decoded.timeSeries, series.count == 1000,
          series.allSatisfy({ $0.points?.count == 5 && $0.points?.allSatisfy { $0.value?.int64Value != nil } == true }) else {
        throw BenchmarkFailure("the synthetic answer does not hold 1,000 series of 5 int64 points")
    }
    let client = GCPClient(
        collector: "gcp/bench", tokens: GCPStaticTokenProvider("bench-token"), endpoints: .single(URL(string: "http://127.0.0.1:1")!),
        loginHint: "benchmark"
    )
    let query = MonitoringQuery(
        metricType: "aiplatform.googleapis.com/prediction/online/prediction_count", resourceType: "aiplatform.googleapis.com/Endpoint",
        aligner: "ALIGN_DELTA", reducer: "REDUCE_SUM", groupByFields: ["resource.labels.endpoint_id", "resource.labels.location"]
    )
    let canned = CannedAnswerTransport(body: body)
    let start = end.addingTimeInterval(-300)
    let read = try await client.listTimeSeries(project: benchProject, query: query, start: start, end: end, expectedSeries: 1000, transport: canned)
    guard read.pages == 1, read.seriesCount == 1000,
          read.series.allSatisfy({ $0.points.count == 5 && $0.points.first!.end < $0.points.last!.end }) else {
        throw BenchmarkFailure("the client read \(read.seriesCount) series in \(read.pages) pages from the canned answer")
    }
    print("")
    print(String(format: "timeSeries.list, 1,000 series x 5 int64 points: answer %.1f KB (%d bytes)", Double(body.count) / 1024, body.count))
    measure("decode 1,000-series answer (GCPJSON.decode)", iterations: 500) {
        _ = try? GCPJSON.decode(MonitoringShapes.ListTimeSeriesResponse.self, from: body, call: "timeSeries.list")
    }
    try await measureAsync("listTimeSeries 1,000 series, no network", iterations: 60) {
        _ = try await client.listTimeSeries(project: benchProject, query: query, start: start, end: end, expectedSeries: 1000, transport: canned)
    }
    // The series read parses every point's end time; this isolates that share of the call.
    let stamps = series.flatMap { $0.points ?? [] }.compactMap { $0.interval?.endTime }
    measure("GCPTime.parse x \(stamps.count) point end times", iterations: 60) {
        for stamp in stamps { _ = GCPTime.parse(stamp) }
    }
}

/// A Cloud Monitoring answer as the API writes it after `ALIGN_DELTA` + `REDUCE_SUM` grouped by
/// endpoint and location: the surviving labels, `DELTA`/`INT64`, one-minute points newest
/// first, `int64Value` as a string (proto3 JSON), numeric endpoint ids of 19 digits.
private func timeSeriesAnswer(series count: Int, points: Int, end: Date) throws -> [UInt8] {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    var generator = SplitMix64(seed: 7)
    var series: [[String: Any]] = []
    series.reserveCapacity(count)
    for index in 0..<count {
        let pointList: [[String: Any]] = (0..<points).map { age in
            let pointEnd = end.addingTimeInterval(-60 * Double(age))
            return [
                "interval": ["startTime": formatter.string(from: pointEnd.addingTimeInterval(-60)), "endTime": formatter.string(from: pointEnd)],
                "value": ["int64Value": String(generator.nextInt(below: 4001))],
            ]
        }
        series.append([
            "metric": ["type": "aiplatform.googleapis.com/prediction/online/prediction_count"],
            "resource": [
                "type": "aiplatform.googleapis.com/Endpoint",
                "labels": [
                    "resource_container": "projects/412345678901", "location": benchLocations[index % benchLocations.count],
                    "endpoint_id": String(1_000_000_000_000_000_000 + index * 7_919_000_003),
                ],
            ],
            "metricKind": "DELTA",
            "valueType": "INT64",
            "points": pointList,
        ])
    }
    let answer: [String: Any] = ["timeSeries": series, "unit": "1"]
    return Array(try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes]))
}
