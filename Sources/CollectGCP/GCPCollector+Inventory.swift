import BurnwatchCollect
import BurnwatchCore
import Foundation

extension GCPCollector {
    func collectInventory(context: CollectContext) async throws -> CollectBatch {
        let (targets, issues) = try await refreshInventory(context: context)
        let samples = targets.compactMap { target in
            target.replicas.map { MetricSample(endpoint: target.id, metric: .replicas, time: context.now, value: Double($0)) }
        }
        return CollectBatch(
            collector: configuration.id, dataClass: .inventory, fetchedAt: context.now, inventory: targets.map(\.endpoint),
            samples: samples, issues: issues
        )
    }

    /// Lists every location's endpoints and the publisher models in use, and remembers them
    /// for the metrics and cost rounds.
    func refreshInventory(context: CollectContext) async throws -> (targets: [GCPCollectorTarget], issues: [CollectIssue]) {
        let previous = state.withLock { $0.targets ?? [] }
        var targets: [GCPCollectorTarget] = []
        var issues: [CollectIssue] = []
        var failures: [CollectorError] = []
        var successes = 0
        var projectNumber: String?
        for location in configuration.locations {
            do {
                let endpoints = try await client.listEndpoints(project: configuration.project, location: location, transport: context.transport)
                projectNumber = projectNumber ?? endpoints.lazy.compactMap(\.projectNumber).first
                targets += Self.endpointTargets(
                    endpoints, project: configuration.project, location: location, prices: priceTable, now: context.now
                )
                successes += 1
            } catch {
                failures.append(try Self.absorb(error, what: "Vertex AI endpoints", location: location, issues: &issues))
                // A passing failure keeps what the last round saw, rather than making it vanish.
                targets += previous.filter { !$0.isPublisherModel && $0.location == location }
            }
        }
        do {
            targets += try await publisherModelsInUse(now: context.now, transport: context.transport)
            successes += 1
        } catch {
            failures.append(try Self.absorb(error, what: "Model Garden models in use", location: nil, issues: &issues))
            targets += previous.filter(\.isPublisherModel)
        }
        if successes == 0, let first = failures.first { throw first }
        targets.sort { $0.id < $1.id }
        let result = targets
        state.withLock { state in
            state.targets = result
            if let projectNumber { state.projectNumber = projectNumber }
            for target in result {
                if let replicas = target.replicas { state.ledger.observeReplicas(Double(replicas), of: target.id, at: target.observedAt) }
            }
        }
        return (result, issues)
    }

    /// The publisher models with calls in the last day, in the watched locations.
    private func publisherModelsInUse(now: Date, transport: any Transport) async throws -> [GCPCollectorTarget] {
        let end = Self.newestSettledMinute(at: now).addingTimeInterval(60)
        let result = try await client.listTimeSeries(
            project: configuration.project, query: GCPCollectorMetricPlan.publisherModelsInUse(), start: end.addingTimeInterval(-Self.publisherLookback),
            end: end, expectedSeries: state.withLock { $0.targets?.filter(\.isPublisherModel).count ?? 0 }, transport: transport
        )
        let watched = Set(configuration.locations + [GCPCollectorMetricPlan.globalLocation])
        var seen: Set<String> = []
        var targets: [GCPCollectorTarget] = []
        for series in result.series {
            guard let model = series.label("resource.labels.model_user_id"), let location = series.label("resource.labels.location"),
                  watched.contains(location), seen.insert("\(location)/\(model)").inserted
            else { continue }
            targets.append(Self.publisherTarget(model: model, location: location, project: configuration.project, now: now))
        }
        return targets
    }

    static func publisherTarget(model: String, location: String, project: String, now: Date) -> GCPCollectorTarget {
        let id = EndpointID(account: project, region: location, service: .vertexPublisherModel, name: Sanitizer.clean(model))
        return GCPCollectorTarget(
            endpoint: Endpoint(id: id, kind: .managedAPI, configuration: EndpointConfiguration(model: Sanitizer.clean(model)), status: "in use"),
            source: .publisherModel(id: model), location: location, observedAt: now
        )
    }

    /// One target per endpoint. Endpoints are named by display name; two endpoints of one
    /// location with the same display name get their ids appended, so neither hides the other.
    static func endpointTargets(
        _ endpoints: [VertexShapes.Endpoint], project: String, location: String, prices: GCPPriceTable, now: Date
    ) -> [GCPCollectorTarget] {
        let names = endpoints.map { Sanitizer.clean($0.displayName?.isEmpty == false ? $0.displayName! : $0.endpointID) }
        let counts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        return zip(endpoints, names).map { endpoint, name in
            let unique = counts[name, default: 0] > 1 ? "\(name) (\(Sanitizer.clean(endpoint.endpointID)))" : name
            return endpointTarget(endpoint, name: unique, project: project, location: location, prices: prices, now: now)
        }
    }

