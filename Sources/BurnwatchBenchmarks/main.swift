import BurnwatchCollect
import BurnwatchCore
import BurnwatchUI
import CloudSim
import Foundation

// Benchmarks with a plain harness: warm up, then time many iterations and report the median and
// the 99th percentile. Run in release: `swift run -c release BurnwatchBenchmarks [render|memory|aws|gcp|all]`.

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kilobytes / 1024
}

func measure(_ name: String, iterations: Int, _ body: () -> Void) {
    for _ in 0..<max(10, iterations / 20) { body() }
    var samples: [Duration] = []
    samples.reserveCapacity(iterations)
    let clock = ContinuousClock()
    for _ in 0..<iterations {
        samples.append(clock.measure(body))
    }
    printSummary(name, samples: samples)
}

/// Like `measure`, for work that must be awaited.
func measureAsync(_ name: String, iterations: Int, _ body: () async throws -> Void) async rethrows {
    for _ in 0..<max(10, iterations / 20) { try await body() }
    var samples: [Duration] = []
    samples.reserveCapacity(iterations)
    let clock = ContinuousClock()
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        samples.append(clock.now - start)
    }
    printSummary(name, samples: samples)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func printSummary(_ name: String, samples: [Duration]) {
    let sorted = samples.sorted()
    let median = milliseconds(sorted[sorted.count / 2]), p99 = milliseconds(sorted[sorted.count * 99 / 100])
    print(String(format: "%-44@ median %7.3f ms   p99 %7.3f ms   (%d runs)", name as NSString, median, p99, sorted.count))
}

/// A state of `count` simulated endpoints as the collectors report them at `now`.
func simulatedState(endpoints count: Int, now: Date, columns: Int, rows: Int) async throws -> AppState {
    let model = FleetModel(scenario: .large(endpoints: count), start: now.addingTimeInterval(-3600))
    var state = AppState(now: now)
    _ = state.apply(.resize(columns: columns, rows: rows))
    for collector in SimulatedCollector.fleet(model: model) {
        for dataClass in [DataClass.inventory, .metrics, .cost] {
            _ = state.apply(.batch(try await collector.collect(dataClass, context: CollectContext(now: now, transport: NoNetworkTransport()))))
        }
    }
    _ = state.apply(.tick(now))
    return state
}

func renderBenchmark() async throws {
    let now = Date(timeIntervalSince1970: 1_794_839_400)
    var state = try await simulatedState(endpoints: 1000, now: now, columns: 200, rows: 50)
    print("fleet: \(state.rows.count) endpoints, terminal 200x50")
    let sheet = StyleSheet(theme: .builtIn, capabilities: TerminalCapabilities(colorDepth: .indexed256, unicode: true))
    for screen in [Screen.fleet, .budgets, .detail] {
        state.ui.screen = screen
        measure("render \(screen.rawValue), 1,000 endpoints, 200x50", iterations: 2000) {
            _ = Renderer.render(state, sheet: sheet)
        }
    }
    state.ui.screen = .fleet
    var ticking = state
    var second = 0.0
    measure("reducer tick (re-derive 1,000 rows)", iterations: 300) {
        second += 1
        _ = ticking.apply(.tick(now.addingTimeInterval(second)))
    }
    var keyed = state
    measure("reducer key j + render", iterations: 2000) {
        _ = keyed.apply(.key(.character("j")))
        _ = Renderer.render(keyed, sheet: sheet)
    }
}

func memoryBenchmark() async throws {
    let before = residentMegabytes()
    let now = Date(timeIntervalSince1970: 1_794_839_400)
    // The simulator supplies only the inventory; the history is generated here so that the figure is
    // the dashboard's own memory, not the simulator's.
    let inventory = FleetModel(scenario: .large(endpoints: 1000), start: now).inventory(at: now)
    var state = AppState(now: now)
    _ = state.apply(.resize(columns: 200, rows: 50))
    _ = state.apply(.batch(CollectBatch(collector: "bench", dataClass: .inventory, fetchedAt: now, inventory: inventory)))
    var points = 0
    // 24 h at one minute for every metric an endpoint of its kind reports, fed one endpoint at a
    // time as batches, the way a day of polling would have filled it.
    for (index, endpoint) in inventory.enumerated() {
        var metrics: [Metric] = [.p99LatencyMs, .invocationsPerMinute, .errorsPerMinute]
        switch endpoint.kind {
        case .dedicated: metrics.append(.replicas)
        case .serverless: metrics += [.concurrency, .coldStartsPerMinute]
        case .managedAPI: metrics.append(.tokensPerMinute)
        }
        var samples: [MetricSample] = []
        samples.reserveCapacity(metrics.count * 1440)
        for minute in 0..<1440 {
            let time = now.addingTimeInterval(Double(minute - 1440) * 60)
            for (m, metric) in metrics.enumerated() {
                samples.append(MetricSample(endpoint: endpoint.id, metric: metric, time: time, value: Double((minute * 7 + index + m) % 500)))
            }
        }
        points += samples.count
        _ = state.apply(.batch(CollectBatch(collector: "bench", dataClass: .metrics, fetchedAt: now, samples: samples)))
    }
    _ = state.apply(.tick(now))
    let after = residentMegabytes()
    let series = state.endpoints.values.reduce(0) { $0 + $1.history.count }
    print(String(format: "memory: %d endpoints, %d series, %d points of 24 h history", state.rows.count, series, points))
    print(String(format: "resident: %.1f MB at start, %.1f MB holding the state (whole process)", before, after))
    withExtendedLifetime(state) {}
}

let mode = CommandLine.arguments.dropFirst().first ?? "all"
if mode == "render" || mode == "all" { try await renderBenchmark() }
if mode == "memory" || mode == "all" { try await memoryBenchmark() }
if mode == "aws" || mode == "all" { try await awsBenchmark() }
if mode == "gcp" || mode == "all" { try await gcpBenchmark() }
