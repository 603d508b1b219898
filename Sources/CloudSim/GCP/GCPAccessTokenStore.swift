import BurnwatchCollect
import Foundation

/// The access tokens the token endpoint has issued: random opaque strings, each with its
/// principal, scopes and expiry on the simulator's clock.
final class GCPAccessTokenStore: Sendable {
    struct Grant: Sendable {
        var principal: String
        var scopes: Set<String>
        var expires: Date
        /// An `authorized_user` token (user credentials need a quota project for some APIs).
        var isUser: Bool
        var quotaProject: String?
    }

    /// Beyond this many live tokens, expired ones are dropped at the next issue.
    private static let pruneThreshold = 10_000
    private let grants = LockedState<[String: Grant]>([:])

    /// A new token, unguessable (160 random bits), in Google's `ya29.` form.
    func issue(_ grant: Grant, now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let body = String((0..<64).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        let token = "ya29.sim." + body
        grants.withLock { table in
            if table.count >= GCPAccessTokenStore.pruneThreshold {
                table = table.filter { $0.value.expires > now }
            }
            table[token] = grant
        }
        return token
    }

    func grant(for token: String) -> Grant? {
        grants.withLock { $0[token] }
    }
}
