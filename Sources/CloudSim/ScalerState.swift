/// Instances launched by the autoscaler and not yet serving.
struct PendingLaunch: Sendable, Hashable {
    var count: Int
    /// The absolute minute from which they serve.
    var readyAt: Int64
}

/// The memory of an endpoint's autoscaler between minutes: the only state in the model.
/// Everything else is a pure function of (seed, scenario, start, minute).
struct ScalerState: Sendable, Hashable {
    /// Instances or replicas serving.
    var ready = 0
    var pending: [PendingLaunch] = []
    /// First evaluation at which fewer instances would have done (scale-in waits for a while).
    var belowSince: Int64?
    /// Last minute with at least one invocation (scale-to-zero and container reclaim).
    var lastActive: Int64?
    /// Warm containers of a serverless endpoint.
    var warm = 0
    /// Last minute the warm pool was fully used (idle containers are reclaimed after a while).
    var lastFull: Int64?

    var pendingCount: Int { pending.reduce(0) { $0 + $1.count } }
}
