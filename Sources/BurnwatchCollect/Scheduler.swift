import BurnwatchCore
import Foundation
import Logging

/// Runs the collectors: one task per (collector, data class), each polling on its cadence.
///
/// A round is: ask the collector's circuit breaker, call `collect` under the attempt timeout,
/// retry per `RetryPolicy` (paid from the provider's `RetryBudget`), then sleep until the next
/// tick. The `.cost` class goes through the `DiskCache` when one is given: a fresh cached batch
/// is reused (no call, no spend) and a new one is stored for the next process.
/// Every outcome becomes events: `.batch` / `.cachedBatch`, then `.health`.
///
/// Events go to the `sink` closure given at init, called synchronously from the scheduler's
/// tasks, one at a time and in order. It must not block: forward into the app's own bounded
/// `AsyncStream` (`continuation.yield`). It may call `refresh` but must not wait on the scheduler.
///
/// A collector that throws, hangs or ignores cancellation never stalls the others: each loop has
/// its own task, attempts run in their own task and are abandoned at the timeout, and an
/// abandoned call blocks only its own loop (the next round fails fast until it returns, so
/// `collect` is never called twice at once for one data class).
///
/// Time comes from the `TimeSource`: drive it with `ManualTimeSource` in tests. The scheduler
/// always sleeps until absolute deadlines, so a test may move the clock before or after a loop
/// has gone to sleep and the loop still wakes at the right tick.
///
/// Wiring in the app (one structured task tree; cancelling it stops every loop):
///
///     let (events, input) = AsyncStream.makeStream(of: AppEvent.self, bufferingPolicy: .bufferingNewest(1_000))
///     let configuration = try AsyncHTTPClientTransport.Configuration.fromEnvironment()
///     try await AsyncHTTPClientTransport.withTransport(configuration: configuration) { http in
///         let scheduler = Scheduler(
///             collectors: collectors, transport: http, time: SystemTimeSource(),
///             cache: DiskCache(directory: try DiskCache.defaultDirectory())
///         ) { input.yield(.collect($0)) }
///         try await withThrowingDiscardingTaskGroup { group in
///             group.addTask { await scheduler.run() }
///             group.addTask { try await appLoop(events, onRefreshKey: { scheduler.refresh() }) }
///         }
///     }
public final class Scheduler: Sendable {
    public let ledger: CallLedger
    public let policy: SchedulerPolicy

    private let time: any TimeSource
    private let transport: any Transport
    private let cache: DiskCache?
    private let sink: @Sendable (SchedulerEvent) -> Void
    private let entries: [Entry]
    private let duplicates: [CollectorDescriptor]
    private let signals: [LoopKey: WakeSignal]
    private let state: LockedState<State>
    /// Serialises "snapshot, then emit", so health events leave in the order they were taken.
    private let emission = LockedState(0)
    private static let logger = Logger(label: "burnwatch.scheduler")

