/// A token bucket shared by all collectors of one provider, so that an outage cannot multiply
/// traffic with retries (AWS SDK standard mode: 500 tokens, a retry costs 5, a retry after a
/// timeout costs 10, each success puts 1 back).
///
/// Only retries spend tokens; first attempts are always allowed. When a retry cannot be paid
/// for, the scheduler opens the collector's circuit breaker.
public struct RetryBudget: Sendable, Hashable {
    public struct Configuration: Sendable, Hashable {
        public var capacity: Int
        public var retryCost: Int
        public var timeoutRetryCost: Int
        public var successRefund: Int

        public init(capacity: Int = 500, retryCost: Int = 5, timeoutRetryCost: Int = 10, successRefund: Int = 1) {
            self.capacity = max(0, capacity)
            self.retryCost = max(0, retryCost)
            self.timeoutRetryCost = max(0, timeoutRetryCost)
            self.successRefund = max(0, successRefund)
        }
    }

    public let configuration: Configuration
    public private(set) var tokens: Int

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.tokens = configuration.capacity
    }

    /// Takes the price of one retry; false (and nothing taken) when the bucket cannot pay.
    public mutating func acquireRetry(afterTimeout: Bool) -> Bool {
        let cost = afterTimeout ? configuration.timeoutRetryCost : configuration.retryCost
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }

    public mutating func recordSuccess() {
        tokens = min(configuration.capacity, tokens + configuration.successRefund)
    }

    /// Not even an ordinary retry can be paid for.
    public var isExhausted: Bool { tokens < configuration.retryCost }
}
