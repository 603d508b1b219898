import BurnwatchCollect
import BurnwatchCore
import Foundation

extension AWSCollector {
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

    /// Lists every region's endpoints and remembers them for the metrics and cost rounds.
    func refreshInventory(context: CollectContext) async throws -> (targets: [AWSCollectorTarget], issues: [CollectIssue]) {
        let account = try await account(transport: context.transport)
        let previous = state.withLock { $0.targets ?? [] }
        var targets: [AWSCollectorTarget] = []
        var issues: [CollectIssue] = []
        var failures: [CollectorError] = []
        var successes = 0
        for region in configuration.regions {
            for part in InventoryPart.allCases {
                do {
                    targets += try await inventory(part, region: region, account: account, now: context.now, transport: context.transport, issues: &issues)
                    successes += 1
                } catch {
                    failures.append(try Self.absorb(error, what: part.rawValue, region: region, issues: &issues))
                    // A passing failure keeps what the last round saw, rather than making it vanish.
                    targets += previous.filter { $0.region == region && $0.part == part }
                }
            }
        }
        if successes == 0, let first = failures.first { throw first }
        targets.sort { $0.id < $1.id }
        let result = targets
        state.withLock { state in
            state.targets = result
            for target in result {
                if let replicas = target.replicas { state.ledger.observeReplicas(replicas, of: target.id, at: target.observedAt) }
            }
        }
        return (result, issues)
    }

    private func inventory(
        _ part: InventoryPart, region: String, account: String, now: Date, transport: any Transport, issues: inout [CollectIssue]
    ) async throws -> [AWSCollectorTarget] {
        switch part {
        case .sageMaker:
            return try await sageMakerTargets(region: region, account: account, now: now, transport: transport, issues: &issues)
        case .bedrockOnDemand:
            let metrics = try await client.listMetrics(
                namespace: "AWS/Bedrock", metricName: "Invocations", dimensionNames: ["ModelId"], region: region, transport: transport
            )
            let models = Set(metrics.flatMap { $0.dimensions ?? [] }.filter { $0.name == "ModelId" }.map(\.value))
            return models.filter { !Self.isProvisionedModelARN($0) }.sorted().map { model in
                let id = EndpointID(account: account, region: region, service: .bedrock, name: Self.displayName(model))
                return AWSCollectorTarget(
                    endpoint: Endpoint(id: id, kind: .managedAPI, configuration: EndpointConfiguration(model: Sanitizer.clean(model)), status: "on-demand"),
                    source: .bedrock(modelDimension: model), replicas: nil, observedAt: now, part: .bedrockOnDemand
                )
            }
        case .bedrockProvisioned:
            return try await client.listProvisionedModelThroughputs(region: region, transport: transport).map { summary in
                let id = EndpointID(account: account, region: region, service: .bedrock, name: Sanitizer.clean(summary.provisionedModelName))
                let configuration = EndpointConfiguration(
                    provisionedUnits: summary.modelUnits, model: (summary.foundationModelID ?? summary.modelArn).map(Sanitizer.clean)
                )
                return AWSCollectorTarget(
                    endpoint: Endpoint(id: id, kind: .managedAPI, configuration: configuration, status: summary.status.map(Sanitizer.clean)),
                    source: .bedrock(modelDimension: summary.provisionedModelArn), replicas: summary.modelUnits, observedAt: now,
                    part: .bedrockProvisioned
                )
            }
        }
    }

    private func sageMakerTargets(
        region: String, account: String, now: Date, transport: any Transport, issues: inout [CollectIssue]
    ) async throws -> [AWSCollectorTarget] {
        let summaries = try await client.listEndpoints(region: region, transport: transport)
        let described = try await Self.boundedMap(summaries, limit: Self.describeConcurrency) { summary in
            try await self.describe(summary, region: region, transport: transport)
        }
        var targets: [AWSCollectorTarget] = []
        for (summary, outcome) in zip(summaries, described) {
            switch outcome {
            case .success(let pair):
                targets.append(Self.sageMakerTarget(summary: summary, description: pair.0, config: pair.1, account: account, region: region, now: now))
            case .failure(let error):
                // The endpoint went away between the list and the describe, or one answer was bad:
                // show what the list said and carry on.
                issues.append(CollectIssue("\(region): \(Sanitizer.clean(summary.endpointName)): \(error.description)"))
                targets.append(Self.sageMakerTarget(summary: summary, description: nil, config: nil, account: account, region: region, now: now))
            }
        }
        return targets
    }

    /// DescribeEndpoint and its (cached) DescribeEndpointConfig. Throttling and refused access or
    /// credentials fail the whole region's SageMaker call; any other failure (the endpoint was
    /// deleted meanwhile, a bad answer) stays with this endpoint.
    private func describe(
        _ summary: SageMakerShapes.EndpointSummary, region: String, transport: any Transport
    ) async throws -> Result<(SageMakerShapes.DescribeEndpointOutput, SageMakerShapes.DescribeEndpointConfigOutput?), CollectorError> {
        do {
            let description = try await client.describeEndpoint(name: summary.endpointName, region: region, transport: transport)
            guard let configName = description.endpointConfigName else { return .success((description, nil)) }
            let key = "\(region)/\(configName)"
            if let cached = state.withLock({ $0.endpointConfigs[key] }) { return .success((description, cached)) }
            let config = try await client.describeEndpointConfig(name: configName, region: region, transport: transport)
            state.withLock { $0.endpointConfigs[key] = config }
            return .success((description, config))
        } catch let error as CollectorError where !error.isThrottle && error.hint == nil {
            return .failure(error)
        }
    }

