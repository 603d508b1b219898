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
