import Testing
@testable import BurnwatchCollect

@Suite struct RetryBudgetTests {
    @Test func fiveHundredTokensPayForAHundredRetries() {
        var budget = RetryBudget()
        #expect(budget.tokens == 500)
        var granted = 0
        while budget.acquireRetry(afterTimeout: false) { granted += 1 }
        #expect(granted == 100)
        #expect(budget.tokens == 0)
        #expect(budget.isExhausted)
    }

    @Test func retriesAfterTimeoutsCostTwice() {
        var budget = RetryBudget()
        var granted = 0
        while budget.acquireRetry(afterTimeout: true) { granted += 1 }
        #expect(granted == 50)
    }

    @Test func aRefusedRetryTakesNothing() {
        var budget = RetryBudget(configuration: .init(capacity: 12))
        let first = budget.acquireRetry(afterTimeout: true) // 12 → 2
        let second = budget.acquireRetry(afterTimeout: false) // 2 < 5
        #expect(first)
        #expect(!second)
        #expect(budget.tokens == 2)
    }

    @Test func successesRefundOneTokenUpToTheCapacity() {
        var budget = RetryBudget()
        budget.recordSuccess()
        #expect(budget.tokens == 500)
        _ = budget.acquireRetry(afterTimeout: false)
        for _ in 0..<10 { budget.recordSuccess() }
        #expect(budget.tokens == 500)

        var empty = RetryBudget(configuration: .init(capacity: 5))
        let spent = empty.acquireRetry(afterTimeout: false)
        for _ in 0..<4 { empty.recordSuccess() }
        let tooFew = empty.acquireRetry(afterTimeout: false)
        empty.recordSuccess()
        let enough = empty.acquireRetry(afterTimeout: false)
        #expect(spent)
        #expect(!tooFew)
        #expect(enough)
    }
}
