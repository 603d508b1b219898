import Foundation
import Testing
@testable import BurnwatchCollect

@Suite struct CircuitBreakerTests {
    @Test func opensAfterThreeConsecutiveFailedRounds() {
        var breaker = CircuitBreaker()
        #expect(breaker.event(.roundStarting(at: t0)) == .proceed)
        #expect(breaker.event(.roundFailed(at: t0)) == .none)
        #expect(breaker.event(.roundFailed(at: t0 + 60)) == .none)
        #expect(breaker.event(.roundFailed(at: t0 + 120)) == .opened(until: t0 + 180))
        #expect(breaker.state == .open(until: t0 + 180))
    }

    @Test func aSuccessResetsTheCount() {
        var breaker = CircuitBreaker()
        _ = breaker.event(.roundFailed(at: t0))
        _ = breaker.event(.roundFailed(at: t0))
        #expect(breaker.event(.roundSucceeded) == .none)
        _ = breaker.event(.roundFailed(at: t0))
        #expect(breaker.event(.roundFailed(at: t0)) == .none)
        #expect(breaker.state == .closed(consecutiveFailures: 2))
    }

    @Test func rejectsUntilTheCoolDownThenLetsOneProbeThrough() {
        var breaker = CircuitBreaker()
        _ = breaker.event(.budgetExhausted(at: t0))
        #expect(breaker.state == .open(until: t0 + 60))
        #expect(breaker.event(.roundStarting(at: t0 + 59)) == .reject(until: t0 + 60))
        #expect(breaker.event(.roundStarting(at: t0 + 60)) == .probe)
        #expect(breaker.state == .halfOpen)
        #expect(breaker.event(.roundStarting(at: t0 + 61)) == .reject(until: nil))
        #expect(breaker.event(.roundSucceeded) == .closed)
        #expect(breaker.event(.roundStarting(at: t0 + 62)) == .proceed)
    }

    @Test func failedProbesDoubleTheCoolDownUpToTheMaximum() {
        var breaker = CircuitBreaker()
        var now = t0
        for _ in 0..<3 { _ = breaker.event(.roundFailed(at: now)) }
        var coolDowns: [TimeInterval] = []
        for _ in 0..<6 {
            guard case .open(let until) = breaker.state else {
                Issue.record("expected open")
                return
            }
            coolDowns.append(until.timeIntervalSince(now))
            now = until
            #expect(breaker.event(.roundStarting(at: now)) == .probe)
            _ = breaker.event(.roundFailed(at: now))
        }
        #expect(coolDowns == [60, 120, 240, 480, 600, 600])

        _ = breaker.event(.roundStarting(at: now.addingTimeInterval(600)))
        #expect(breaker.event(.roundSucceeded) == .closed)
        #expect(breaker.currentCoolDown == 60)
    }

    @Test func exhaustedBudgetOpensAtOnceAndRepeatedFailuresWhileOpenChangeNothing() {
        var breaker = CircuitBreaker()
        #expect(breaker.event(.budgetExhausted(at: t0)) == .opened(until: t0 + 60))
        #expect(breaker.event(.roundFailed(at: t0 + 10)) == .none)
        #expect(breaker.event(.budgetExhausted(at: t0 + 20)) == .none)
        #expect(breaker.state == .open(until: t0 + 60))
    }

    @Test func anySuccessClosesAnOpenBreaker() {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 1))
        _ = breaker.event(.roundFailed(at: t0))
        #expect(breaker.isOpen)
        #expect(breaker.event(.roundSucceeded) == .closed)
        #expect(!breaker.isOpen)
    }
}
