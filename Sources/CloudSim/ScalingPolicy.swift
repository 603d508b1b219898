/// How an endpoint's autoscaler reacts: target tracking with an evaluation period, a provisioning
/// delay on the way out and a longer cool-down on the way in, as SageMaker, Vertex and Azure ML do.
public struct ScalingPolicy: Sendable, Hashable {
    /// Utilisation the autoscaler aims for (invocations / capacity).
    public var targetUtilisation: Double
    /// The autoscaler looks at the average load every this many minutes.
    public var evaluationMinutes: Int
    /// Minutes from a scale-out decision to a GPU instance serving traffic.
    public var provisionMinutes: Int
    /// Extra minutes, drawn per launch from 0 through this, on top of `provisionMinutes`.
    public var provisionJitterMinutes: Int
    /// Load must stay below what fewer instances could carry for this long before scale-in.
    public var scaleInMinutes: Int
    /// Minutes from the first request to a replica serving, when scaling from zero.
    public var coldProvisionMinutes: Int
    /// Minutes without traffic before a scale-to-zero endpoint drops to zero replicas, or a
    /// serverless endpoint's idle containers are reclaimed.
    public var idleMinutes: Int

    public init(
        targetUtilisation: Double = 0.7,
        evaluationMinutes: Int = 3,
        provisionMinutes: Int = 6,
        provisionJitterMinutes: Int = 3,
        scaleInMinutes: Int = 15,
        coldProvisionMinutes: Int = 2,
        idleMinutes: Int = 15
    ) {
        self.targetUtilisation = targetUtilisation
        self.evaluationMinutes = max(1, evaluationMinutes)
        self.provisionMinutes = max(0, provisionMinutes)
        self.provisionJitterMinutes = max(0, provisionJitterMinutes)
        self.scaleInMinutes = max(1, scaleInMinutes)
        self.coldProvisionMinutes = max(0, coldProvisionMinutes)
        self.idleMinutes = max(1, idleMinutes)
    }

    public static let standard = ScalingPolicy()
}
