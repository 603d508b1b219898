import Foundation

/// The parts of the Cloud Billing Budget API's `billingAccounts.budgets.list` answer burnwatch
/// reads (`billingbudgets.v1.json`, schemas `GoogleCloudBillingBudgetsV1*`, `GoogleTypeMoney`).
/// It holds the plan and its thresholds only: no spend, no forecast.
public enum BudgetsShapes {
    public struct ListBudgetsResponse: Codable, Sendable, Hashable {
        public var budgets: [Budget]?
        public var nextPageToken: String?
    }

    public struct Budget: Codable, Sendable, Hashable {
        /// `billingAccounts/{account}/budgets/{id}`.
        public var name: String?
        public var displayName: String?
        public var budgetFilter: Filter?
        public var amount: BudgetAmount?
        public var thresholdRules: [ThresholdRule]?

        public init(name: String? = nil, displayName: String? = nil, budgetFilter: Filter? = nil, amount: BudgetAmount? = nil, thresholdRules: [ThresholdRule]? = nil) {
            self.name = name
            self.displayName = displayName
            self.budgetFilter = budgetFilter
            self.amount = amount
            self.thresholdRules = thresholdRules
        }
    }

    public struct Filter: Codable, Sendable, Hashable {
        /// `projects/{project number or id}`; absent: every project of the billing account.
        public var projects: [String]?
        /// `MONTH` (the default when neither this nor `customPeriod` is set), `QUARTER`, `YEAR`.
        public var calendarPeriod: String?
        public var customPeriod: CustomPeriod?

        public init(projects: [String]? = nil, calendarPeriod: String? = nil, customPeriod: CustomPeriod? = nil) {
            self.projects = projects
            self.calendarPeriod = calendarPeriod
            self.customPeriod = customPeriod
        }
    }

    /// Only its presence matters: a custom period is not a calendar month.
    public struct CustomPeriod: Codable, Sendable, Hashable {
        public init() {}
    }

    public struct BudgetAmount: Codable, Sendable, Hashable {
        public var specifiedAmount: Money?
        /// Present (as `{}`) when the budget follows last period's spend: no amount is given.
        public var lastPeriodAmount: LastPeriodAmount?

        public init(specifiedAmount: Money? = nil, lastPeriodAmount: LastPeriodAmount? = nil) {
            self.specifiedAmount = specifiedAmount
            self.lastPeriodAmount = lastPeriodAmount
        }
    }

    public struct LastPeriodAmount: Codable, Sendable, Hashable {
        public init() {}
    }

    /// `google.type.Money`: whole `units` (an int64, so a string) plus `nanos` (10⁻⁹ units,
    /// same sign as `units`).
    public struct Money: Codable, Sendable, Hashable {
        public var currencyCode: String?
        public var units: GCPInt64?
        public var nanos: Int?

        public init(currencyCode: String?, units: Int64?, nanos: Int? = nil) {
            self.currencyCode = currencyCode
            self.units = units.map(GCPInt64.init)
            self.nanos = nanos
        }

        /// The exact decimal amount.
        public var amount: Decimal {
            Decimal(units?.value ?? 0) + Decimal(nanos ?? 0) / Decimal(1_000_000_000)
        }
    }

    public struct ThresholdRule: Codable, Sendable, Hashable {
        /// 1.0 is 100 %.
        public var thresholdPercent: Double?
        /// `CURRENT_SPEND` (the default) or `FORECASTED_SPEND`.
        public var spendBasis: String?
    }
}
