import Foundation

/// The AWS Budgets (`budgets/2016-10-20`, awsJson1_1) shapes burnwatch uses. Amounts are decimal
/// strings; timestamps are epoch seconds.
public enum BudgetsShapes {
    public struct DescribeBudgetsRequest: Encodable, Sendable, Hashable {
        public var accountId: String
        public var maxResults: Int?
        public var nextToken: String?
        public var showFilterExpression: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case accountId = "AccountId", maxResults = "MaxResults", nextToken = "NextToken"
            case showFilterExpression = "ShowFilterExpression"
        }
    }

    public struct DescribeBudgetsResponse: Decodable, Sendable, Hashable {
        public var budgets: [Budget]?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case budgets = "Budgets", nextToken = "NextToken"
        }
    }

    public struct Spend: Decodable, Sendable, Hashable {
        public var amount: String
        public var unit: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case amount = "Amount", unit = "Unit"
        }
    }

    public struct CalculatedSpend: Decodable, Sendable, Hashable {
        public var actualSpend: Spend?
        public var forecastedSpend: Spend?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case actualSpend = "ActualSpend", forecastedSpend = "ForecastedSpend"
        }
    }

    /// Present or not; its content is not read (a filtered budget is not the account's budget).
    public struct Presence: Decodable, Sendable, Hashable {}

    public struct Budget: Decodable, Sendable, Hashable {
        public var budgetName: String
        public var budgetLimit: Spend?
        /// `DAILY`, `MONTHLY`, `QUARTERLY`, `ANNUALLY` or `CUSTOM`.
        public var timeUnit: String
        /// `COST`, `USAGE`, `RI_UTILIZATION`, …
        public var budgetType: String
        public var calculatedSpend: CalculatedSpend?
        /// Deprecated filters: a map of dimension to values.
        public var costFilters: [String: [String]]?
        public var filterExpression: Presence?
        public var lastUpdatedTime: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case budgetName = "BudgetName", budgetLimit = "BudgetLimit", timeUnit = "TimeUnit", budgetType = "BudgetType"
            case calculatedSpend = "CalculatedSpend", costFilters = "CostFilters", filterExpression = "FilterExpression"
            case lastUpdatedTime = "LastUpdatedTime"
        }

        /// Whether the budget covers only part of the account's spend.
        public var isFiltered: Bool {
            filterExpression != nil || !(costFilters ?? [:]).values.allSatisfy(\.isEmpty)
        }
    }
}
