import BurnwatchCore

/// The CloudWatch metrics the simulated AWS publishes for its endpoints, and their values per minute.
///
/// SageMaker (namespace `AWS/SageMaker`, dimensions `EndpointName` and `VariantName` = `AllTraffic`):
/// Invocations, Invocation4XXErrors, Invocation5XXErrors, ModelLatency and OverheadLatency (in
/// microseconds); real-time endpoints also InvocationsPerInstance; serverless ones ModelSetupTime
/// (microseconds, one datapoint per cold start), ServerlessConcurrentExecutionsUtilization and, with
/// provisioned concurrency, ServerlessProvisionedConcurrency{Executions,Utilization,Invocations,
/// SpilloverInvocations}.
///
/// The model has one p99 latency per minute, in ms. It is split so that ModelLatency p99 +
/// OverheadLatency p99 = the model's p99 exactly, in whole microseconds: OverheadLatency takes 3 %
/// (SageMaker's own overhead is a few ms), ModelLatency the rest. A collector that shows
/// `(ModelLatency p99 + OverheadLatency p99) / 1000` shows the model's p99 to the microsecond.
///
/// Bedrock (namespace `AWS/Bedrock`, dimension `ModelId`): Invocations, InvocationLatency (ms),
/// InvocationClientErrors, InvocationServerErrors, InvocationThrottles, InputTokenCount,
/// OutputTokenCount. The model's client errors on Bedrock are throttles (the demo's runaway batch
/// job is throttled), so InvocationThrottles carries them and InvocationClientErrors is 0; the
/// model's invocation count is published as Invocations as it is.
///
/// Minutes without calls publish nothing: an empty `Values` means no traffic.
enum CloudWatchMetricCatalog {
    struct MetricID: Hashable {
        var namespace: String
        var name: String
        /// Sorted by name.
        var dimensions: [Dimension]
    }

    struct Dimension: Hashable {
        var name: String
        var value: String
    }

    static let sageMakerNamespace = "AWS/SageMaker"
    static let bedrockNamespace = "AWS/Bedrock"
    static let overheadShare = 0.03

    /// The metric names an endpoint publishes, with their units.
    static func metricNames(of endpoint: SimulatedEndpoint) -> [(name: String, unit: String)] {
        switch endpoint.id.service {
        case .sageMakerRealtime:
            return [
                ("Invocations", "None"), ("Invocation4XXErrors", "None"), ("Invocation5XXErrors", "None"),
                ("InvocationsPerInstance", "None"), ("ModelLatency", "Microseconds"), ("OverheadLatency", "Microseconds"),
            ]
        case .sageMakerServerless:
            var names: [(String, String)] = [
                ("Invocations", "None"), ("Invocation4XXErrors", "None"), ("Invocation5XXErrors", "None"),
                ("ModelLatency", "Microseconds"), ("OverheadLatency", "Microseconds"), ("ModelSetupTime", "Microseconds"),
                ("ServerlessConcurrentExecutionsUtilization", "None"),
            ]
            if endpoint.configuration.provisionedConcurrency != nil {
                names += [
                    ("ServerlessProvisionedConcurrencyExecutions", "Count"),
                    ("ServerlessProvisionedConcurrencyUtilization", "None"),
                    ("ServerlessProvisionedConcurrencyInvocations", "Count"),
                    ("ServerlessProvisionedConcurrencySpilloverInvocations", "Count"),
                ]
            }
            return names
        case .bedrock:
            return [
                ("Invocations", "SampleCount"), ("InvocationLatency", "Milliseconds"), ("InvocationClientErrors", "SampleCount"),
                ("InvocationServerErrors", "SampleCount"), ("InvocationThrottles", "SampleCount"),
                ("InputTokenCount", "SampleCount"), ("OutputTokenCount", "SampleCount"),
            ]
        default:
            return []
        }
    }

    static func namespace(of endpoint: SimulatedEndpoint) -> String {
        endpoint.id.service == .bedrock ? bedrockNamespace : sageMakerNamespace
    }

    static func dimensions(of endpoint: SimulatedEndpoint, view: AWSFleetView) -> [Dimension] {
        if endpoint.id.service == .bedrock {
            return [Dimension(name: "ModelId", value: view.bedrockModelID(endpoint))]
        }
        return [Dimension(name: "EndpointName", value: endpoint.id.name), Dimension(name: "VariantName", value: AWSFleetView.variantName)]
    }

