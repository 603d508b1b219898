import BurnwatchCollect
import Foundation

/// Caches another provider's access tokens and refreshes them before they expire
/// (`RefreshingCache`): Google's tokens live an hour, so in the background with 5 minutes left,
/// and blocking callers with 1 minute left.
public actor GCPCachingTokenProvider: GCPRefreshableTokenProvider {
    public static let backgroundRefreshWindow: TimeInterval = 5 * 60
    public static let blockingRefreshWindow: TimeInterval = 60

    public let base: any GCPTokenProvider
    private let cache = RefreshingCache<GCPAccessToken>(
        backgroundWindow: backgroundRefreshWindow, blockingWindow: blockingRefreshWindow, expiry: { $0.expiry }
    )

    public init(_ base: any GCPTokenProvider) {
        self.base = base
    }

    public func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let base = self.base
        return try await cache.value(at: now) { try await base.token(at: now, transport: transport) }
    }

    /// The token currently cached, if any (its `description` never shows the token itself).
    public var current: GCPAccessToken? { get async { await cache.current } }
    /// How many refreshes have started.
    public var refreshCount: Int { get async { await cache.refreshCount } }
    /// How many callers are waiting for a refresh right now.
    public var waitingCallers: Int { get async { await cache.waitingCallers } }

    public func waitForRefresh() async { await cache.waitForRefresh() }

    /// Drops the cached token (after an API refused it with 401), so the next call refreshes.
    public func invalidate() async { await cache.invalidate() }
}