    /// - Parameters:
    ///   - collectors: collectors with distinct ids; a repeated id is not run and shows as misconfigured.
    ///   - transport: the network; the scheduler wraps it in an `AccountingTransport` on `ledger`.
    ///   - ledger: the call ledger to record into (a new one on `time` when nil).
    ///   - cache: the disk cache for the `.cost` class; nil collects cost on every tick.
    ///   - seed: seeds the jitter; nil seeds from the system generator.
    ///   - sink: receives every event (see the type's documentation).
    public init(
        collectors: [any Collector],
        transport: any Transport,
        time: any TimeSource,
        policy: SchedulerPolicy = SchedulerPolicy(),
        ledger: CallLedger? = nil,
        cache: DiskCache? = nil,
        seed: UInt64? = nil,
        sink: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }
    ) {
        let ledger = ledger ?? CallLedger(time: time)
        self.ledger = ledger
        self.policy = policy
        self.time = time
        self.transport = AccountingTransport(wrapping: transport, ledger: ledger)
        self.cache = cache
        self.sink = sink

        var entries: [Entry] = []
        var duplicates: [CollectorDescriptor] = []
        var seen: Set<CollectorID> = []
        for collector in collectors {
            let descriptor = collector.descriptor
            guard seen.insert(descriptor.id).inserted else {
                duplicates.append(descriptor)
                continue
            }
            entries.append(Entry(collector: collector, descriptor: descriptor, override: policy.cadenceOverride))
        }
        self.entries = entries
        self.duplicates = duplicates

        var signals: [LoopKey: WakeSignal] = [:]
        var books: [CollectorID: CollectorHealthBook] = [:]
        var budgets: [String: RetryBudget] = [:]
        for entry in entries {
            for (dataClass, _) in entry.cadences {
                signals[LoopKey(collector: entry.id, dataClass: dataClass)] = WakeSignal()
            }
            books[entry.id] = CollectorHealthBook(
                descriptor: entry.descriptor,
                breaker: CircuitBreaker(configuration: policy.circuitBreaker),
                cadences: Dictionary(entry.cadences, uniquingKeysWith: { first, _ in first })
            )
            budgets[entry.providerKey] = RetryBudget(configuration: policy.retryBudget)
        }
        self.signals = signals
        self.state = LockedState(State(
            books: books,
            budgets: budgets,
            random: seed.map(SeededRandomNumberGenerator.init(seed:)) ?? SeededRandomNumberGenerator()
        ))
    }

    // MARK: - Public API

    /// Polls every collector until the calling task is cancelled. Call it once.
    public func run() async {
        let now = time.now()
        var starts: [(Entry, DataClass, TimeInterval, Date)] = []
        state.withLock { state in
            for entry in entries {
                for (dataClass, cadence) in entry.cadences {
                    let ceiling = policy.initialJitterCeiling(cadence: cadence)
                    let jitter = ceiling > 0 ? Double.random(in: 0...ceiling, using: &state.random) : 0
                    let first = now.addingTimeInterval(jitter)
                    state.books[entry.id]?.nextPoll[dataClass] = first
                    starts.append((entry, dataClass, cadence, first))
                }
            }
        }
        publish(health().map(SchedulerEvent.health), to: sink)
        await withTaskGroup(of: Void.self) { group in
            for (entry, dataClass, cadence, first) in starts {
                group.addTask {
                    await self.loop(entry, dataClass, cadence: cadence, firstTick: first)
                }
            }
        }
    }

    /// Wakes the chosen loops now (the UI's `r` key). `collector` nil means every collector.
    ///
    /// Ignored by loops that are throttled (Retry-After) or whose breaker is open: they wake at
    /// the promised time. Cost is only paid for when `force` is true or the cached cost is older
    /// than its cadence; otherwise the loop re-serves the cached batch as `.cachedBatch`.
    public func refresh(
        dataClasses: Set<DataClass> = Set(DataClass.allCases),
        collector: CollectorID? = nil,
        force: Bool = false
    ) {
        for (key, signal) in signals where dataClasses.contains(key.dataClass) {
            if let collector, collector != key.collector { continue }
            signal.fire(WakeSignal.Wake(refresh: true, force: force))
        }
    }

    /// Runs each collector's data classes once, all collectors concurrently (per collector, in
    /// order: inventory, metrics, cost — so a cost round's estimate of unbilled spend includes
    /// what the metrics round just saw, and one report equals the next), and returns every event, ending with
    /// one `.health` per collector. For `burnwatch report`. Each event also goes to the sink as it
    /// happens (for a progress line, say). Attempts and retries are cut off at `deadline`; cost
    /// comes from the disk cache when fresh. Do not run it while `run()` runs.
    public func runOnce(deadline: Date) async -> [SchedulerEvent] {
        let recorded = LockedState<[SchedulerEvent]>([])
        let sink = self.sink
        let record: @Sendable (SchedulerEvent) -> Void = { event in
            recorded.withLock { $0.append(event) }
            sink(event)
        }
        await withTaskGroup(of: Void.self) { group in
            for entry in entries {
                group.addTask {
                    for dataClass in [DataClass.inventory, .metrics, .cost] {
                        guard let cadence = entry.cadences.first(where: { $0.0 == dataClass })?.1 else { continue }
                        await self.runOnce(entry, dataClass, cadence: cadence, deadline: deadline, emit: record)
                    }
                }
            }
        }
        publish(health().map(SchedulerEvent.health), to: record)
        return recorded.withLock { $0 }
    }

    /// The current health of every collector, in the order given at init (duplicates last).
    public func health() -> [CollectorHealth] {
        let tallies = Dictionary(entries.map { ($0.id, ledger.tally(for: $0.id)) }, uniquingKeysWith: { first, _ in first })
        return state.withLock { state in
            var result = entries.compactMap { entry in
                state.books[entry.id].map { $0.health(tally: tallies[entry.id] ?? CallLedger.Tally()) }
            }
            for descriptor in duplicates {
                var book = CollectorHealthBook(descriptor: descriptor, breaker: CircuitBreaker())
                book.rejection = "another collector already uses the id \(descriptor.id)"
                result.append(book.health(tally: CallLedger.Tally()))
            }
            return result
        }
    }

    // MARK: - Loop

    private func loop(_ entry: Entry, _ dataClass: DataClass, cadence: TimeInterval, firstTick: Date) async {
        let key = LoopKey(collector: entry.id, dataClass: dataClass)
        guard let signal = signals[key] else { return }
        var nextTick = firstTick
        var hold: Hold?

        while !Task.isCancelled {
            let target = hold.map { max($0.until, nextTick) } ?? nextTick
            let wake = await waitForTick(until: target, or: signal)
            let now = time.now()
            var triggeredByWake = false
            var force = false
            switch wake {
            case .cancelled:
                return
            case .tick:
                break
            case .signal(let signalled):
                if signalled.breakerClosed, hold?.reason == .breaker { hold = nil }
                if let hold, now < hold.until { continue }
                if signalled.refresh, dataClass == .cost, !signalled.force, cache == nil,
                   let last = lastSuccess(key), now.timeIntervalSince(last) < cadence {
                    continue // fresh enough; without a disk cache only a forced refresh pays again
                }
                triggeredByWake = true
                force = signalled.force
            }
            hold = nil

            let permission = state.withLock { state -> CircuitBreaker.Action in
                let action = state.books[entry.id]?.breaker.event(.roundStarting(at: now)) ?? .proceed
                if action == .proceed || action == .probe { state.skippedByBreaker.remove(key) }
                return action
            }
            if case .reject(let until) = permission {
                if let until {
                    hold = Hold(until: until, reason: .breaker)
                } else if nextTick <= now {
                    nextTick = Self.tick(after: nextTick, now: now, cadence: cadence)
                }
                let nextPoll = hold.map { max($0.until, nextTick) } ?? nextTick
                publish(to: sink, collector: entry.id) { state in
                    state.skippedByBreaker.insert(key)
                    state.books[entry.id]?.nextPoll[dataClass] = nextPoll
                    return []
                }
                continue
            }

            let scheduledNext = triggeredByWake
                ? now.addingTimeInterval(cadence)
                : Self.tick(after: nextTick, now: now, cadence: cadence)
            let outcome = await round(entry, dataClass, cadence: cadence, nextTick: scheduledNext, hardDeadline: nil, force: force, emit: sink)
            signal.clear()

            switch outcome {
            case .cancelled:
                return
            case .delivered(let batch, let fromCache):
                let cacheExpiry = batch.fetchedAt.addingTimeInterval(cadence)
                nextTick = fromCache && cacheExpiry > now ? cacheExpiry : scheduledNext
            case .failed(_, let throttledUntil):
                nextTick = scheduledNext
                if let throttledUntil { hold = Hold(until: throttledUntil, reason: .throttle) }
            }
            let breakerUntil = record(outcome, entry, dataClass, at: time.now(), nextTick: nextTick, hold: hold?.until, emit: sink)
            if let breakerUntil, breakerUntil > (hold?.until ?? .distantPast) {
                hold = Hold(until: breakerUntil, reason: .breaker)
            }
        }
    }

    private func runOnce(_ entry: Entry, _ dataClass: DataClass, cadence: TimeInterval, deadline: Date, emit: @escaping @Sendable (SchedulerEvent) -> Void) async {
        let outcome = await round(entry, dataClass, cadence: cadence, nextTick: deadline, hardDeadline: deadline, force: false, emit: emit)
        let now = time.now()
        _ = record(outcome, entry, dataClass, at: now, nextTick: now.addingTimeInterval(cadence), hold: nil, emit: emit)
    }

    /// The first tick on the cadence grid after `now`, counting from the tick just served.
    static func tick(after served: Date, now: Date, cadence: TimeInterval) -> Date {
        let next = served.addingTimeInterval(cadence)
        guard next <= now else { return next }
        let missed = ((now.timeIntervalSince(next)) / cadence).rounded(.down) + 1
        return next.addingTimeInterval(missed * cadence)
    }

    private func waitForTick(until target: Date, or signal: WakeSignal) async -> LoopWake {
        await withTaskGroup(of: LoopWake.self) { group in
            group.addTask { [time] in
                do {
                    try await time.sleep(until: target)
                    return .tick
                } catch {
                    return .cancelled
                }
            }
            group.addTask {
                guard let wake = await signal.wait() else { return .cancelled }
                return .signal(wake)
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return Task.isCancelled ? .cancelled : first
        }
    }

    // MARK: - Rounds

    /// One round of one data class: through the disk cache for `.cost`, else straight to the attempts.
    private func round(
        _ entry: Entry, _ dataClass: DataClass, cadence: TimeInterval, nextTick: Date, hardDeadline: Date?,
        force: Bool, emit: @escaping @Sendable (SchedulerEvent) -> Void
    ) async -> RoundOutcome {
        guard dataClass == .cost, let cache else {
            return await attempts(entry, dataClass, nextTick: nextTick, hardDeadline: hardDeadline, emit: emit)
        }
        do {
            let (batch, fromCache) = try await cache.fetch(
                key: "\(entry.id.rawValue)/\(dataClass.rawValue)",
                maxAge: force ? 0 : cadence,
                now: time.now()
            ) { () async throws -> CollectBatch in
                switch await self.attempts(entry, dataClass, nextTick: nextTick, hardDeadline: hardDeadline, emit: emit) {
                case .delivered(let batch, _): return batch
                case .failed(let error, let throttledUntil): throw RoundFailure(error: error, throttledUntil: throttledUntil)
                case .cancelled: throw CancellationError()
                }
            }
            return .delivered(batch, fromCache: fromCache)
        } catch let failure as RoundFailure {
            return .failed(failure.error, throttledUntil: failure.throttledUntil)
        } catch is CancellationError {
            return .cancelled
        } catch {
            // The cache itself failed (directory, lock). Collect without it rather than show nothing.
            Self.logger.warning("cost cache unavailable for \(entry.id): \(error)")
            let outcome = await attempts(entry, dataClass, nextTick: nextTick, hardDeadline: hardDeadline, emit: emit)
            guard case .delivered(var batch, _) = outcome else { return outcome }
            batch.issues.append(CollectIssue("cost cache unavailable: \(error)"))
            return .delivered(batch, fromCache: false)
        }
    }

    /// Attempts with retries, within one round.
    private func attempts(
        _ entry: Entry, _ dataClass: DataClass, nextTick: Date, hardDeadline: Date?,
        emit: @escaping @Sendable (SchedulerEvent) -> Void
    ) async -> RoundOutcome {
        let key = LoopKey(collector: entry.id, dataClass: dataClass)
        var attemptsMade = 0
        while true {
            attemptsMade += 1
            let start = time.now()
            var deadline = start.addingTimeInterval(policy.retry.attemptTimeout)
            if let hardDeadline { deadline = min(deadline, hardDeadline) }

            let error: CollectorError
            switch await attempt(entry, key, now: start, deadline: deadline) {
            case .success(let batch):
                state.withLock { _ = $0.budgets[entry.providerKey]?.recordSuccess() }
                return .delivered(batch, fromCache: false)
            case .cancelled:
                return .cancelled
            case .previousCallRunning(let stuck):
                return .failed(stuck, throttledUntil: nil)
            case .failure(let failure):
                error = failure
            }

            let now = time.now()
            let (decision, granted) = state.withLock { state -> (RetryPolicy.Decision, Bool) in
                let decision = policy.retry.decide(
                    after: error,
                    attemptsMade: attemptsMade,
                    timeToNextTick: nextTick.timeIntervalSince(now),
                    using: &state.random
                )
                guard case .retry = decision else { return (decision, false) }
                if state.budgets[entry.providerKey, default: RetryBudget(configuration: policy.retryBudget)]
                    .acquireRetry(afterTimeout: error.isTimeout) {
                    return (decision, true)
                }
                _ = state.books[entry.id]?.breaker.event(.budgetExhausted(at: now))
                return (decision, false)
            }
            guard case .retry(let delay) = decision, granted else {
                return .failed(error, throttledUntil: throttleEnd(of: error, now: now))
            }

            ledger.recordRetry(collector: entry.id)
            let retryAt = now.addingTimeInterval(delay)
            publish(to: emit, collector: entry.id) { state in
                state.books[entry.id]?.recordRetrying(dataClass, error: error, throttledUntil: error.isThrottle ? retryAt : nil)
                return []
            }
            do {
                try await time.sleep(until: retryAt)
            } catch {
                return .cancelled
            }
        }
    }

    /// One `collect` call raced against its deadline and the caller's cancellation.
    private func attempt(_ entry: Entry, _ key: LoopKey, now: Date, deadline: Date) async -> AttemptResult {
        let claimed = state.withLock { $0.callsInFlight.insert(key).inserted }
        guard claimed else {
            return .previousCallRunning(.timeout("the previous \(key.dataClass.rawValue) call has not returned yet"))
        }
        let race = AttemptRace()
        let context = CollectContext(now: now, transport: transport)
        let collector = entry.collector
        let work = Task {
            let result: Result<CollectBatch, any Error>
            do {
                result = .success(try await collector.collect(key.dataClass, context: context))
            } catch {
                result = .failure(error)
            }
            self.state.withLock { _ = $0.callsInFlight.remove(key) }
            race.resolve(.finished(result))
        }
        let timer = Task { [time] in
            do {
                try await time.sleep(until: deadline)
                race.resolve(.timedOut)
            } catch {}
        }
        let outcome = await withTaskCancellationHandler {
            await race.outcome()
        } onCancel: {
            race.resolve(.cancelled)
        }
        timer.cancel()

        switch outcome {
        case .finished(.success(let batch)):
            return .success(batch)
        case .finished(.failure(let error as CollectorError)):
            return .failure(error)
        case .finished(.failure(let error)):
            if error is CancellationError, Task.isCancelled { return .cancelled }
            return .failure(.unexpected(error))
        case .timedOut:
            work.cancel()
            let seconds = max(0, deadline.timeIntervalSince(now))
            return .failure(.timeout("no answer within \(Int(seconds.rounded())) s"))
        case .cancelled:
            work.cancel()
            return .cancelled
        }
    }

    private func throttleEnd(of error: CollectorError, now: Date) -> Date? {
        guard error.isThrottle, let retryAfter = RetryPolicy.usableRetryAfter(error.retryAfter) else { return nil }
        return now.addingTimeInterval(min(retryAfter, policy.maxRetryAfter))
    }

    // MARK: - Recording and events

    /// Records a round's outcome in the collector's book and breaker, emits the batch and the
    /// health, wakes loops the breaker had held back when it closes. Returns when the breaker
    /// is open until, if it is.
    private func record(
        _ outcome: RoundOutcome, _ entry: Entry, _ dataClass: DataClass, at now: Date, nextTick: Date, hold: Date?,
        emit: @escaping @Sendable (SchedulerEvent) -> Void
    ) -> Date? {
        if case .cancelled = outcome { return nil }
        var breakerUntil: Date?
        var toWake: [LoopKey] = []
        publish(to: emit, collector: entry.id) { state in
            guard var book = state.books[entry.id] else { return [] }
            var events: [SchedulerEvent] = []
            switch outcome {
            case .delivered(let batch, let fromCache):
                book.recordSuccess(dataClass, fetchedAt: fromCache ? batch.fetchedAt : now)
                if !fromCache { book.learn(from: batch) }
                if !fromCache, book.breaker.event(.roundSucceeded) == .closed {
                    toWake = state.skippedByBreaker.filter { $0.collector == entry.id }
                    state.skippedByBreaker.subtract(toWake)
                }
                events.append(fromCache ? .cachedBatch(batch) : .batch(batch))
            case .failed(let error, let throttledUntil):
                book.recordFailure(dataClass, error: error, throttledUntil: throttledUntil ?? nextTick)
                _ = book.breaker.event(.roundFailed(at: now))
            case .cancelled:
                break
            }
            if case .open(let until) = book.breaker.state { breakerUntil = until }
            book.nextPoll[dataClass] = [nextTick, hold, breakerUntil].compactMap { $0 }.max()
            state.books[entry.id] = book
            return events
        }
        for key in toWake {
            signals[key]?.fire(WakeSignal.Wake(breakerClosed: true))
        }
        return breakerUntil
    }

    /// Applies `change` to the state, then emits the events it returns followed by the
    /// collector's health, all under the emission lock so events leave in the order taken.
    private func publish(
        to sink: @escaping @Sendable (SchedulerEvent) -> Void,
        collector: CollectorID,
        _ change: (inout State) -> [SchedulerEvent]
    ) {
        emission.withLock { _ in
            let tally = ledger.tally(for: collector)
            let events = state.withLock { state -> [SchedulerEvent] in
                var events = change(&state)
                if let book = state.books[collector] {
                    events.append(.health(book.health(tally: tally)))
                }
                return events
            }
            for event in events {
                sink(event)
            }
        }
    }

    private func publish(_ events: [SchedulerEvent], to sink: @escaping @Sendable (SchedulerEvent) -> Void) {
        emission.withLock { _ in
            for event in events {
                sink(event)
            }
        }
    }

    private func lastSuccess(_ key: LoopKey) -> Date? {
        state.withLock { $0.books[key.collector]?.lastSuccess[key.dataClass] }
    }
}

