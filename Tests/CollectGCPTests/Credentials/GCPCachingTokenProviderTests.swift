import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

/// A provider that answers from a script, one entry per call, optionally holding each call at a
/// gate until the test opens it.
final class ScriptedTokenProvider: GCPTokenProvider {
    private struct State {
        var script: [Result<GCPAccessToken, CollectorError>]
        var calls = 0
        var gated = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: LockedState<State>

    init(_ script: [Result<GCPAccessToken, CollectorError>], gated: Bool = false) {
        state = LockedState(State(script: script, gated: gated))
    }

    var calls: Int { state.withLock { $0.calls } }

    func closeGate() {
        state.withLock { $0.gated = true }
    }

    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.gated = false
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { $0.resume() }
    }

    func token(at now: Date, transport: any Transport) async throws -> GCPAccessToken {
        let next = state.withLock { state -> Result<GCPAccessToken, CollectorError> in
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

@Suite struct GCPCachingTokenProviderTests {
    /// A token that expires `minutes` after the test's start.
    static func token(_ value: String, expiresAt minutes: Double) -> GCPAccessToken {
        GCPAccessToken(value: value, expiry: gcpTestNow.addingTimeInterval(minutes * 60), source: "test")
    }

    let transport = RecordingGCPTransport.refusing
    func at(minutes: Double) -> Date { gcpTestNow.addingTimeInterval(minutes * 60) }

    @Test func aFreshTokenIsServedFromTheCacheUntilFiveMinutesAreLeft() async throws {
        let base = ScriptedTokenProvider([.success(Self.token("A", expiresAt: 60))])
        let cache = GCPCachingTokenProvider(base)
        #expect(try await cache.token(at: at(minutes: 0), transport: transport).value == "A")
        #expect(try await cache.token(at: at(minutes: 54.9), transport: transport).value == "A")
        #expect(base.calls == 1)
        #expect(await cache.refreshCount == 1)
    }

    @Test func insideFiveMinutesTheOldTokenIsReturnedAndOneRefreshStarts() async throws {
        let base = ScriptedTokenProvider([.success(Self.token("A", expiresAt: 60)), .success(Self.token("B", expiresAt: 120))])
        let cache = GCPCachingTokenProvider(base)
        _ = try await cache.token(at: at(minutes: 0), transport: transport)
        base.closeGate()
        // 4 min left: the old token at once, one refresh started; the next call starts no other.
        #expect(try await cache.token(at: at(minutes: 56), transport: transport).value == "A")
        #expect(try await cache.token(at: at(minutes: 57), transport: transport).value == "A")
        #expect(await cache.refreshCount == 2)
        base.open()
        await cache.waitForRefresh()
        #expect(base.calls == 2)
        #expect(try await cache.token(at: at(minutes: 58), transport: transport).value == "B")
    }

    @Test func aFailedBackgroundRefreshKeepsTheOldTokenUntilTheLastMinute() async throws {
        let base = ScriptedTokenProvider([
            .success(Self.token("A", expiresAt: 60)),
            .failure(.unreachable("oauth2 down")),
            .failure(.unreachable("oauth2 still down")),
        ])
        let cache = GCPCachingTokenProvider(base)
        _ = try await cache.token(at: at(minutes: 0), transport: transport)
        #expect(try await cache.token(at: at(minutes: 56), transport: transport).value == "A")
        await cache.waitForRefresh()
        // Exactly one minute left counts as inside the blocking window: the failure shows.
        let error = await caughtError { try await cache.token(at: at(minutes: 59), transport: transport) } as? CollectorError
        #expect(error == .unreachable("oauth2 still down"))
        #expect(base.calls == 3)
        #expect(await cache.current?.value == "A")
    }

    @Test func theLastMinuteWaitsForANewToken() async throws {
        let base = ScriptedTokenProvider([.success(Self.token("A", expiresAt: 60)), .success(Self.token("B", expiresAt: 120))])
        let cache = GCPCachingTokenProvider(base)
        _ = try await cache.token(at: at(minutes: 0), transport: transport)
        #expect(try await cache.token(at: at(minutes: 59.5), transport: transport).value == "B")
        #expect(try await cache.token(at: at(minutes: 70), transport: transport).value == "B")
        #expect(base.calls == 2)
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let base = ScriptedTokenProvider([.success(Self.token("A", expiresAt: 60))], gated: true)
        let cache = GCPCachingTokenProvider(base)
        let transport = self.transport
        let first = Task { try await cache.token(at: gcpTestNow, transport: transport) }
        let second = Task { try await cache.token(at: gcpTestNow, transport: transport) }
        while await cache.waitingCallers < 2 { await Task.yield() }
        base.open()
        #expect(try await first.value.value == "A")
        #expect(try await second.value.value == "A")
        #expect(base.calls == 1)
    }

    @Test func invalidateForcesARefresh() async throws {
        let base = ScriptedTokenProvider([.success(Self.token("A", expiresAt: 60)), .success(Self.token("B", expiresAt: 61))])
        let cache = GCPCachingTokenProvider(base)
        _ = try await cache.token(at: at(minutes: 0), transport: transport)
        await cache.invalidate()
        #expect(try await cache.token(at: at(minutes: 1), transport: transport).value == "B")
    }

    @Test func aRefusedTokenIsReplacedOnceByGCPClient() async throws {
        let base = ScriptedTokenProvider([.success(Self.token("revoked", expiresAt: 60)), .success(Self.token("fresh", expiresAt: 60))])
        let cache = GCPCachingTokenProvider(base)
        let api = RecordingGCPTransport { request in
            request.header("Authorization") == "Bearer fresh"
                ? .json(200, "{}")
                : .json(401, #"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#)
        }
        let client = GCPClient(collector: "gcp", tokens: cache, clock: ManualTimeSource(start: gcpTestNow), loginHint: "x")
        _ = try await client.get(try #require(URL(string: "https://monitoring.googleapis.com/v3/projects/p/timeSeries")), api: .monitoringTimeSeries, transport: api)
        #expect(api.requests.map { $0.header("Authorization") } == ["Bearer revoked", "Bearer fresh"])
        #expect(base.calls == 2)
    }

    @Test func theFirstFailureReachesTheCallerAndTheNextCallRetries() async throws {
        let base = ScriptedTokenProvider([.failure(.noCredentials(hint: "h", "none")), .success(Self.token("A", expiresAt: 60))])
        let cache = GCPCachingTokenProvider(base)
        let error = await caughtError { try await cache.token(at: at(minutes: 0), transport: transport) } as? CollectorError
        #expect(error?.kind == "no credentials")
        #expect(try await cache.token(at: at(minutes: 1), transport: transport).value == "A")
    }
}
