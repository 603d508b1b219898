import Foundation
import Testing
@testable import BurnwatchCollect

@Suite struct BackoffTests {
    @Test func ceilingDoublesFromTheBaseUpToTheCap() {
        let backoff = Backoff(base: 1, cap: 20)
        #expect((0...6).map(backoff.ceiling(forRetry:)) == [1, 2, 4, 8, 16, 20, 20])
        #expect(backoff.ceiling(forRetry: 10_000) == 20)
        #expect(backoff.ceiling(forRetry: -3) == 1)
    }

    @Test func fullJitterCoversTheWholeWindowUniformly() {
        let backoff = Backoff()
        var generator = SeededRandomNumberGenerator(seed: 42)
        let draws = (0..<10_000).map { _ in backoff.delay(forRetry: 5, using: &generator) }

        #expect(draws.allSatisfy { (0...20).contains($0) })
        // Full jitter starts at 0 (equal jitter would start at cap/2 = 10).
        #expect(draws.min()! < 0.5)
        #expect(draws.max()! > 19.5)
        let mean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 10) < 0.4)
        // Ten equal buckets each get about a tenth of the draws.
        var buckets = [Int](repeating: 0, count: 10)
        for draw in draws { buckets[min(9, Int(draw / 2))] += 1 }
        #expect(buckets.allSatisfy { (800...1200).contains($0) }, "buckets: \(buckets)")
    }

    @Test func earlyRetriesStayWithinTheirSmallerWindow() {
        let backoff = Backoff()
        var generator = SeededRandomNumberGenerator(seed: 7)
        for _ in 0..<1000 {
            #expect((0...1).contains(backoff.delay(forRetry: 0, using: &generator)))
            #expect((0...2).contains(backoff.delay(forRetry: 1, using: &generator)))
        }
    }

    @Test func theSameSeedGivesTheSameDelays() {
        var first = SeededRandomNumberGenerator(seed: 99)
        var second = SeededRandomNumberGenerator(seed: 99)
        let backoff = Backoff()
        let a = (0..<20).map { backoff.delay(forRetry: $0 % 5, using: &first) }
        let b = (0..<20).map { backoff.delay(forRetry: $0 % 5, using: &second) }
        #expect(a == b)
        #expect(Set(a).count > 15)
    }
}
