import BurnwatchCore
import Foundation

/// The monthly budget that applies to one project, as burnwatch shows it.
public struct GCPBudget: Sendable, Hashable {
    public var name: String
    public var amount: Money
    /// Alert thresholds as fractions of the amount (1.0 = 100 %), current-spend ones only.
    public var thresholds: [Double]

    public init(name: String, amount: Money, thresholds: [Double]) {
        self.name = name
        self.amount = amount
        self.thresholds = thresholds
    }

    /// The budget whose filter names the project (by id or number), over calendar months and
    /// with an amount of its own. With several, the one naming the fewest projects (the most
    /// specific) wins, then the smallest amount. Budgets over the whole billing account are not
    /// used: they would compare one project's spend with every project's plan.
    public static func pick(
        from budgets: [BudgetsShapes.Budget], project: String, projectNumber: String?, issues: inout [CollectIssue]
    ) -> GCPBudget? {
        let names = Set(["projects/\(project)"] + (projectNumber.map { ["projects/\($0)"] } ?? []))
        var candidates: [(projects: Int, budget: GCPBudget)] = []
        for budget in budgets {
            let projects = budget.budgetFilter?.projects ?? []
            guard projects.contains(where: names.contains) else { continue }
            let title = Sanitizer.clean(budget.displayName ?? budget.name ?? "a budget")
            let period = budget.budgetFilter?.calendarPeriod ?? "MONTH"
            guard budget.budgetFilter?.customPeriod == nil, period == "MONTH" || period == "CALENDAR_PERIOD_UNSPECIFIED" else {
                issues.append(CollectIssue("budget \(title) is not monthly: not shown"))
                continue
            }
            guard let money = budget.amount?.specifiedAmount else {
                issues.append(CollectIssue("budget \(title) follows last period's spend and states no amount: not shown"))
                continue
            }
            let thresholds = (budget.thresholdRules ?? [])
                .filter { ($0.spendBasis ?? "CURRENT_SPEND") == "CURRENT_SPEND" }.compactMap(\.thresholdPercent).sorted()
            candidates.append((projects.count, GCPBudget(
                name: title, amount: Money(money.amount, Sanitizer.clean(money.currencyCode ?? "USD")), thresholds: thresholds
            )))
        }
        return candidates.min { ($0.projects, $0.budget.amount.amount) < ($1.projects, $1.budget.amount.amount) }?.budget
    }
}
