import BurnwatchCore
import Foundation
@testable import BurnwatchCollect

/// 2026-03-01 12:00:00 UTC: a fixed start for manual clocks.
let t0 = Date(timeIntervalSince1970: 1_772_366_400)

/// A door a fake collector can wait behind, ignoring cancellation, until the test opens it.
final class Gate: Sendable {
    private struct State: Sendable {
        var open = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = LockedState(State())

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}

/// A collector that follows a script per data class, then repeats its last step.
final class ScriptedCollector: Collector {
    enum Step: Sendable {
        case deliver
        case fail(CollectorError)
        /// Waits behind the gate without honouring cancellation (the worst kind of hang).
        case hang(Gate)
        /// Makes one HTTP call through the context's transport, then delivers.
        case call(price: Decimal)
    }

    struct Call: Sendable, Hashable {
        var dataClass: DataClass
        var at: Date
    }

    let descriptor: CollectorDescriptor
    private let script: LockedState<[DataClass: [Step]]>
    private let log = LockedState<[Call]>([])

    init(_ id: CollectorID, cloud: Cloud? = nil, cadences: [DataClass: TimeInterval] = [.metrics: 60], script: [DataClass: [Step]] = [:]) {
        descriptor = CollectorDescriptor(id: id, cloud: cloud, title: "test \(id)", cadences: cadences)
        self.script = LockedState(script)
    }

    var calls: [Call] { log.withLock { $0 } }

    func callCount(_ dataClass: DataClass) -> Int {
        calls.filter { $0.dataClass == dataClass }.count
    }

    func collect(_ dataClass: DataClass, context: CollectContext) async throws -> CollectBatch {
        log.withLock { $0.append(Call(dataClass: dataClass, at: context.now)) }
        let step = script.withLock { script -> Step in
            guard var steps = script[dataClass], !steps.isEmpty else { return .deliver }
            let step = steps.count > 1 ? steps.removeFirst() : steps[0]
            script[dataClass] = steps
            return step
        }
        let batch = CollectBatch(collector: descriptor.id, dataClass: dataClass, fetchedAt: context.now)
        switch step {
        case .deliver:
            return batch
        case .fail(let error):
            throw error
        case .hang(let gate):
            await gate.wait()
            return batch
        case .call(let price):
            let request = HTTPRequest(url: URL(string: "https://api.example.com/x")!, collector: descriptor.id, estimatedPrice: price)
            _ = try await context.transport.send(request)
            return batch
        }
    }
}

/// Answers every request with a fixed status, or fails in transport.
struct FakeTransport: Transport {
    var status = 200
    var failure: CollectorError?

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let failure { throw failure }
        return HTTPResponse(status: status)
    }
}

/// Records the scheduler's events and lets a test wait for the ones it expects, in any order
/// relative to the others (events of different loops interleave).
final class EventLog: Sendable {
    private struct Waiter: Sendable {
        var count: Int
        var predicate: @Sendable (SchedulerEvent) -> Bool
        var continuation: CheckedContinuation<[SchedulerEvent], Never>
    }

    private struct State: Sendable {
        var events: [SchedulerEvent] = []
        var waiters: [Waiter] = []
    }

    private let state = LockedState(State())

    var sink: @Sendable (SchedulerEvent) -> Void {
        { [self] event in append(event) }
    }

    var events: [SchedulerEvent] { state.withLock { $0.events } }

    func append(_ event: SchedulerEvent) {
        let ready = state.withLock { state -> [(CheckedContinuation<[SchedulerEvent], Never>, [SchedulerEvent])] in
            state.events.append(event)
            var ready: [(CheckedContinuation<[SchedulerEvent], Never>, [SchedulerEvent])] = []
            state.waiters.removeAll { waiter in
                let matches = state.events.filter(waiter.predicate)
                guard matches.count >= waiter.count else { return false }
                ready.append((waiter.continuation, matches))
                return true
            }
            return ready
        }
        for (continuation, matches) in ready {
            continuation.resume(returning: matches)
        }
    }

    /// Waits until at least `count` recorded events satisfy `predicate`; returns all that do.
    func waitFor(_ count: Int = 1, where predicate: @escaping @Sendable (SchedulerEvent) -> Bool) async -> [SchedulerEvent] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[SchedulerEvent], Never>) in
            let matches = state.withLock { state -> [SchedulerEvent]? in
                let matches = state.events.filter(predicate)
                if matches.count >= count { return matches }
                state.waiters.append(Waiter(count: count, predicate: predicate, continuation: continuation))
                return nil
            }
            if let matches { continuation.resume(returning: matches) }
        }
    }

    /// The `number`-th fresh batch (1-based) from `collector`, once it has arrived.
    func batch(from collector: CollectorID, number: Int = 1) async -> CollectBatch {
        let matches = await waitFor(number) { event in
            if case .batch(let batch) = event { return batch.collector == collector }
            return false
        }
        guard case .batch(let batch) = matches[number - 1] else { fatalError("filtered for batches") }
        return batch
    }

    /// The `number`-th batch served from the cache for `collector`.
    func cachedBatch(from collector: CollectorID, number: Int = 1) async -> CollectBatch {
        let matches = await waitFor(number) { event in
            if case .cachedBatch(let batch) = event { return batch.collector == collector }
            return false
        }
        guard case .cachedBatch(let batch) = matches[number - 1] else { fatalError("filtered for cached batches") }
        return batch
    }

    /// The first health of `collector` that satisfies `predicate`, once it has arrived.
    func health(of collector: CollectorID, where predicate: @escaping @Sendable (CollectorHealth) -> Bool = { _ in true }) async -> CollectorHealth {
        let matches = await waitFor { event in
            if case .health(let health) = event { return health.id == collector && predicate(health) }
            return false
        }
        guard case .health(let health) = matches[0] else { fatalError("filtered for health") }
        return health
    }

    /// Every health state of `collector` so far, with repeats in a row folded into one.
    func stateLabels(of collector: CollectorID) -> [String] {
        var labels: [String] = []
        for event in events {
            guard case .health(let health) = event, health.id == collector else { continue }
            if labels.last != health.state.label { labels.append(health.state.label) }
        }
        return labels
    }
}

extension CollectorState {
    var isThrottled: Bool {
        if case .throttled = self { return true }
        return false
    }

    var isCircuitOpen: Bool {
        if case .circuitOpen = self { return true }
        return false
    }
}

/// A fresh, empty directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("burnwatch-collect-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
