import Foundation

/// One cached value that expires (credentials, access tokens), refreshed before it does.
///
/// With more than `backgroundWindow` left the cached value is returned. Inside it, the value is
/// still returned and one refresh starts in the background; if that refresh fails the old value
/// stays until the `blockingWindow`. Inside that window (or with nothing cached) callers wait for
/// a refresh, and every concurrent caller waits for the same one. A value without an expiry is
/// fetched once.
///
/// Time comes only from the `now` each caller passes, so tests control every window.
public actor RefreshingCache<Value: Sendable> {
    public let backgroundWindow: TimeInterval
    public let blockingWindow: TimeInterval
    private let expiry: @Sendable (Value) -> Date?
    private var cached: Value?
    private var refresh: Task<Value, any Error>?
    /// How many refreshes have started.
    public private(set) var refreshCount = 0
    /// How many callers are waiting for a refresh right now.
    public private(set) var waitingCallers = 0

    public init(backgroundWindow: TimeInterval, blockingWindow: TimeInterval, expiry: @escaping @Sendable (Value) -> Date?) {
        self.backgroundWindow = backgroundWindow
        self.blockingWindow = blockingWindow
        self.expiry = expiry
    }

    /// The cached value, or the result of `fetch` (started at most once at a time).
    public func value(at now: Date, fetch: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let cached {
            guard let expires = expiry(cached) else { return cached }
            let remaining = expires.timeIntervalSince(now)
            if remaining > backgroundWindow { return cached }
            if remaining > blockingWindow {
                if refresh == nil { startRefresh(fetch) }
                return cached
            }
        }
        let task = refresh ?? startRefresh(fetch)
        waitingCallers += 1
        defer { waitingCallers -= 1 }
        return try await task.value
    }

    public var current: Value? { cached }

    /// Waits for the refresh in flight, if any, whatever its outcome (tests observe a background refresh this way).
    public func waitForRefresh() async {
        _ = await refresh?.result
    }

    /// Drops the cached value (after a server refused it), so the next call refreshes.
    public func invalidate() {
        cached = nil
    }

    @discardableResult
    private func startRefresh(_ fetch: @escaping @Sendable () async throws -> Value) -> Task<Value, any Error> {
        refreshCount += 1
        let task = Task<Value, any Error> {
            let result: Result<Value, any Error>
            do {
                result = .success(try await fetch())
            } catch {
                result = .failure(error)
            }
            self.finish(result)
            return try result.get()
        }
        refresh = task
        return task
    }

    /// A success replaces the cache; a failure keeps the old value.
    private func finish(_ result: Result<Value, any Error>) {
        if case .success(let fresh) = result { cached = fresh }
        refresh = nil
    }
}
