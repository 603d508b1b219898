import Foundation
import Testing
@testable import BurnwatchCollect

@Suite(.timeLimit(.minutes(1))) struct ManualTimeSourceTests {
    @Test func aSleepEndsOnlyWhenTheClockReachesItsDeadline() async throws {
        let time = ManualTimeSource(start: t0)
        let woke = LockedState<Date?>(nil)
        let sleeper = Task {
            try await time.sleep(for: 30)
            woke.withLock { $0 = time.now() }
        }
        await time.waitForSleepers(atLeast: 1)
        #expect(time.pendingDeadlines == [t0 + 30])
        #expect(time.advance(by: 29) == 0)
        #expect(time.sleeperCount == 1)
        #expect(woke.withLock { $0 } == nil)
        #expect(time.advance(by: 1) == 1)
        try await sleeper.value
        #expect(woke.withLock { $0 } == t0 + 30)
    }

    @Test func advanceResumesEveryDueSleeperAndKeepsTheRest() async throws {
        let time = ManualTimeSource(start: t0)
        let sleepers = [30.0, 10, 20].map { seconds in
            Task { try await time.sleep(until: t0 + seconds) }
        }
        await time.waitForSleepers(atLeast: 3)
        #expect(time.pendingDeadlines == [t0 + 10, t0 + 20, t0 + 30])
        #expect(time.advance(by: 15) == 1)
        #expect(time.pendingDeadlines == [t0 + 20, t0 + 30])
        #expect(time.advance(to: t0 + 30) == 2)
        for sleeper in sleepers { try await sleeper.value }
        #expect(time.now() == t0 + 30)
    }

    @Test func waitingForSleepersCanRequireAFreshSleep() async throws {
        let time = ManualTimeSource(start: t0)
        let first = Task { try await time.sleep(for: 10) }
        await time.waitForSleepers(atLeast: 1)
        let seen = time.registrations
        #expect(seen == 1)
        let woke = LockedState(false)
        let waiter = Task {
            await time.waitForSleepers(atLeast: 1, registeredAfter: seen)
            woke.withLock { $0 = true }
        }
        // One sleeper is waiting, but not one that registered after `seen`.
        #expect(time.advance(by: 10) == 1)
        try await first.value
        #expect(!woke.withLock { $0 })
        let second = Task { try await time.sleep(for: 10) }
        await waiter.value
        #expect(time.registrations == 2)
        time.advance(by: 10)
        try await second.value
    }

    @Test func aDeadlineInThePastReturnsAtOnce() async throws {
        let time = ManualTimeSource(start: t0)
        try await time.sleep(until: t0 - 5)
        try await time.sleep(for: 0)
        #expect(time.sleeperCount == 0)
    }

    @Test func theClockNeverRunsBackwards() {
        let time = ManualTimeSource(start: t0)
        time.advance(to: t0 - 100)
        #expect(time.now() == t0)
        time.advance(by: -5)
        #expect(time.now() == t0)
    }

    @Test func cancellingASleeperThrowsAndForgetsIt() async {
        let time = ManualTimeSource(start: t0)
        let sleeper = Task { try await time.sleep(for: 3600) }
        await time.waitForSleepers(atLeast: 1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(time.sleeperCount == 0)
    }

    @Test func aSleepStartedAfterCancellationThrows() async {
        let time = ManualTimeSource(start: t0)
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await time.sleep(for: 10)
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(time.sleeperCount == 0)
    }
}

@Suite struct ScaledTimeSourceTests {
    @Test func rejectsSpeedsThatAreNotPositiveAndFinite() {
        for speed in [0.0, -2, .nan, .infinity] {
            #expect(throws: ScaledTimeSource.InvalidSpeed.self) { try ScaledTimeSource(speed: speed, start: t0) }
        }
    }

    @Test func startsAtTheGivenInstantAndMovesForward() throws {
        let time = try ScaledTimeSource(speed: 60, start: t0)
        let first = time.now()
        let second = time.now()
        #expect(first >= t0)
        #expect(second >= first)
    }
}
