import BurnwatchCore

/// The meeting point of one collect attempt, its timeout and the caller's cancellation:
/// whichever resolves first wins, later resolutions are ignored.
///
/// The attempt runs in an unstructured task on purpose. A task group waits for all its
/// children, so a collector that ignores cancellation would hold the scheduler loop hostage;
/// here the loop moves on at the timeout and the abandoned call finishes (or not) on its own.
final class AttemptRace: Sendable {
    enum Outcome: Sendable {
        case finished(Result<CollectBatch, any Error>)
        case timedOut
        case cancelled
    }

    private struct State: Sendable {
        var outcome: Outcome?
        var waiter: CheckedContinuation<Outcome, Never>?
    }

    private let state = LockedState(State())

    func resolve(_ outcome: Outcome) {
        let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: outcome)
    }

    func outcome() async -> Outcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let ready = state.withLock { state -> Outcome? in
                if let outcome = state.outcome { return outcome }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
