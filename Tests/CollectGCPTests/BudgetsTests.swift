import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectGCP

@Suite struct BudgetsTests {
    static let page = """
        {"budgets":[
          {"name":"billingAccounts/012345-6789AB-CDEF01/budgets/all","displayName":"everything",
           "amount":{"specifiedAmount":{"currencyCode":"USD","units":"90000"}}},
          {"name":"billingAccounts/012345-6789AB-CDEF01/budgets/ml","displayName":"ml projects",
           "budgetFilter":{"projects":["projects/111","projects/222"],"calendarPeriod":"MONTH"},
           "amount":{"specifiedAmount":{"currencyCode":"USD","units":"12000"}}},
          {"name":"billingAccounts/012345-6789AB-CDEF01/budgets/prod","displayName":"ml-prod",
           "budgetFilter":{"projects":["projects/111"]},
           "amount":{"specifiedAmount":{"currencyCode":"USD","units":"5000","nanos":750000000}},
           "thresholdRules":[{"thresholdPercent":1.5},{"thresholdPercent":0.5},{"thresholdPercent":1.0,"spendBasis":"FORECASTED_SPEND"}]},
          {"name":"billingAccounts/012345-6789AB-CDEF01/budgets/q","displayName":"quarterly",
           "budgetFilter":{"projects":["projects/111"],"calendarPeriod":"QUARTER"},
           "amount":{"specifiedAmount":{"currencyCode":"USD","units":"1"}}},
          {"name":"billingAccounts/012345-6789AB-CDEF01/budgets/last","displayName":"as last month",
           "budgetFilter":{"projects":["projects/ml-prod"]},"amount":{"lastPeriodAmount":{}}}]}
        """

    @Test func moneyIsUnitsPlusNanos() throws {
        let money = try JSONDecoder().decode(BudgetsShapes.Money.self, from: Data(#"{"currencyCode":"EUR","units":"1234","nanos":560000000}"#.utf8))
        #expect(money.amount == Decimal(string: "1234.56"))
        let negative = try JSONDecoder().decode(BudgetsShapes.Money.self, from: Data(#"{"currencyCode":"USD","units":"-1","nanos":-750000000}"#.utf8))
        #expect(negative.amount == Decimal(string: "-1.75"))
        let nanosOnly = try JSONDecoder().decode(BudgetsShapes.Money.self, from: Data(#"{"currencyCode":"USD","nanos":5}"#.utf8))
        #expect(nanosOnly.amount == Decimal(string: "0.000000005"))
    }

    @Test func theBudgetNamingTheProjectMostSpecificallyWins() async throws {
        let transport = FakeGCPTransport { _ in GCPFixtures.ok(Self.page) }
        let budgets = try await GCPFixtures.client().listBudgets(billingAccount: "012345-6789AB-CDEF01", transport: transport)
        #expect(transport.requests.first?.url.absoluteString == "https://billingbudgets.googleapis.com/v1/billingAccounts/012345-6789AB-CDEF01/budgets?pageSize=100")
        var issues: [CollectIssue] = []
        let picked = try #require(GCPBudget.pick(from: budgets, project: "ml-prod", projectNumber: "111", issues: &issues))
        #expect(picked.name == "ml-prod")
        #expect(picked.amount == Money(Decimal(string: "5000.75")!, "USD"))
        #expect(picked.thresholds == [0.5, 1.5])
        #expect(issues.map(\.message) == [
            "budget quarterly is not monthly: not shown", "budget as last month follows last period's spend and states no amount: not shown",
        ])
        // Without the project number, only the budget naming the id applies, and it has no amount.
        var none: [CollectIssue] = []
        #expect(GCPBudget.pick(from: budgets, project: "ml-prod", projectNumber: nil, issues: &none) == nil)
        #expect(GCPBudget.pick(from: budgets, project: "other", projectNumber: "999", issues: &none) == nil)
    }
}
