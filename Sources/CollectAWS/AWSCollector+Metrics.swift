import BurnwatchCollect
import BurnwatchCore
import Foundation

extension AWSCollector {
    /// `[start, end)` of a metrics round at `now`: the last `lookbackMinutes` complete minutes
    /// that CloudWatch has settled.
    func metricsWindow(at now: Date) -> (start: Date, end: Date) {
        let end = Self.newestSettledMinute(at: now).addingTimeInterval(60)
        return (end.addingTimeInterval(-Double(configuration.lookbackMinutes) * 60), end)
    }

    func collectMetrics(context: CollectContext) async throws -> CollectBatch {
        var issues: [CollectIssue] = []
        var inventory: [Endpoint]?
        let targets: [AWSCollectorTarget]
        if let known = state.withLock({ $0.targets }) {
            targets = known
        } else {
            let refreshed = try await refreshInventory(context: context)
            targets = refreshed.targets
            issues += refreshed.issues
            inventory = targets.map(\.endpoint)
        }
        let window = metricsWindow(at: context.now)
        var samples: [MetricSample] = []
        var usage: [AWSCollectorMetricPlan.Usage] = []
        var failures: [CollectorError] = []
        var queryCount = 0
        var regionsRead = 0
        for region in configuration.regions {
            let regional = targets.filter { $0.region == region }
            guard !regional.isEmpty else { continue }
            let plan = AWSCollectorMetricPlan(targets: regional)
            queryCount += plan.queries.count
            do {
                let data = try await readMetrics(plan.queries, window: window, region: region, transport: context.transport, issues: &issues)
                let read = plan.read(data)
                samples += read.samples
                usage += read.usage
                issues += Self.resultIssues(data, region: region)
                regionsRead += 1
            } catch {
                failures.append(try Self.absorb(error, what: "metrics", region: region, issues: &issues))
            }
        }
        if regionsRead == 0, let first = failures.first { throw first }
        // Replica counts are state, not traffic: the latest DescribeEndpoint (or provisioned
        // units) figure, stamped with this round's time.
        for target in targets {
            if let replicas = target.replicas {
                samples.append(MetricSample(endpoint: target.id, metric: .replicas, time: context.now, value: Double(replicas)))
            }
        }
        let count = queryCount
        let observed = usage
        state.withLock { state in
            state.queryCount = count
            for minute in observed { state.ledger.record(minute) }
            // The estimate covers today (Cost Explorer bills whole days) and the last hour: nothing older is needed.
            state.ledger.prune(before: min(CostExplorerPeriod.startOfDay(context.now), context.now.addingTimeInterval(-3600)))
        }
        return CollectBatch(
            collector: configuration.id, dataClass: .metrics, fetchedAt: context.now, inventory: inventory, samples: samples, issues: issues
        )
    }

    /// Reads the queries; when the call fails on the server's side and asked for percentiles,
    /// asks once more without them. Some CloudWatch implementations (moto, for one) fail a whole
    /// call they cannot compute a percentile for, and the counts should not be lost with it.
    private func readMetrics(
        _ queries: [CloudWatchMetricQuery], window: (start: Date, end: Date), region: String, transport: any Transport,
        issues: inout [CollectIssue]
    ) async throws -> CloudWatchMetricData {
        do {
            return try await client.getMetricData(queries, start: window.start, end: window.end, region: region, transport: transport)
        } catch let error as CollectorError where error.kind.hasPrefix("server error") {
            let plain = queries.filter { Self.standardStatistics.contains($0.stat) }
            guard plain.count < queries.count, !plain.isEmpty else { throw error }
            let data = try await client.getMetricData(plain, start: window.start, end: window.end, region: region, transport: transport)
            issues.append(CollectIssue("\(region): p99 latency unavailable this round (GetMetricData failed with percentiles: \(error.description))"))
            return data
        }
    }

    static let standardStatistics: Set<String> = ["Sum", "Average", "Maximum", "Minimum", "SampleCount"]

    /// One issue per region for queries CloudWatch could not answer in full, and its call-level messages.
    static func resultIssues(_ data: CloudWatchMetricData, region: String) -> [CollectIssue] {
        var issues: [CollectIssue] = []
        let troubled = data.results.values.filter { $0.statusCode == "Forbidden" || $0.statusCode == "InternalError" }
        if !troubled.isEmpty {
            let codes = Set(troubled.compactMap(\.statusCode)).sorted().joined(separator: ", ")
            issues.append(CollectIssue("\(region): \(troubled.count) CloudWatch queries answered \(codes)"))
        }
        for message in Set(data.messages).sorted() {
            issues.append(CollectIssue("\(region): CloudWatch: \(message)"))
        }
        return issues
    }
}
