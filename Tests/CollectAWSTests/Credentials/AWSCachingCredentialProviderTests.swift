import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

/// A provider that answers from a script, one entry per call, optionally holding each call at a
/// gate until the test opens it.
final class ScriptedCredentialProvider: AWSCredentialProvider {
    private struct State {
        var script: [Result<AWSCredentials, CollectorError>]
        var calls = 0
        var gated = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: LockedState<State>

    init(_ script: [Result<AWSCredentials, CollectorError>], gated: Bool = false) {
        state = LockedState(State(script: script, gated: gated))
    }

    var calls: Int { state.withLock { $0.calls } }
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Holds every later call until `open()`.
    func closeGate() {
        state.withLock { $0.gated = true }
    }

    /// Lets every held call, and every later one, through.
    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.gated = false
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { $0.resume() }
    }

    func credentials(at now: Date, transport: any Transport) async throws -> AWSCredentials {
        let next = state.withLock { state -> Result<AWSCredentials, CollectorError> in
            state.calls += 1
            return state.script.isEmpty ? .failure(.misconfigured("script exhausted")) : state.script.removeFirst()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let hold = state.withLock { state -> Bool in
                if state.gated { state.waiting.append(continuation) }
                return state.gated
            }
            if !hold { continuation.resume() }
        }
        return try next.get()
    }
}

@Suite struct AWSCachingCredentialProviderTests {
    static func keys(_ id: String, expiresIn seconds: TimeInterval?) -> AWSCredentials {
        AWSCredentials(
            accessKeyID: id, secretAccessKey: "secret-\(id)", sessionToken: seconds == nil ? nil : "token",
            expiration: seconds.map { credentialTestNow.addingTimeInterval($0) }, source: "test"
        )
    }

    let transport = RecordingCredentialTransport.refusing
    func at(minutes: Double) -> Date { credentialTestNow.addingTimeInterval(minutes * 60) }

    @Test func longTermKeysAreFetchedOnce() async throws {
        let base = ScriptedCredentialProvider([.success(Self.keys("AKIDLONG", expiresIn: nil))])
        let cache = AWSCachingCredentialProvider(base)
        for minutes in [0.0, 60, 6000] {
            #expect(try await cache.credentials(at: at(minutes: minutes), transport: transport).accessKeyID == "AKIDLONG")
        }
        #expect(base.calls == 1)
    }

    @Test func freshCredentialsAreServedFromTheCache() async throws {
        // Expire at +60 min: the cache answers alone until 15 min remain (minute 45).
        let base = ScriptedCredentialProvider([.success(Self.keys("A", expiresIn: 3600))])
        let cache = AWSCachingCredentialProvider(base)
        #expect(try await cache.credentials(at: at(minutes: 0), transport: transport).accessKeyID == "A")
        #expect(try await cache.credentials(at: at(minutes: 44.9), transport: transport).accessKeyID == "A")
        #expect(base.calls == 1)
        #expect(await cache.refreshCount == 1)
    }

    @Test func backgroundRefreshReturnsTheOldKeysAndStartsOnlyOneRefresh() async throws {
        let base = ScriptedCredentialProvider([.success(Self.keys("A", expiresIn: 3600)), .success(Self.keys("B", expiresIn: 7200))])
        let cache = AWSCachingCredentialProvider(base)
        _ = try await cache.credentials(at: at(minutes: 0), transport: transport)
        base.closeGate()
        // 14 min left: old keys at once, one refresh started; a second call starts no other.
        #expect(try await cache.credentials(at: at(minutes: 46), transport: transport).accessKeyID == "A")
        #expect(try await cache.credentials(at: at(minutes: 47), transport: transport).accessKeyID == "A")
        #expect(await cache.refreshCount == 2)
        base.open()
        await cache.waitForRefresh()
        #expect(base.calls == 2)
        #expect(try await cache.credentials(at: at(minutes: 48), transport: transport).accessKeyID == "B")
    }

    @Test func failedBackgroundRefreshKeepsTheOldKeysUntilTheBlockingWindow() async throws {
        let base = ScriptedCredentialProvider([
            .success(Self.keys("A", expiresIn: 3600)),
            .failure(.unreachable("sts down")),
            .failure(.unreachable("sts down")),
            .failure(.unreachable("sts still down")),
        ])
        let cache = AWSCachingCredentialProvider(base)
        _ = try await cache.credentials(at: at(minutes: 0), transport: transport)
        #expect(try await cache.credentials(at: at(minutes: 46), transport: transport).accessKeyID == "A")
        await cache.waitForRefresh()
        #expect(try await cache.credentials(at: at(minutes: 49), transport: transport).accessKeyID == "A")
        await cache.waitForRefresh()
        // 9 min left: inside the blocking window the failure reaches the caller.
        let error = await caughtError { try await cache.credentials(at: at(minutes: 51), transport: transport) } as? CollectorError
        #expect(error == .unreachable("sts still down"))
        #expect(base.calls == 4)
        #expect(await cache.current?.accessKeyID == "A")
    }

    @Test func blockingWindowWaitsForNewKeys() async throws {
        let base = ScriptedCredentialProvider([.success(Self.keys("A", expiresIn: 3600)), .success(Self.keys("B", expiresIn: 7200))])
        let cache = AWSCachingCredentialProvider(base)
        _ = try await cache.credentials(at: at(minutes: 0), transport: transport)
        // Exactly 10 min left counts as inside the blocking window.
        #expect(try await cache.credentials(at: at(minutes: 50), transport: transport).accessKeyID == "B")
        #expect(base.calls == 2)
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let base = ScriptedCredentialProvider([.success(Self.keys("A", expiresIn: 3600))], gated: true)
        let cache = AWSCachingCredentialProvider(base)
        let first = Task { try await cache.credentials(at: at(minutes: 0), transport: transport) }
        let second = Task { try await cache.credentials(at: at(minutes: 0), transport: transport) }
        while await cache.waitingCallers < 2 { await Task.yield() }
        base.open()
        #expect(try await first.value.accessKeyID == "A")
        #expect(try await second.value.accessKeyID == "A")
        #expect(base.calls == 1)
    }

    @Test func firstFetchFailureReachesTheCallerAndTheNextCallRetries() async throws {
        let base = ScriptedCredentialProvider([.failure(.noCredentials(hint: "h", "none")), .success(Self.keys("A", expiresIn: 3600))])
        let cache = AWSCachingCredentialProvider(base)
        let error = await caughtError { try await cache.credentials(at: at(minutes: 0), transport: transport) } as? CollectorError
        #expect(error?.kind == "no credentials")
        #expect(try await cache.credentials(at: at(minutes: 1), transport: transport).accessKeyID == "A")
    }
}