    /// What an endpoint shows: the machine and GPU of its main deployed model (the one with the
    /// most traffic), replicas summed over its deployed models, and the price of one replica.
    static func endpointTarget(
        _ endpoint: VertexShapes.Endpoint, name: String, project: String, location: String, prices: GCPPriceTable, now: Date
    ) -> GCPCollectorTarget {
        let deployed = endpoint.deployedModels ?? []
        let split = endpoint.trafficSplit ?? [:]
        let main = deployed.max { (split[$0.id ?? ""] ?? 0) < (split[$1.id ?? ""] ?? 0) }
        var configuration = EndpointConfiguration()
        if let model = main?.model ?? main?.displayName { configuration.model = Sanitizer.clean(model.split(separator: "/").last.map(String.init) ?? model) }
        let spec = main?.dedicatedResources?.machineSpec ?? deployed.lazy.compactMap { $0.dedicatedResources?.machineSpec }.first
        if let spec, let machine = spec.machineType {
            configuration.instanceType = Sanitizer.clean(machine)
            if let type = spec.acceleratorType, let gpu = GCPPriceTable.gpu(acceleratorType: type) {
                configuration.gpu = gpu
                configuration.gpuCount = max(1, spec.acceleratorCount ?? 1)
            } else if let implied = GCPPriceTable.accelerator(machineType: machine) {
                configuration.gpu = implied.gpu
                configuration.gpuCount = implied.count
            }
        }
        // Replica bounds, summed over deployed models; proto3 leaves a 0 minimum out.
        let bounds = deployed.compactMap { model -> (Int, Int)? in
            if let dedicated = model.dedicatedResources {
                let minimum = dedicated.minReplicaCount ?? 0
                return (minimum, max(minimum, dedicated.maxReplicaCount ?? minimum))
            }
            if let automatic = model.automaticResources {
                let minimum = automatic.minReplicaCount ?? 0
                return (minimum, max(minimum, automatic.maxReplicaCount ?? minimum))
            }
            return nil
        }
        if !bounds.isEmpty {
            configuration.minReplicas = bounds.reduce(0) { $0 + $1.0 }
            configuration.maxReplicas = bounds.reduce(0) { $0 + $1.1 }
        }
        let statuses = deployed.compactMap(\.status)
        let replicas = statuses.isEmpty ? nil : statuses.reduce(0) { $0 + ($1.availableReplicaCount ?? 0) }
        let id = EndpointID(account: project, region: location, service: .vertexEndpoint, name: name)
        let kind: EndpointKind = configuration.minReplicas == 0 && !bounds.isEmpty ? .serverless : .dedicated
        let status: String = deployed.isEmpty ? "no model deployed" : (replicas == 0 ? "scaled to zero" : "deployed")
        return GCPCollectorTarget(
            endpoint: Endpoint(id: id, kind: kind, configuration: configuration, status: status),
            source: .endpoint(id: endpoint.endpointID), location: location, replicas: replicas,
            replicaHourPrice: replicaPrice(deployed, prices: prices), labels: endpoint.labels ?? [:], observedAt: now
        )
    }

    /// The hourly price of one replica: its machine plus accelerators. With deployed models on
    /// different machines, the replica-weighted mean (by available replicas, else by minimum).
    /// Nil when a dedicated model's machine has no price, or no model has dedicated resources
    /// (automatic resources and shared pools are not priced per endpoint).
    static func replicaPrice(_ deployed: [VertexShapes.DeployedModel], prices: GCPPriceTable) -> Money? {
        var weighted: [(Money, Decimal)] = []
        for model in deployed {
            guard let dedicated = model.dedicatedResources else { continue }
            guard let spec = dedicated.machineSpec, let machine = spec.machineType,
                  let price = prices.hourly(machineType: machine, acceleratorType: spec.acceleratorType, acceleratorCount: spec.acceleratorCount)
            else { return nil }
            let weight = model.status?.availableReplicaCount ?? dedicated.minReplicaCount ?? 0
            weighted.append((price, Decimal(weight)))
        }
        guard let first = weighted.first?.0, weighted.allSatisfy({ $0.0.currency == first.currency }) else { return nil }
        let total = weighted.reduce(Decimal(0)) { $0 + $1.1 }
        guard total > 0 else { return weighted.count == 1 ? first : Money(weighted.reduce(Decimal(0)) { $0 + $1.0.amount } / Decimal(weighted.count), first.currency) }
        return Money(weighted.reduce(Decimal(0)) { $0 + $1.0.amount * $1.1 } / total, first.currency)
    }
}
