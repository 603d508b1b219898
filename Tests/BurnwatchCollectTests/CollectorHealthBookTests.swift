import BurnwatchCore
import Foundation
import Testing
@testable import BurnwatchCollect

@Suite struct CollectorHealthBookTests {
    func makeBook() -> CollectorHealthBook {
        CollectorHealthBook(
            descriptor: CollectorDescriptor(id: "aws/prod", cloud: .aws, title: "AWS prod", identity: "123456789012"),
            breaker: CircuitBreaker()
        )
    }

    @Test func startsAsStartingAndTurnsOkAfterASuccess() {
        var book = makeBook()
        #expect(book.state == .starting)
        book.recordSuccess(.metrics, fetchedAt: t0)
        #expect(book.state == .ok)
        #expect(book.lastSuccess == [.metrics: t0])
    }

    @Test func aFailedClassOutranksTheOthersThatWork() {
        var book = makeBook()
        book.recordSuccess(.metrics, fetchedAt: t0)
        book.recordFailure(.cost, error: .throttled(retryAfter: 90), throttledUntil: t0 + 90)
        #expect(book.state == .throttled(until: t0 + 90))
        book.recordFailure(.inventory, error: .unauthorized(hint: "aws sso login --profile prod", "expired token"), throttledUntil: t0)
        #expect(book.state == .authFailed(hint: "aws sso login --profile prod"))
        #expect(book.lastError == "inventory: unauthorized: expired token")
    }

    @Test func anOpenBreakerShowsUnlessTheUserMustAct() {
        var book = makeBook()
        book.recordFailure(.metrics, error: .serverError(status: 503, "busy"), throttledUntil: t0)
        #expect(book.state == .failing)
        _ = book.breaker.event(.budgetExhausted(at: t0))
        #expect(book.state == .circuitOpen(until: t0 + 60))
        book.recordFailure(.metrics, error: .noCredentials(hint: "set AWS_PROFILE", "none found"), throttledUntil: t0)
        #expect(book.state == .noCredentials(hint: "set AWS_PROFILE"))
    }

    @Test func theIdentityAndClockSkewABatchReportsReplaceTheDescriptorsGuess() {
        var book = makeBook()
        var batch = CollectBatch(collector: "aws/prod", dataClass: .metrics, fetchedAt: t0)
        batch.identity = "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/session"
        batch.clockSkew = 420
        book.learn(from: batch)
        var health = book.health(tally: CallLedger.Tally(calls: 0, failedCalls: 0, spend: 0, retries: 0))
        #expect(health.identity == "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/session")
        #expect(health.clockSkew == 420)
        // A later batch without an identity keeps the learnt one; the skew follows the latest batch.
        book.learn(from: CollectBatch(collector: "aws/prod", dataClass: .metrics, fetchedAt: t0 + 60))
        health = book.health(tally: CallLedger.Tally(calls: 0, failedCalls: 0, spend: 0, retries: 0))
        #expect(health.identity == "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/session")
        #expect(health.clockSkew == nil)
    }

    @Test func timeoutsShowAsUnreachable() {
        var book = makeBook()
        book.recordFailure(.metrics, error: .timeout(), throttledUntil: t0)
        #expect(book.state == .unreachable)
    }

    @Test func healthCarriesTheLedgerAndTheIdentity() {
        var book = makeBook()
        book.recordSuccess(.metrics, fetchedAt: t0)
        book.nextPoll[.metrics] = t0 + 60
        let health = book.health(tally: CallLedger.Tally(calls: 7, failedCalls: 1, spend: Decimal(string: "0.07")!, retries: 2))
        #expect(health.id == "aws/prod")
        #expect(health.cloud == .aws)
        #expect(health.identity == "123456789012")
        #expect(health.callsToday == 7)
        #expect(health.spendToday == Decimal(string: "0.07")!)
        #expect(health.retries == 2)
        #expect(health.nextPoll == [.metrics: t0 + 60])
        #expect(health.state == .ok)
    }
}

@Suite struct PollingCostTests {
    @Test func dailyCostIsPricePerRoundTimesRoundsADay() {
        let descriptor = CollectorDescriptor(
            id: "aws/test", cloud: .aws, title: "t",
            cadences: [.metrics: 60, .inventory: 300, .cost: 4 * 3600],
            pricePerRound: [.metrics: Decimal(string: "0.0001")!, .cost: Decimal(string: "0.02")!])
        // 1,440 metrics rounds × $0.0001 + 6 cost rounds × $0.02 = $0.144 + $0.12; inventory is free.
        let book = CollectorHealthBook(descriptor: descriptor, breaker: CircuitBreaker())
        #expect(book.health(tally: CallLedger.Tally()).pollingCostPerDay == Decimal(string: "0.264"))
        // The config's cadences, not the descriptor's, decide: metrics every 5 min is 288 rounds.
        let slower = CollectorHealthBook(descriptor: descriptor, breaker: CircuitBreaker(), cadences: [.metrics: 300, .cost: 4 * 3600])
        #expect(slower.health(tally: CallLedger.Tally()).pollingCostPerDay == Decimal(string: "0.1488"))
    }

    @Test func noDeclaredPricesMeansUnknownNotFree() {
        let descriptor = CollectorDescriptor(id: "x", cloud: nil, title: "t")
        #expect(CollectorHealthBook(descriptor: descriptor, breaker: CircuitBreaker()).health(tally: CallLedger.Tally()).pollingCostPerDay == nil)
    }
}
