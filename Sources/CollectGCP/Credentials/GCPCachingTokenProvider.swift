import BurnwatchCollect
import Foundation

/// Caches another provider's access tokens and refreshes them before they expire.
///
/// Google's tokens live an hour. With more than `backgroundRefreshWindow` (5 min) left, the
/// cached token is returned. Inside it, it is still returned and one refresh starts in the
/// background; if that refresh fails the old token stays until the `blockingRefreshWindow`
/// (1 min). Inside that window (or with nothing cached) callers wait for a refresh, and every
/// concurrent caller waits for the same one.
///
/// Time comes only from the `now` each caller passes, so tests control every window.
public actor GCPCachingTokenProvider: GCPRefreshableTokenProvider {
    public static let backgroundRefreshWindow: TimeInterval = 5 * 60
    public static let blockingRefreshWindow: TimeInterval = 60

    public let base: any GCPTokenProvider
    private var cached: GCPAccessToken?
    private var refresh: Task<GCPAccessToken, any Error>?
    /// How many refreshes have started (for the Collectors screen's detail and for tests).
    public private(set) var refreshCount = 0
    /// How many callers are waiting for a refresh right now.
    public private(set) var waitingCallers = 0

    public init(_ base: any GCPTokenProvider) {
        self.base = base
    }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        if let cached {
            let remaining = cached.expiry.timeIntervalSince(now)
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

    /// The token currently cached, if any (its `description` never shows the token itself).
    public var current: GCPAccessToken? { cached }

    /// Waits for the refresh in flight, if any, whatever its outcome. Lets tests observe a
    /// background refresh without sleeping.
    public func waitForRefresh() async {
        _ = await refresh?.result
    }

    /// Drops the cached token (after an API refused it with 401), so the next call refreshes.
    public func invalidate() {
        cached = nil
    }

    @discardableResult
    private func startRefresh(at now: Date, transport: any Transport) -> Task<GCPAccessToken, any Error> {
        refreshCount += 1
        let base = self.base
        let task = Task<GCPAccessToken, any Error> {
            let result: Result<GCPAccessToken, any Error>
            do {
                result = .success(try await base.token(at: now, transport: transport))
            } catch {
                result = .failure(error)
            }
            self.finishRefresh(result)
            return try result.get()
        }
        refresh = task
        return task
    }

    /// A success replaces the cache; a failure keeps the old token (callers inside the blocking
    /// window see the error; the next call inside the background window tries again).
    private func finishRefresh(_ result: Result<GCPAccessToken, any Error>) {
        if case .success(let fresh) = result { cached = fresh }
        refresh = nil
    }
}
