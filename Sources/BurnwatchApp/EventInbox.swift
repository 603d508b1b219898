import BurnwatchCore
import BurnwatchCollect
import BurnwatchTerminal
import Foundation

/// Where collector events wait for the UI thread. The scheduler's tasks push; the UI thread drains.
/// Pushing wakes the UI thread's input wait, so a batch is drawn at once instead of on the next tick.
final class EventInbox: @unchecked Sendable {
    // All fields are touched under `lock` only.
    private let lock = NSLock()
    private var events: [AppEvent] = []
    private var waker: TerminalWaker?
    /// A bound that keeps a stuck UI from hoarding memory: beyond it the oldest events are dropped.
    private let capacity = 10_000

    func attach(_ waker: TerminalWaker) {
        lock.lock()
        self.waker = waker
        lock.unlock()
    }

    func push(_ event: SchedulerEvent) {
        lock.lock()
        events.append(event.appEvent)
        if events.count > capacity { events.removeFirst(events.count - capacity) }
        let waker = self.waker
        lock.unlock()
        waker?.wake()
    }

    func drain() -> [AppEvent] {
        lock.lock()
        defer { lock.unlock() }
        let drained = events
        events.removeAll(keepingCapacity: true)
        return drained
    }
}
