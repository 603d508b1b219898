import BurnwatchCore
import Foundation

/// Counts every HTTP call per collector and its estimated price: the Collectors screen's
/// "calls today" and "API spend today".
///
/// "Today" is the UTC day of the injected time source; the counts start again at UTC midnight.
/// Spend accrues for calls that got an answer below 400 (throttled and failed calls are counted
/// but, as far as the providers' price lists say, not billed). Reads are synchronous, so a
/// health snapshot can include them without awaiting.
public final class CallLedger: Sendable {
    public struct Tally: Sendable, Hashable {
        /// Every call made, whatever its outcome.
        public var calls: Int
        /// Calls that failed in transport or answered with a status of 400 or more.
        public var failedCalls: Int
        /// Estimated USD price of today's billable calls.
        public var spend: Decimal
        /// Retries the scheduler made (each retry is one more round of calls).
        public var retries: Int

        public init(calls: Int = 0, failedCalls: Int = 0, spend: Decimal = 0, retries: Int = 0) {
            self.calls = calls
            self.failedCalls = failedCalls
            self.spend = spend
            self.retries = retries
        }

        static func + (lhs: Tally, rhs: Tally) -> Tally {
            Tally(
                calls: lhs.calls + rhs.calls,
                failedCalls: lhs.failedCalls + rhs.failedCalls,
                spend: lhs.spend + rhs.spend,
                retries: lhs.retries + rhs.retries
            )
        }
    }

    private struct State: Sendable {
        var day: Int64
        var tallies: [CollectorID: Tally] = [:]

        mutating func rollOver(to today: Int64) {
            guard today != day else { return }
            day = today
            tallies = [:]
        }
    }

    private let time: any TimeSource
    private let state: LockedState<State>

    public init(time: any TimeSource) {
        self.time = time
        self.state = LockedState(State(day: Self.utcDay(of: time.now())))
    }

    public func recordCall(collector: CollectorID, price: Decimal, failed: Bool) {
        update(collector) { tally in
            tally.calls += 1
            if failed {
                tally.failedCalls += 1
            } else {
                tally.spend += price
            }
        }
    }

    public func recordRetry(collector: CollectorID) {
        update(collector) { $0.retries += 1 }
    }

    /// Today's counts for one collector.
    public func tally(for collector: CollectorID) -> Tally {
        let today = Self.utcDay(of: time.now())
        return state.withLock { state in
            state.rollOver(to: today)
            return state.tallies[collector] ?? Tally()
        }
    }

    /// Today's counts over all collectors.
    public func total() -> Tally {
        let today = Self.utcDay(of: time.now())
        return state.withLock { state in
            state.rollOver(to: today)
            return state.tallies.values.reduce(Tally(), +)
        }
    }

    private func update(_ collector: CollectorID, _ change: (inout Tally) -> Void) {
        let today = Self.utcDay(of: time.now())
        state.withLock { state in
            state.rollOver(to: today)
            change(&state.tallies[collector, default: Tally()])
        }
    }

    /// Days since 1970-01-01 in UTC (Unix time has no leap seconds, so this is exact).
    static func utcDay(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}