// MARK: - Internal types

extension Scheduler {
    struct LoopKey: Sendable, Hashable {
        var collector: CollectorID
        var dataClass: DataClass
    }

    struct Entry: Sendable {
        let collector: any Collector
        let descriptor: CollectorDescriptor
        /// Served data classes and their cadences, inventory first.
        let cadences: [(DataClass, TimeInterval)]
        /// Collectors of one cloud share a retry budget.
        let providerKey: String

        var id: CollectorID { descriptor.id }

        init(collector: any Collector, descriptor: CollectorDescriptor, override: Cadences?) {
            self.collector = collector
            self.descriptor = descriptor
            let order: [DataClass] = [.inventory, .metrics, .cost]
            self.cadences = order.compactMap { dataClass in
                guard let own = descriptor.cadences[dataClass] else { return nil }
                let cadence = override?[dataClass] ?? own
                return (dataClass, cadence.isFinite && cadence > 0 ? cadence : dataClass.defaultCadence)
            }
            self.providerKey = descriptor.cloud.map { "cloud:\($0.rawValue)" } ?? "collector:\(descriptor.id.rawValue)"
        }
    }

    struct State: Sendable {
        var books: [CollectorID: CollectorHealthBook]
        var budgets: [String: RetryBudget]
        var random: SeededRandomNumberGenerator
        var callsInFlight: Set<LoopKey> = []
        var skippedByBreaker: Set<LoopKey> = []
    }

    /// Why a loop may not poll before a date.
    struct Hold: Sendable {
        enum Reason: Sendable { case throttle, breaker }
        var until: Date
        var reason: Reason
    }

    enum LoopWake: Sendable {
        case tick
        case signal(WakeSignal.Wake)
        case cancelled
    }

    enum RoundOutcome: Sendable {
        case delivered(CollectBatch, fromCache: Bool)
        /// `throttledUntil`: a Retry-After that reaches past the next tick; no poll before it.
        case failed(CollectorError, throttledUntil: Date?)
        case cancelled
    }

    enum AttemptResult: Sendable {
        case success(CollectBatch)
        case failure(CollectorError)
        case previousCallRunning(CollectorError)
        case cancelled
    }

    struct RoundFailure: Error {
        var error: CollectorError
        var throttledUntil: Date?
    }
}