    static func sageMakerTarget(
        summary: SageMakerShapes.EndpointSummary, description: SageMakerShapes.DescribeEndpointOutput?,
        config: SageMakerShapes.DescribeEndpointConfigOutput?, account: String, region: String, now: Date
    ) -> AWSCollectorTarget {
        let liveVariants = description?.productionVariants ?? []
        let configVariants = config?.productionVariants ?? []
        let serverless = liveVariants.lazy.compactMap { $0.currentServerlessConfig ?? $0.desiredServerlessConfig }.first
            ?? configVariants.lazy.compactMap(\.serverlessConfig).first
        let service: Service = serverless != nil ? .sageMakerServerless : .sageMakerRealtime
        var configuration = EndpointConfiguration(model: configVariants.lazy.compactMap(\.modelName).first.map(Sanitizer.clean))
        var replicas: Int?
        if let serverless {
            configuration.serverlessMemoryMB = serverless.memorySizeInMB
            configuration.maxConcurrency = serverless.maxConcurrency
            configuration.provisionedConcurrency = serverless.provisionedConcurrency
        } else {
            let type = configVariants.lazy.compactMap(\.instanceType).first
                ?? liveVariants.lazy.compactMap { $0.instancePools?.first?.instanceType }.first
            configuration.instanceType = type.map(Sanitizer.clean)
            if let type, let accelerator = AWSPriceTable.accelerator(instanceType: type) {
                configuration.gpu = accelerator.gpu
                configuration.gpuCount = accelerator.count
            }
            let scaling = liveVariants.lazy.compactMap(\.managedInstanceScaling).first ?? configVariants.lazy.compactMap(\.managedInstanceScaling).first
            if let scaling, scaling.status == "ENABLED" {
                configuration.minReplicas = scaling.minInstanceCount
                configuration.maxReplicas = scaling.maxInstanceCount
            }
            let counts = liveVariants.compactMap(\.currentInstanceCount)
            replicas = counts.isEmpty ? nil : counts.reduce(0, +)
        }
        var variants = liveVariants.map(\.variantName)
        if variants.isEmpty { variants = configVariants.map(\.variantName) }
        if variants.isEmpty { variants = ["AllTraffic"] }
        let id = EndpointID(account: account, region: region, service: service, name: Sanitizer.clean(summary.endpointName))
        let status = description?.endpointStatus ?? summary.endpointStatus
        return AWSCollectorTarget(
            endpoint: Endpoint(id: id, configuration: configuration, status: status.map(Sanitizer.clean)),
            source: .sageMaker(endpointName: summary.endpointName, variants: variants), replicas: replicas, observedAt: now, part: .sageMaker
        )
    }

    static func isProvisionedModelARN(_ model: String) -> Bool {
        model.hasPrefix("arn:") && model.contains(":provisioned-model/")
    }

    /// A model id as is; an ARN by its last path part (`…:inference-profile/us.meta.llama3…`).
    static func displayName(_ model: String) -> String {
        guard model.hasPrefix("arn:") else { return Sanitizer.clean(withoutProvider(model)) }
        guard let slash = model.lastIndex(of: "/") else { return Sanitizer.clean(model) }
        let tail = model[model.index(after: slash)...]
        return Sanitizer.clean(tail.isEmpty ? model : withoutProvider(String(tail)))
    }

    /// Model providers whose prefix names every one of their model ids. Dropping it keeps the
    /// part that tells two models apart in a narrow column (`claude-3-opus-…`, not
    /// `anthropic.clau…`); the full id stays in the endpoint's configuration. A cross-region
    /// profile's geography (`us.`, `eu.`, `apac.`) is kept: it is part of what is called.
    static let modelProviders: Set<String> = [
        "anthropic", "amazon", "meta", "mistral", "cohere", "ai21", "stability", "deepseek", "writer", "luma", "openai", "qwen", "twelvelabs",
    ]

    static func withoutProvider(_ model: String) -> String {
        var parts = model.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let geography = parts.count == 3 && ["us", "eu", "apac", "us-gov", "global"].contains(parts[0]) ? parts.removeFirst() : nil
        let rest = parts.joined(separator: ".")
        guard let dot = rest.firstIndex(of: "."), modelProviders.contains(String(rest[..<dot])), rest.index(after: dot) < rest.endIndex else {
            return model
        }
        let bare = String(rest[rest.index(after: dot)...])
        return geography.map { "\($0).\(bare)" } ?? bare
    }

    /// Maps `items` with at most `limit` calls in flight, keeping the input order.
    static func boundedMap<Item: Sendable, Value: Sendable>(
        _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) async throws -> Value
    ) async throws -> [Value] {
        try await withThrowingTaskGroup(of: (Int, Value).self) { group in
            var results = [Value?](repeating: nil, count: items.count)
            var next = 0
            while next < min(limit, items.count) {
                let index = next
                group.addTask { (index, try await transform(items[index])) }
                next += 1
            }
            while let (index, value) = try await group.next() {
                results[index] = value
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await transform(items[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
