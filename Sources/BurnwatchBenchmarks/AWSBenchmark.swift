import BurnwatchCollect
import BurnwatchCore
import CloudSim
import CollectAWS
import Foundation

// The AWS collector's cost per refresh, and its CloudWatch decode time. The real collector, with
// the simulator's demo key and the real HTTP transport, polls `SimulatedAWSServer` on loopback;
// calls are counted three ways (the simulator's own count, the request bodies on the wire, and the
// app's CallLedger) and the figures are cross-checked before they are printed.

func awsBenchmark() async throws {
    print("AWS collector against SimulatedAWSServer on loopback: one account, us-east-1, 5-minute lookback, 60 s cadence")
    let fleets: [(label: String, scenario: FleetScenario, metricsRounds: Int)] = [
        ("10 SageMaker real-time", .awsAccount(realTime: 10), 5),
        ("100 SageMaker real-time", .awsAccount(realTime: 100), 5),
        ("1,000 SageMaker real-time", .awsAccount(realTime: 1000), 7),
        ("100 mixed (80 real-time, 15 serverless, 5 Bedrock)", .awsAccount(realTime: 80, serverless: 15, bedrock: 5), 5),
        ("1,000 mixed (800 real-time, 150 serverless, 50 Bedrock)", .awsAccount(realTime: 800, serverless: 150, bedrock: 50), 7),
    ]
    for fleet in fleets {
        try await measureAWSRefresh(label: fleet.label, scenario: fleet.scenario, metricsRounds: fleet.metricsRounds)
    }
    try await getMetricDataDecodeBenchmark()
}

/// One inventory round (and a second, once the endpoint configs are cached), then
/// `metricsRounds` metrics rounds a minute apart; prints calls, metrics, price and wall time.
private func measureAWSRefresh(label: String, scenario: FleetScenario, metricsRounds: Int) async throws {
    let start = Date(timeIntervalSince1970: 1_794_839_400)
    let clock = ManualTimeSource(start: start)
    let model = FleetModel(scenario: scenario, start: start.addingTimeInterval(-3600))
    let collectorID: CollectorID = "aws/bench"
    let stopwatch = ContinuousClock()
    try await withSimulatedAWSServer(model: model, clock: clock) { server in
        try await AsyncHTTPClientTransport.withTransport(configuration: AsyncHTTPClientTransport.Configuration()) { http in
            let ledger = CallLedger(time: clock)
            let wire = WireRecorder(wrapping: AccountingTransport(wrapping: http, ledger: ledger))
            let key = AWSKeyPair.demo
            let client = AWSClient(
                collector: collectorID,
                credentials: AWSStaticCredentialProvider(accessKeyID: key.accessKeyID, secretAccessKey: key.secretAccessKey, source: "demo key"),
                endpoints: AWSEndpointResolver(forcedURL: server.baseURL), clock: clock, profileHint: "the demo key is built in"
            )
            let collector = AWSCollector(configuration: AWSCollectorConfiguration(id: collectorID, regions: ["us-east-1"]), client: client)
            func serverCounts() -> [AWSOperation: Int] {
                Dictionary(uniqueKeysWithValues: AWSOperation.allCases.map { ($0, server.callCount(operation: $0)) })
            }
            func difference(_ after: [AWSOperation: Int], _ before: [AWSOperation: Int]) -> [AWSOperation: Int] {
                after.reduce(into: [:]) { result, entry in
                    let change = entry.value - (before[entry.key] ?? 0)
                    if change != 0 { result[entry.key] = change }
                }
            }

            // Inventory: the first round describes every endpoint config; later ones use the cache.
            var inventoryCalls: [[AWSOperation: Int]] = []
            var inventoryTimes: [Duration] = []
            var inventorySize = 0
            for _ in 0..<2 {
                let before = serverCounts()
                let began = stopwatch.now
                let batch = try await collector.collect(.inventory, context: CollectContext(now: clock.now(), transport: wire))
                inventoryTimes.append(stopwatch.now - began)
                inventoryCalls.append(difference(serverCounts(), before))
                inventorySize = batch.inventory?.count ?? 0
                if !batch.issues.isEmpty { throw BenchmarkFailure("\(label): inventory issues: \(batch.issues.prefix(3))") }
                clock.advance(by: 60)
            }
            guard inventorySize == scenario.endpoints.count else {
                throw BenchmarkFailure("\(label): the inventory found \(inventorySize) of \(scenario.endpoints.count) endpoints")
            }

            // Metrics: every round must cost the same; the first one is printed, all are timed.
            var metricsTimes: [Duration] = []
            var perRound: WireRecorder.Tally?
            var samples = 0
            for _ in 0..<metricsRounds {
                let before = serverCounts()
                let wireBefore = wire.tally
                let spendBefore = ledger.tally(for: collectorID).spend
                let began = stopwatch.now
                let batch = try await collector.collect(.metrics, context: CollectContext(now: clock.now(), transport: wire))
                metricsTimes.append(stopwatch.now - began)
                let round = wire.tally - wireBefore
                let simulated = difference(serverCounts(), before)
                let spend = ledger.tally(for: collectorID).spend - spendBefore
                let listed = collector.descriptor.pricePerRound[.metrics] ?? -1
                let expectedPrice = AWSClient.getMetricDataPrice(metrics: round.metricsRequested)
                guard simulated == [.getMetricData: round.getMetricDataCalls], round.requests == round.getMetricDataCalls else {
                    throw BenchmarkFailure("\(label): the simulator saw \(simulated), the wire \(round.requests) requests")
                }
                guard spend == expectedPrice, listed == expectedPrice else {
                    throw BenchmarkFailure("\(label): ledger spend \(spend), descriptor price \(listed), wire metrics \(round.metricsRequested)")
                }
                if !batch.issues.isEmpty { throw BenchmarkFailure("\(label): metrics issues: \(batch.issues.prefix(3))") }
                if let first = perRound, first.queriesPerCall != round.queriesPerCall {
                    throw BenchmarkFailure("\(label): rounds differ: \(first.queriesPerCall) then \(round.queriesPerCall)")
                }
                perRound = perRound ?? round
                samples = batch.samples.count
                clock.advance(by: 60)
            }
            guard let round = perRound else { return }

            let price = AWSClient.getMetricDataPrice(metrics: round.metricsRequested)
            let perDay = price * 1440
            print("")
            print("\(label): \(inventorySize) endpoints")
            print(String(
                format: "  metrics round: %d GetMetricData call(s) %@, %d metrics requested, $%.4f per refresh, $%.2f per day at 60 s",
                round.getMetricDataCalls, "[\(round.queriesPerCall.map(String.init).joined(separator: ", "))]" as NSString,
                round.metricsRequested, (price as NSDecimalNumber).doubleValue, (perDay as NSDecimalNumber).doubleValue
            ))
            print(String(
                format: "  metrics round: %d samples, %.1f KB sent, %.1f KB received; wall %@",
                samples, Double(round.bytesSent) / 1024, Double(round.bytesReceived) / 1024, durationSummary(metricsTimes) as NSString
            ))
            for (index, calls) in inventoryCalls.enumerated() {
                let total = calls.values.reduce(0, +)
                let parts = calls.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue.split(separator: ".").last ?? "") \($0.value)" }
                print(String(
                    format: "  inventory round %d: %d calls (%@); wall %.0f ms",
                    index + 1, total, parts.joined(separator: ", ") as NSString, milliseconds(inventoryTimes[index])
                ))
            }
        }
    }
}

