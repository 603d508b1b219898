import BurnwatchCollect
import BurnwatchCore
import Foundation

/// AWS Budgets calls (no per-call fee is known).
extension AWSClient {
    /// Every budget of the account, following `NextToken`.
    public func describeBudgets(accountID: String, transport: any Transport) async throws -> [BudgetsShapes.Budget] {
        var budgets: [BudgetsShapes.Budget] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            let request = BudgetsShapes.DescribeBudgetsRequest(accountId: accountID, maxResults: 100, nextToken: token, showFilterExpression: true)
            let answer = try await json(.budgets, region: "us-east-1", operation: "DescribeBudgets", body: try AWSJSON.encode(request), transport: transport)
            let page = try AWSJSON.decode(BudgetsShapes.DescribeBudgetsResponse.self, from: answer, operation: "DescribeBudgets")
            budgets += page.budgets ?? []
            token = try Self.nextPageToken(page.nextToken, seen: &seenTokens, operation: "DescribeBudgets")
        } while token != nil
        return budgets
    }
}

/// The figures burnwatch takes from the account's monthly cost budget.
public struct AWSMonthlyBudget: Sendable, Hashable {
    public var name: String
    public var limit: Money?
    public var actual: Money?
    public var forecast: Money?

    /// The budget to show for the account: among `MONTHLY` `COST` budgets, an unfiltered one
    /// (the whole account) before a filtered one, then by name. Nil when there is none.
    public static func pick(from budgets: [BudgetsShapes.Budget]) throws -> AWSMonthlyBudget? {
        let monthly = budgets.filter { $0.timeUnit == "MONTHLY" && $0.budgetType == "COST" }
            .sorted { ($0.isFiltered ? 1 : 0, $0.budgetName) < ($1.isFiltered ? 1 : 0, $1.budgetName) }
        guard let chosen = monthly.first else { return nil }
        return AWSMonthlyBudget(
            name: Sanitizer.clean(chosen.budgetName),
            limit: try chosen.budgetLimit.map(money), actual: try chosen.calculatedSpend?.actualSpend.map(money),
            forecast: try chosen.calculatedSpend?.forecastedSpend.map(money)
        )
    }

    static func money(_ spend: BudgetsShapes.Spend) throws -> Money {
        guard let amount = CostExplorerBreakdown.parseAmount(spend.amount) else {
            throw CollectorError.malformedResponse("DescribeBudgets: an amount that is not a number")
        }
        return Money(amount, Sanitizer.clean(spend.unit))
    }
}
