import BurnwatchCollect
import BurnwatchCore
import Foundation

extension GCPCollector {
    /// `[start, end)` of a metrics round at `now`: the last `lookbackMinutes` complete minutes
    /// Vertex AI has published.
    func metricsWindow(at now: Date) -> (start: Date, end: Date) {
        let end = Self.newestSettledMinute(at: now).addingTimeInterval(60)
        return (end.addingTimeInterval(-Double(configuration.lookbackMinutes) * 60), end)
    }

    func collectMetrics(context: CollectContext) async throws -> CollectBatch {
        var issues: [CollectIssue] = []
        var inventory: [Endpoint]?
        var targets: [GCPCollectorTarget]
        if let known = state.withLock({ $0.targets }) {
            targets = known
        } else {
            let refreshed = try await refreshInventory(context: context)
            targets = refreshed.targets
            issues += refreshed.issues
            inventory = targets.map(\.endpoint)
        }
        let window = metricsWindow(at: context.now)
        let expected = state.withLock { $0.seriesCounts }
        let endpointCount = targets.filter { !$0.isPublisherModel }.count
        let publisherCount = targets.filter(\.isPublisherModel).count
        let project = configuration.project
        let client = self.client
        let transport = context.transport
        let outcomes = await withTaskGroup(of: (GCPCollectorMetricPlan.Role, Result<MonitoringResult, any Error>).self) { group in
            for role in GCPCollectorMetricPlan.Role.allCases {
                let guess = expected[role] ?? (role.isPublisher ? publisherCount : endpointCount)
                group.addTask {
                    do {
                        let result = try await client.listTimeSeries(
                            project: project, query: GCPCollectorMetricPlan.query(role), start: window.start, end: window.end,
                            expectedSeries: guess, transport: transport
                        )
                        return (role, .success(result))
                    } catch {
                        return (role, .failure(error))
                    }
                }
            }
            var collected: [(GCPCollectorMetricPlan.Role, Result<MonitoringResult, any Error>)] = []
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        var results: [GCPCollectorMetricPlan.Role: MonitoringResult] = [:]
        var failures: [CollectorError] = []
        for role in GCPCollectorMetricPlan.Role.allCases {
            guard let outcome = outcomes.first(where: { $0.0 == role })?.1 else { continue }
            switch outcome {
            case .success(let result):
                results[role] = result
                for warning in Set(result.warnings).sorted() { issues.append(CollectIssue("Cloud Monitoring (\(role.rawValue)): \(warning)")) }
            case .failure(let error):
                failures.append(try Self.absorb(error, what: "metrics (\(GCPCollectorMetricPlan.query(role).metricType))", location: nil, issues: &issues))
            }
        }
        if results.isEmpty, let first = failures.first { throw first }

        // Publisher models called for the first time since the inventory join now.
        let newModels = GCPCollectorMetricPlan.newPublisherModels(results, known: targets, locations: configuration.locations)
        if !newModels.isEmpty {
            targets += newModels.map { Self.publisherTarget(model: $0.model, location: $0.location, project: project, now: context.now) }
            targets.sort { $0.id < $1.id }
            inventory = targets.map(\.endpoint)
        }
        let reading = GCPCollectorMetricPlan.read(results, targets: targets, start: window.start, end: window.end)
        let counts = results.mapValues(\.seriesCount)
        let finalTargets = targets
        state.withLock { state in
            state.seriesCounts.merge(counts) { _, new in new }
            if !newModels.isEmpty { state.targets = finalTargets }
            for (id, minute, count) in reading.replicas { state.ledger.observeReplicas(count, of: id, at: minute) }
            for (id, minute, used) in reading.tokens { state.ledger.recordTokens(used, of: id, at: minute) }
            // The billing export lags up to a day or so: keep two days for the unbilled estimate.
            state.ledger.prune(before: context.now.addingTimeInterval(-2 * 86_400))
        }
        return CollectBatch(
            collector: configuration.id, dataClass: .metrics, fetchedAt: context.now, inventory: inventory, samples: reading.samples, issues: issues
        )
    }
}
