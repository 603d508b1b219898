import Foundation

/// A clock that only moves when a test says so.
///
/// Sleepers are resumed by `advance(by:)` / `advance(to:)`, earliest deadline first, and only
/// then: a sleep whose deadline lies in the future never returns on its own, so a test can
/// assert that something did *not* happen yet. `waitForSleepers(atLeast:)` lets a test wait
/// until the code under test has gone to sleep (for example, every scheduler loop is waiting
/// for its next tick) before it moves the clock or inspects `pendingDeadlines`.
///
/// Shipped in the library (not a test target) because other test targets drive the scheduler
/// with it too.
public final class ManualTimeSource: TimeSource {
    private struct Sleeper: Sendable {
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct CountWaiter: Sendable {
        var count: Int
        var registrationsAbove: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State: Sendable {
        var now: Date
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        /// Sleeps cancelled before they registered; they must not register afterwards.
        var cancelledEarly: Set<UInt64> = []
        var countWaiters: [CountWaiter] = []
        /// Sleeps that have started waiting since creation.
        var registrations = 0

        func satisfies(_ waiter: CountWaiter) -> Bool {
            sleepers.count >= waiter.count && registrations > waiter.registrationsAbove
        }

        mutating func satisfiedCountWaiters() -> [CheckedContinuation<Void, Never>] {
            let ready = countWaiters.filter(satisfies)
            countWaiters.removeAll(where: satisfies)
            return ready.map(\.continuation)
        }
    }

    private let state: LockedState<State>

    public init(start: Date) {
        state = LockedState(State(now: start))
    }

    public func now() -> Date {
        state.withLock { $0.now }
    }

    public func sleep(for seconds: Double) async throws {
        try await sleep(until: now().addingTimeInterval(seconds.isFinite ? seconds : 0))
    }

    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        defer { state.withLock { _ = $0.cancelledEarly.remove(id) } }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Registration { case cancelled, due, registered([CheckedContinuation<Void, Never>]) }
                let registration = state.withLock { state -> Registration in
                    if state.cancelledEarly.remove(id) != nil { return .cancelled }
                    if deadline <= state.now { return .due }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    state.registrations += 1
                    return .registered(state.satisfiedCountWaiters())
                }
                switch registration {
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .due: continuation.resume()
                case .registered(let waiters): waiters.forEach { $0.resume() }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                if let sleeper = state.sleepers.removeValue(forKey: id) { return sleeper }
                state.cancelledEarly.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and resumes every sleeper that is now due, earliest first.
    /// Returns how many sleepers were resumed.
    @discardableResult
    public func advance(by seconds: Double) -> Int {
        let target = state.withLock { $0.now.addingTimeInterval(max(0, seconds)) }
        return advance(to: target)
    }

    /// Moves the clock to `date` (never backwards) and resumes the sleepers that are due.
    @discardableResult
    public func advance(to date: Date) -> Int {
        let due = state.withLock { state -> [Sleeper] in
            state.now = max(state.now, date)
            let now = state.now
            let dueIDs = state.sleepers
                .filter { $0.value.deadline <= now }
                .sorted { ($0.value.deadline, $0.key) < ($1.value.deadline, $1.key) }
                .map(\.key)
            return dueIDs.compactMap { state.sleepers.removeValue(forKey: $0) }
        }
        for sleeper in due {
            sleeper.continuation.resume()
        }
        return due.count
    }

    /// How many sleeps are waiting for the clock.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// The deadlines of the waiting sleeps, earliest first.
    public var pendingDeadlines: [Date] {
        state.withLock { $0.sleepers.values.map(\.deadline).sorted() }
    }

    /// How many sleeps have started waiting since this clock was created (sleeps that were due
    /// at once are not counted). Pass it to `waitForSleepers(atLeast:registeredAfter:)` to wait
    /// for code to go back to sleep after something woke it.
    public var registrations: Int {
        state.withLock { $0.registrations }
    }

    /// Returns once at least `count` sleeps are waiting for the clock and, when
    /// `registeredAfter` is given, at least one sleep started waiting after `registrations`
    /// had that value. Not cancellable: a test waiting for sleepers that never come hangs
    /// (give such tests a time limit).
    public func waitForSleepers(atLeast count: Int, registeredAfter registrations: Int = -1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiter = CountWaiter(count: count, registrationsAbove: registrations, continuation: continuation)
            let ready = state.withLock { state -> Bool in
                if state.satisfies(waiter) { return true }
                state.countWaiters.append(waiter)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
