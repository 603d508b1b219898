import Foundation

/// What a cost record is about: one endpoint, or a whole account / project / subscription.
public enum CostScope: Sendable, Hashable, Codable, Comparable {
    case endpoint(EndpointID)
    case account(AccountID)

    public var accountID: AccountID {
        switch self {
        case .endpoint(let id): id.accountID
        case .account(let id): id
        }
    }

    public static func < (lhs: CostScope, rhs: CostScope) -> Bool {
        switch (lhs, rhs) {
        case (.account(let a), .account(let b)): a < b
        case (.endpoint(let a), .endpoint(let b)): a < b
        case (.account, .endpoint): true
        case (.endpoint, .account): false
        }
    }
}

/// Where a month's forecast came from, in order of preference.
public enum ForecastSource: String, Sendable, Hashable, Codable {
    /// Cost Explorer / Budgets / Azure Cost Management.
    case provider
    /// The `[forecast]` table of the config.
    case configured
    /// Trailing daily average × days in the month.
    case runRate = "run-rate"
}

/// Month-to-date spend for one scope, as of the provider's last billed hour, plus what burnwatch estimates since.
public struct CostRecord: Sendable, Hashable, Codable {
    public var scope: CostScope
    public var month: BillingMonth
    /// Settled (billed) spend since the start of the month.
    public var billedToDate: Money
    /// The end of the period the billed figure covers (billing lags hours behind).
    public var billedThrough: Date
    /// burnwatch's estimate of spend since `billedThrough` (instance-hours × price, GB-s × price, tokens × price).
    public var estimatedUnbilled: Money?
    /// The provider's forecast for the whole month, where it offers one.
    public var providerForecast: Money?
    /// The budget limit for the month, where one is set.
    public var budget: Money?
    /// Spend per hour over the last hour (billed or estimated), for time-to-alarm.
    public var burnRatePerHour: Money?
    /// Average daily spend over the trailing complete days, for the run-rate forecast.
    public var trailingDailyAverage: Money?
    /// Spend of each of the last days, oldest first, for the Budgets sparkline.
    public var dailySpend: [Money]
    /// When burnwatch received this record.
    public var fetchedAt: Date

    public init(
        scope: CostScope,
        month: BillingMonth,
        billedToDate: Money,
        billedThrough: Date,
        estimatedUnbilled: Money? = nil,
        providerForecast: Money? = nil,
        budget: Money? = nil,
        burnRatePerHour: Money? = nil,
        trailingDailyAverage: Money? = nil,
        dailySpend: [Money] = [],
        fetchedAt: Date
    ) {
        self.scope = scope
        self.month = month
        self.billedToDate = billedToDate
        self.billedThrough = billedThrough
        self.estimatedUnbilled = estimatedUnbilled
        self.providerForecast = providerForecast
        self.budget = budget
        self.burnRatePerHour = burnRatePerHour
        self.trailingDailyAverage = trailingDailyAverage
        self.dailySpend = dailySpend
        self.fetchedAt = fetchedAt
    }

    /// Billed spend plus the unbilled estimate: the best figure for "spent so far".
    public var spendToDate: Money {
        guard let estimate = estimatedUnbilled, let total = billedToDate.adding(estimate) else { return billedToDate }
        return total
    }
}