    /// The model's p99 split into (ModelLatency, OverheadLatency), in whole microseconds.
    static func sageMakerLatencySplit(p99Ms: Double) -> (model: Double, overhead: Double) {
        let total = (p99Ms * 1000).rounded()
        let overhead = (total * overheadShare).rounded()
        return (total - overhead, overhead)
    }

    /// One metric's value for one minute, or nil when CloudWatch has no datapoint for it.
    static func value(_ name: String, of endpoint: SimulatedEndpoint, minute: EndpointMinute) -> CloudWatchMinuteValue? {
        let calls = minute.invocations
        guard calls > 0 else { return nil }
        switch (endpoint.id.service, name) {
        case (.sageMakerRealtime, "Invocations"), (.sageMakerServerless, "Invocations"), (.bedrock, "Invocations"):
            return .flags(ones: calls, calls: calls)
        case (.sageMakerRealtime, "Invocation4XXErrors"), (.sageMakerServerless, "Invocation4XXErrors"):
            return .flags(ones: minute.clientErrors, calls: calls)
        case (.sageMakerRealtime, "Invocation5XXErrors"), (.sageMakerServerless, "Invocation5XXErrors"),
            (.bedrock, "InvocationServerErrors"):
            return .flags(ones: minute.serverErrors, calls: calls)
        case (.bedrock, "InvocationThrottles"):
            return .flags(ones: minute.clientErrors, calls: calls)
        case (.bedrock, "InvocationClientErrors"):
            return .flags(ones: 0, calls: calls)
        case (.sageMakerRealtime, "InvocationsPerInstance"):
            guard let replicas = minute.replicas, replicas > 0 else { return nil }
            return .amount(total: Double(calls) / Double(replicas), calls: calls)
        case (.sageMakerRealtime, "ModelLatency"), (.sageMakerServerless, "ModelLatency"):
            return minute.p99LatencyMs.map { .latency(p99: sageMakerLatencySplit(p99Ms: $0).model, calls: calls) }
        case (.sageMakerRealtime, "OverheadLatency"), (.sageMakerServerless, "OverheadLatency"):
            return minute.p99LatencyMs.map { .latency(p99: sageMakerLatencySplit(p99Ms: $0).overhead, calls: calls) }
        case (.bedrock, "InvocationLatency"):
            return minute.p99LatencyMs.map { .latency(p99: $0, calls: calls) }
        case (.bedrock, "InputTokenCount"):
            return minute.inputTokens.map { .amount(total: Double($0), calls: calls) }
        case (.bedrock, "OutputTokenCount"):
            return minute.outputTokens.map { .amount(total: Double($0), calls: calls) }
        case (.sageMakerServerless, "ModelSetupTime"):
            guard let cold = minute.coldStarts, cold > 0 else { return nil }
            return .constant((endpoint.coldStartMs * 1000).rounded(), count: cold)
        case (.sageMakerServerless, "ServerlessConcurrentExecutionsUtilization"):
            guard let concurrency = minute.concurrency, let maximum = endpoint.configuration.maxConcurrency, maximum > 0 else {
                return nil
            }
            return .gauge(Double(concurrency) / Double(maximum))
        case (.sageMakerServerless, let name) where name.hasPrefix("ServerlessProvisionedConcurrency"):
            guard let provisioned = endpoint.configuration.provisionedConcurrency, provisioned > 0,
                let concurrency = minute.concurrency
            else { return nil }
            let warm = min(concurrency, provisioned)
            let warmCalls = concurrency > 0 ? Int((Double(calls) * Double(warm) / Double(concurrency)).rounded()) : calls
            switch name {
            case "ServerlessProvisionedConcurrencyExecutions": return .gauge(Double(warm))
            case "ServerlessProvisionedConcurrencyUtilization": return .gauge(Double(warm) / Double(provisioned))
            case "ServerlessProvisionedConcurrencyInvocations": return .flags(ones: warmCalls, calls: calls)
            case "ServerlessProvisionedConcurrencySpilloverInvocations": return .flags(ones: calls - warmCalls, calls: calls)
            default: return nil
            }
        default:
            return nil
        }
    }
}
