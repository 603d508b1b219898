/// A scripted misbehaviour of the simulated Google APIs for a window of simulated minutes after
/// the model's start.
public struct GCPScriptedFault: Sendable, Hashable {
    public enum Behaviour: Sendable, Hashable {
        /// HTTP 429 `RESOURCE_EXHAUSTED` with an `ErrorInfo` of reason `RATE_LIMIT_EXCEEDED`.
        case quotaExceeded
        /// HTTP 503 `UNAVAILABLE`.
        case unavailable
        /// HTTP 500 `INTERNAL`.
        case internalError
        /// HTTP 200 with the first `keepingBytes` bytes of the real answer (truncated JSON).
        case truncated(keepingBytes: Int)
        /// HTTP 200 with a body that is not JSON at all.
        case garbage
        /// BigQuery only: `jobs.query` answers `jobComplete: false`, and `getQueryResults` does
        /// for this many further polls before the rows arrive.
        case slowQuery(pendingPolls: Int)
    }

    /// The calls affected; empty: every call but the token endpoint.
    public var operations: Set<GCPOperation>
    /// Minutes after the model's start: active when `start + lower·60 ≤ now < start + upper·60`.
    public var minutes: Range<Int>
    public var behaviour: Behaviour

    public init(operations: Set<GCPOperation> = [], minutes: Range<Int>, behaviour: Behaviour) {
        self.operations = operations
        self.minutes = minutes
        self.behaviour = behaviour
    }

    func applies(to operation: GCPOperation, minute: Int) -> Bool {
        let named = operations.isEmpty ? operation != .token : operations.contains(operation)
        return named && minutes.contains(minute)
    }
}
