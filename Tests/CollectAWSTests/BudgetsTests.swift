import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct BudgetsTests {
    static let page1 = """
        {"Budgets":[
          {"BudgetName":"sagemaker-only","BudgetLimit":{"Amount":"500.0","Unit":"USD"},"TimeUnit":"MONTHLY","BudgetType":"COST",
           "CostFilters":{"Service":["Amazon SageMaker"]},
           "CalculatedSpend":{"ActualSpend":{"Amount":"210.5","Unit":"USD"},"ForecastedSpend":{"Amount":"480.0","Unit":"USD"}},
           "TimePeriod":{"Start":1748736000,"End":3706473600},"LastUpdatedTime":1749900000.25},
          {"BudgetName":"usage-hours","BudgetLimit":{"Amount":"100","Unit":"Hrs"},"TimeUnit":"MONTHLY","BudgetType":"USAGE"}],
         "NextToken":"n2"}
        """
    static let page2 = """
        {"Budgets":[
          {"BudgetName":"quarterly","BudgetLimit":{"Amount":"9000","Unit":"USD"},"TimeUnit":"QUARTERLY","BudgetType":"COST"},
          {"BudgetName":"account-monthly","BudgetLimit":{"Amount":"2000.00","Unit":"USD"},"TimeUnit":"MONTHLY","BudgetType":"COST",
           "CalculatedSpend":{"ActualSpend":{"Amount":"812.25","Unit":"USD"},"ForecastedSpend":{"Amount":"1650.40","Unit":"USD"}}}]}
        """

    @Test func describesEveryPageAndPicksTheAccountWideMonthlyCostBudget() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.operation == "DescribeBudgets")
            #expect(call.json["AccountId"] as? String == "123456789012")
            return AWSFixtures.ok(call.json["NextToken"] as? String == "n2" ? Self.page2 : Self.page1)
        }
        let budgets = try await AWSFixtures.client().describeBudgets(accountID: "123456789012", transport: transport)
        try #require(budgets.map(\.budgetName) == ["sagemaker-only", "usage-hours", "quarterly", "account-monthly"])
        #expect(transport.requests.first?.url.host == "budgets.amazonaws.com")
        #expect(transport.requests.first?.headers.contains { $0.name == "Authorization" && $0.value.contains("/us-east-1/budgets/aws4_request") } == true)
        #expect(budgets[0].isFiltered)
        #expect(!budgets[3].isFiltered)
        let chosen = try #require(try AWSMonthlyBudget.pick(from: budgets))
        #expect(chosen.name == "account-monthly")
        #expect(chosen.limit == Money(Decimal(string: "2000.00")!, "USD"))
        #expect(chosen.actual == Money(Decimal(string: "812.25")!, "USD"))
        #expect(chosen.forecast == Money(Decimal(string: "1650.40")!, "USD"))
    }

    @Test func aFilteredBudgetIsUsedWhenItIsTheOnlyMonthlyCostOne() throws {
        let page = try AWSJSON.decode(BudgetsShapes.DescribeBudgetsResponse.self, from: Array(Self.page1.utf8), operation: "t")
        let chosen = try #require(try AWSMonthlyBudget.pick(from: page.budgets ?? []))
        #expect(chosen.name == "sagemaker-only")
        #expect(try AWSMonthlyBudget.pick(from: []) == nil)
    }

    @Test func accessDeniedHintNamesTheAction() async throws {
        let transport = FakeAWSTransport { _ in AWSFixtures.error(400, type: "AccessDeniedException", message: "not authorized") }
        do {
            _ = try await AWSFixtures.client().describeBudgets(accountID: "123456789012", transport: transport)
            Issue.record("accepted")
        } catch let error as CollectorError {
            #expect(error.hint == "grant IAM action budgets:ViewBudget (read-only) to the identity in use")
        }
    }
}
