import Foundation

/// How the simulated AWS behaves beyond what the fleet model says: keys, paging, scripted faults.
public struct SimulatedAWSOptions: Sendable {
    /// The access keys the server accepts (`AWSKeyPair.demo` by default).
    public var keyPairs: [AWSKeyPair]
    /// How far `X-Amz-Date` may be from the simulator's clock.
    public var clockSkewTolerance: TimeInterval
    /// CloudWatch publishes a minute this long after it ends.
    public var ingestDelay: TimeInterval
    /// The most datapoints one GetMetricData page holds (CloudWatch's default is 100,800); a
    /// request's `MaxDatapoints` can only lower it. Tests set a small value to see paging.
    public var maxDatapointsPerPage: Int
    /// The most metrics one ListMetrics page holds (CloudWatch: 500).
    public var listMetricsPageSize: Int
    /// The cost-allocation tag whose value is the endpoint's name (GroupBy TAG in Cost Explorer).
    public var costTagKey: String
    /// Scripted faults on top of the scenario's `SimulatedFault`s for AWS.
    public var faults: [AWSScriptedFault]
    /// Whether the scenario's `SimulatedFault`s that apply to AWS are honoured.
    public var appliesScenarioFaults: Bool
    /// The TCP port to bind on 127.0.0.1; 0 picks a free one.
    public var port: Int

    public init(
        keyPairs: [AWSKeyPair] = [.demo],
        clockSkewTolerance: TimeInterval = 300,
        ingestDelay: TimeInterval = 120,
        maxDatapointsPerPage: Int = 100_800,
        listMetricsPageSize: Int = 500,
        costTagKey: String = "burnwatch:endpoint",
        faults: [AWSScriptedFault] = [],
        appliesScenarioFaults: Bool = true,
        port: Int = 0
    ) {
        self.keyPairs = keyPairs
        self.clockSkewTolerance = clockSkewTolerance
        self.ingestDelay = ingestDelay
        self.maxDatapointsPerPage = max(1, maxDatapointsPerPage)
        self.listMetricsPageSize = max(1, listMetricsPageSize)
        self.costTagKey = costTagKey
        self.faults = faults
        self.appliesScenarioFaults = appliesScenarioFaults
        self.port = port
    }
}

/// A scripted misbehaviour of the simulated AWS for a window of simulated minutes after the
/// model's start.
public struct AWSScriptedFault: Sendable, Hashable {
    public enum Behaviour: Sendable, Hashable {
        /// The service's throttling error (ThrottlingException, or LimitExceededException for Cost Explorer).
        case throttle
        /// HTTP 200 with the first `keepingBytes` bytes of the real answer (truncated JSON).
        case truncated(keepingBytes: Int)
        /// HTTP 200 with a body that is not JSON at all.
        case garbage
        /// An internal error of the service (HTTP 500).
        case internalError
    }

    /// The calls affected; empty: every call.
    public var operations: Set<AWSOperation>
    /// Minutes after the model's start: active when `start + lower·60 ≤ now < start + upper·60`.
    public var minutes: Range<Int>
    public var behaviour: Behaviour

    public init(operations: Set<AWSOperation> = [], minutes: Range<Int>, behaviour: Behaviour) {
        self.operations = operations
        self.minutes = minutes
        self.behaviour = behaviour
    }

    /// Throttling of some calls in a window.
    public static func throttle(_ operations: Set<AWSOperation>, minutes: Range<Int>) -> AWSScriptedFault {
        AWSScriptedFault(operations: operations, minutes: minutes, behaviour: .throttle)
    }

    func applies(to operation: AWSOperation, minute: Int) -> Bool {
        (operations.isEmpty || operations.contains(operation)) && minutes.contains(minute)
    }
}
