/// Wakes one scheduler loop before its next tick: the UI's refresh key, or the breaker closing
/// while the loop was skipping rounds. A wake that arrives while the loop is busy is kept until
/// the loop next waits or clears it.
final class WakeSignal: Sendable {
    struct Wake: Sendable, Hashable {
        var refresh = false
        var force = false
        var breakerClosed = false

        mutating func merge(_ other: Wake) {
            refresh = refresh || other.refresh
            force = force || other.force
            breakerClosed = breakerClosed || other.breakerClosed
        }
    }

    private struct Waiter: Sendable {
        var id: UInt64
        var continuation: CheckedContinuation<Wake?, Never>
    }

    private struct State: Sendable {
        var pending: Wake?
        var waiter: Waiter?
        var nextID: UInt64 = 0
        var cancelledEarly: Set<UInt64> = []
    }

    private let state = LockedState(State())

    func fire(_ wake: Wake) {
        let waiter = state.withLock { state -> Waiter? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            var merged = state.pending ?? Wake()
            merged.merge(wake)
            state.pending = merged
            return nil
        }
        waiter?.continuation.resume(returning: wake)
    }

    func clear() {
        state.withLock { $0.pending = nil }
    }

    /// The next wake, or nil when the waiting task is cancelled.
    func wait() async -> Wake? {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        defer { state.withLock { _ = $0.cancelledEarly.remove(id) } }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Wake?, Never>) in
                enum Registration { case pending(Wake), cancelled, registered }
                let registration = state.withLock { state -> Registration in
                    if state.cancelledEarly.remove(id) != nil { return .cancelled }
                    if let pending = state.pending {
                        state.pending = nil
                        return .pending(pending)
                    }
                    state.waiter = Waiter(id: id, continuation: continuation)
                    return .registered
                }
                switch registration {
                case .pending(let wake): continuation.resume(returning: wake)
                case .cancelled: continuation.resume(returning: nil)
                case .registered: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                if let waiter = state.waiter, waiter.id == id {
                    state.waiter = nil
                    return waiter
                }
                state.cancelledEarly.insert(id)
                return nil
            }
            waiter?.continuation.resume(returning: nil)
        }
    }
}
