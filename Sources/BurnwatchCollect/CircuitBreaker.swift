import Foundation

/// Per-collector circuit breaker, as a value-type state machine.
///
/// - closed: rounds run. It opens after `failureThreshold` consecutive failed rounds (any data
///   class of the collector), or at once when the provider's retry budget is exhausted.
/// - open(until:): rounds are rejected until the cool-down ends.
/// - halfOpen: the first round to start after the cool-down is the probe; other rounds are
///   rejected while it runs. A success closes the breaker; a failure opens it again with the
///   cool-down doubled.
///
/// Cool-down: 60 s, doubling after each failed probe up to 600 s, back to 60 s on success.
/// The backoff cap (20 s) would be shorter than a metrics tick and so would never skip one;
/// 60 s skips about one metrics round, and the doubling keeps a long outage down to a probe
/// every 10 minutes.
public struct CircuitBreaker: Sendable, Hashable {
    public struct Configuration: Sendable, Hashable {
        public var failureThreshold: Int
        public var coolDown: TimeInterval
        public var maxCoolDown: TimeInterval

        public init(failureThreshold: Int = 3, coolDown: TimeInterval = 60, maxCoolDown: TimeInterval = 600) {
            self.failureThreshold = max(1, failureThreshold)
            self.coolDown = max(0, coolDown)
            self.maxCoolDown = max(self.coolDown, maxCoolDown)
        }
    }

    public enum State: Sendable, Hashable {
        case closed(consecutiveFailures: Int)
        case open(until: Date)
        case halfOpen
    }

    public enum Event: Sendable, Hashable {
        /// A round wants to start: answered with `.proceed`, `.probe` or `.reject`.
        case roundStarting(at: Date)
        case roundSucceeded
        case roundFailed(at: Date)
        /// The provider's retry budget could not pay for a retry.
        case budgetExhausted(at: Date)
    }

    public enum Action: Sendable, Hashable {
        case proceed
        /// Run this round as the half-open probe.
        case probe
        /// Skip this round. `until` is when the breaker will admit a probe; nil while a probe runs.
        case reject(until: Date?)
        case opened(until: Date)
        case closed
        case none
    }

    public let configuration: Configuration
    public private(set) var state: State
    /// The cool-down the next opening will use.
    public private(set) var currentCoolDown: TimeInterval

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.state = .closed(consecutiveFailures: 0)
        self.currentCoolDown = configuration.coolDown
    }

    public mutating func event(_ event: Event) -> Action {
        switch (state, event) {
        case (.closed, .roundStarting):
            return .proceed
        case (.open(let until), .roundStarting(let now)):
            guard now >= until else { return .reject(until: until) }
            state = .halfOpen
            return .probe
        case (.halfOpen, .roundStarting):
            return .reject(until: nil)

        case (.closed, .roundSucceeded):
            state = .closed(consecutiveFailures: 0)
            return .none
        case (.open, .roundSucceeded), (.halfOpen, .roundSucceeded):
            // Any success is evidence the provider answers again, probe or not.
            state = .closed(consecutiveFailures: 0)
            currentCoolDown = configuration.coolDown
            return .closed

        case (.closed(let failures), .roundFailed(let now)):
            let count = failures + 1
            guard count >= configuration.failureThreshold else {
                state = .closed(consecutiveFailures: count)
                return .none
            }
            return open(at: now)
        case (.closed, .budgetExhausted(let now)):
            return open(at: now)
        case (.halfOpen, .roundFailed(let now)), (.halfOpen, .budgetExhausted(let now)):
            currentCoolDown = min(configuration.maxCoolDown, currentCoolDown * 2)
            return open(at: now)
        case (.open, .roundFailed), (.open, .budgetExhausted):
            return .none
        }
    }

    private mutating func open(at now: Date) -> Action {
        let until = now.addingTimeInterval(currentCoolDown)
        state = .open(until: until)
        return .opened(until: until)
    }

    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }
}
