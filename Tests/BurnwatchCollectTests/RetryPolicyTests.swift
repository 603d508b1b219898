import Foundation
import Testing
@testable import BurnwatchCollect

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test func defaultsMatchTheAnchors() {
        #expect(policy.maxAttempts == 3)
        #expect(policy.backoff == Backoff(base: 1, cap: 20))
        #expect(policy.attemptTimeout == 10)
    }

    @Test func errorsThatNeedTheUserAreNotRetried() {
        for error in [
            CollectorError.unauthorized(hint: "aws sso login", "expired"),
            .noCredentials(hint: "set AWS_PROFILE", "none"),
            .misconfigured("bad region"),
            .malformedResponse("not JSON"),
        ] {
            #expect(policy.decide(after: error, attemptsMade: 1, timeToNextTick: 60, jitteredDelay: 0.5) == .stop(.notRetryable))
        }
    }

    @Test func retryableErrorsWaitTheJitteredDelay() {
        for error in [CollectorError.serverError(status: 503, "busy"), .timeout(), .unreachable("reset"), .throttled(retryAfter: nil)] {
            #expect(policy.decide(after: error, attemptsMade: 1, timeToNextTick: 60, jitteredDelay: 0.7) == .retry(after: 0.7))
        }
    }

    @Test func atMostThreeAttemptsPerRound() {
        let error = CollectorError.serverError(status: 500, "oops")
        #expect(policy.decide(after: error, attemptsMade: 2, timeToNextTick: 60, jitteredDelay: 1) == .retry(after: 1))
        #expect(policy.decide(after: error, attemptsMade: 3, timeToNextTick: 60, jitteredDelay: 1) == .stop(.attemptsExhausted))
    }

    @Test func retryAfterIsAFloorForTheWait() {
        let throttle = CollectorError.throttled(retryAfter: 30)
        #expect(policy.decide(after: throttle, attemptsMade: 1, timeToNextTick: 60, jitteredDelay: 0.5) == .retry(after: 30))
        let short = CollectorError.throttled(retryAfter: 0.2)
        #expect(policy.decide(after: short, attemptsMade: 1, timeToNextTick: 60, jitteredDelay: 0.9) == .retry(after: 0.9))
    }

    @Test func noRetryWhenTheWaitReachesTheNextTick() {
        let throttle = CollectorError.throttled(retryAfter: 90)
        #expect(policy.decide(after: throttle, attemptsMade: 1, timeToNextTick: 60, jitteredDelay: 0.5) == .stop(.nextTickSooner))
        let error = CollectorError.timeout()
        #expect(policy.decide(after: error, attemptsMade: 1, timeToNextTick: 1.0, jitteredDelay: 1.5) == .stop(.nextTickSooner))
        #expect(policy.decide(after: error, attemptsMade: 1, timeToNextTick: 1.5, jitteredDelay: 1.5) == .stop(.nextTickSooner))
    }

    @Test func unusableRetryAfterValuesAreIgnored() {
        for value in [-5.0, .nan, .infinity] {
            let throttle = CollectorError.throttled(retryAfter: value)
            #expect(policy.decide(after: throttle, attemptsMade: 1, timeToNextTick: 60, jitteredDelay: 0.5) == .retry(after: 0.5))
        }
    }

    @Test func drawnDelaysGrowWithTheAttempt() {
        var generator = SeededRandomNumberGenerator(seed: 3)
        let error = CollectorError.serverError(status: 502, "bad gateway")
        for _ in 0..<200 {
            guard case .retry(let first) = policy.decide(after: error, attemptsMade: 1, timeToNextTick: 60, using: &generator),
                  case .retry(let second) = policy.decide(after: error, attemptsMade: 2, timeToNextTick: 60, using: &generator)
            else {
                Issue.record("expected retries")
                return
            }
            #expect((0...1).contains(first))
            #expect((0...2).contains(second))
        }
    }
}
