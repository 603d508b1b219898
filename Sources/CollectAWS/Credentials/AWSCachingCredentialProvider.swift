import BurnwatchCollect
import Foundation

/// Caches another provider's credentials and refreshes temporary ones before they expire
/// (`RefreshingCache`): in the background with 15 minutes left, blocking callers with 10.
/// Long-term keys (no expiration) are fetched once.
public actor AWSCachingCredentialProvider: AWSCredentialProvider {
    public static let backgroundRefreshWindow: TimeInterval = 15 * 60
    public static let blockingRefreshWindow: TimeInterval = 10 * 60

    public let base: any AWSCredentialProvider
    private let cache = RefreshingCache<AWSCredentials>(
        backgroundWindow: backgroundRefreshWindow, blockingWindow: blockingRefreshWindow, expiry: { $0.expiration }
    )

    public init(_ base: any AWSCredentialProvider) {
        self.base = base
    }

    public func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        let base = self.base
        return try await cache.value(at: now) { try await base.credentials(at: now, transport: transport) }
    }

    /// The credentials currently cached, if any (their `description` never shows the secret).
    public var current: AWSCredentials? { get async { await cache.current } }
    /// How many refreshes have started.
    public var refreshCount: Int { get async { await cache.refreshCount } }
    /// How many callers are waiting for a refresh right now.
    public var waitingCallers: Int { get async { await cache.waitingCallers } }

    public func waitForRefresh() async { await cache.waitForRefresh() }

    /// Drops the cached credentials, so the next call refreshes.
    public func invalidate() async { await cache.invalidate() }
}
