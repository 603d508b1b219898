import BurnwatchCollect
import Foundation

/// Caches another provider's credentials and refreshes temporary ones before they expire.
///
/// With more than `backgroundRefreshWindow` (15 min) left, the cached credentials are returned.
/// Inside it, they are still returned, and one refresh starts in the background; if that
/// refresh fails the old credentials stay until the `blockingRefreshWindow` (10 min). Inside
/// that window (or with nothing cached) callers wait for a refresh, and every concurrent caller
/// waits for the same one. Long-term keys (no expiration) are fetched once.
///
/// Time comes only from the `now` each caller passes, so tests control every window.
public actor AWSCachingCredentialProvider: AWSCredentialProvider {
    public static let backgroundRefreshWindow: TimeInterval = 15 * 60
    public static let blockingRefreshWindow: TimeInterval = 10 * 60

    public let base: any AWSCredentialProvider
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials, any Error>?
    /// How many refreshes have started (for the Collectors screen's detail and for tests).
    public private(set) var refreshCount = 0
    /// How many callers are waiting for a refresh right now.
    public private(set) var waitingCallers = 0

    public init(_ base: any AWSCredentialProvider) {
        self.base = base
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        if let cached {
            guard let remaining = cached.remainingLifetime(at: now) else { return cached }
            if remaining > Self.backgroundRefreshWindow { return cached }
            if remaining > Self.blockingRefreshWindow {
                if refresh == nil { startRefresh(at: now, transport: transport) }
                return cached
            }
        }
        let task = refresh ?? startRefresh(at: now, transport: transport)
        waitingCallers += 1
        defer { waitingCallers -= 1 }
        return try await task.value
    }

    /// The credentials currently cached, if any (for display; never logged with their secret).
    public var current: AWSCredentials? { cached }

    /// Waits for the refresh in flight, if any, whatever its outcome. Lets tests observe a
    /// background refresh without sleeping.
    public func waitForRefresh() async {
        _ = await refresh?.result
    }

    /// Drops the cached credentials (after the service refused them), so the next call refreshes.
    public func invalidate() {
        cached = nil
    }

    @discardableResult
    private func startRefresh(at now: Date, transport: any Transport) -> Task<AWSCredentials, any Error> {
        refreshCount += 1
        let base = self.base
        let task = Task<AWSCredentials, any Error> {
            let result: Result<AWSCredentials, any Error>
            do {
                result = .success(try await base.credentials(at: now, transport: transport))
            } catch {
                result = .failure(error)
            }
            self.finishRefresh(result)
            return try result.get()
        }
        refresh = task
        return task
    }

    /// A success replaces the cache; a failure keeps the old credentials (the callers inside the
    /// blocking window see the error; the next call inside the background window tries again).
    private func finishRefresh(_ result: Result<AWSCredentials, any Error>) {
        if case .success(let fresh) = result { cached = fresh }
        refresh = nil
    }
}
