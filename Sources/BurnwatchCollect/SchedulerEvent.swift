import BurnwatchCore

/// What the scheduler tells the app. Health always follows the batch of the same round.
public enum SchedulerEvent: Sendable, Hashable {
    /// A batch fresh from the collector.
    case batch(CollectBatch)
    /// A batch served from the disk cache: no call was made, nothing was spent.
    /// Its `fetchedAt` is when it was originally fetched.
    case cachedBatch(CollectBatch)
    /// The collector's state after a round, a retry, a throttle or a breaker decision.
    case health(CollectorHealth)
}

extension SchedulerEvent {
    /// The event the reducer applies: a cached batch is a batch like any other (its `fetchedAt`
    /// says how old it is).
    public var appEvent: AppEvent {
        switch self {
        case .batch(let batch), .cachedBatch(let batch): .batch(batch)
        case .health(let health): .health(health)
        }
    }
}