/// "median 12.3 ms, max 15.0 ms (5 rounds)".
private func durationSummary(_ samples: [Duration]) -> String {
    let sorted = samples.sorted()
    return String(
        format: "median %.1f ms, max %.1f ms (%d rounds)", milliseconds(sorted[sorted.count / 2]), milliseconds(sorted[sorted.count - 1]),
        sorted.count
    )
}

/// Decoding one full GetMetricData answer (500 queries × 5 datapoints): the JSON decode alone,
/// and the client's whole call without the network (encode the 500 queries, sign, decode, merge).
private func getMetricDataDecodeBenchmark() async throws {
    let answer = GetMetricDataAnswer(endpoints: 100, points: 5, end: Date(timeIntervalSince1970: 1_794_839_400))
    let decoded = try AWSJSON.decode(CloudWatchShapes.GetMetricDataOutput.self, from: answer.body, operation: "GetMetricData")
    let results = decoded.metricDataResults ?? []
    guard results.count == 500, results.allSatisfy({ $0.values?.count == 5 && $0.timestamps?.count == 5 }) else {
        throw BenchmarkFailure("the synthetic answer does not hold 500 results of 5 datapoints")
    }
    let client = AWSClient(
        collector: "aws/bench", credentials: AWSStaticCredentialProvider(accessKeyID: "AKIDBENCHMARK0000000", secretAccessKey: "not-a-secret"),
        endpoints: AWSEndpointResolver(forcedURL: URL(string: "http://127.0.0.1:1")!), profileHint: "benchmark"
    )
    let canned = CannedAnswerTransport(body: answer.body)
    let recorder = WireRecorder(wrapping: canned)
    let read = try await client.getMetricData(answer.queries, start: answer.start, end: answer.end, region: "us-east-1", transport: recorder)
    guard read.calls == 1, read.results.count == 500, read.results.values.allSatisfy({ $0.points.count == 5 }),
          recorder.tally.queriesPerCall == [500] else {
        throw BenchmarkFailure("the client read \(read.results.count) results in \(read.calls) calls from the canned answer")
    }
    print("")
    print(String(
        format: "GetMetricData, 500 queries x 5 datapoints: request %.1f KB, answer %.1f KB (%d bytes)",
        Double(recorder.tally.bytesSent) / 1024, Double(answer.body.count) / 1024, answer.body.count
    ))
    measure("decode 500-query answer (AWSJSON.decode)", iterations: 1000) {
        _ = try? AWSJSON.decode(CloudWatchShapes.GetMetricDataOutput.self, from: answer.body, operation: "GetMetricData")
    }
    try await measureAsync("getMetricData 500 queries, no network", iterations: 500) {
        _ = try await client.getMetricData(answer.queries, start: answer.start, end: answer.end, region: "us-east-1", transport: canned)
    }
}
