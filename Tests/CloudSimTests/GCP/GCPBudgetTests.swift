import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct GCPBudgetTests {
    static let path = "/v1/billingAccounts/\(SimulatedGCPOptions.defaultBillingAccount)/budgets"

    @Test func theProjectHasOneMonthlyBudgetWithItsAmount() async throws {
        try await withDemoGCP { client, model, _ in
            let answer = try await client.get(Self.path)
            #expect(answer.status == 200)
            let budgets = try #require(answer.json?["budgets"]?.arrayValue)
            #expect(budgets.count == 1)
            let budget = budgets[0]
            #expect(budget["name"]?.stringValue?.hasPrefix("billingAccounts/\(SimulatedGCPOptions.defaultBillingAccount)/budgets/") == true)
            // The demo GCP project's budget is 140,000 USD.
            #expect(budget["amount"]?["specifiedAmount"] == ["currencyCode": "USD", "units": "140000"])
            #expect(budget["budgetFilter"]?["calendarPeriod"] == "MONTH")
            let number = GCPFleetView(model: model).projectNumber("ml-prod-123")
            #expect(budget["budgetFilter"]?["projects"] == .array([.string("projects/\(number)")]))
            #expect(budget["thresholdRules"]?.arrayValue?.count == 4)
            // It carries no spend: the Budget API has none.
            #expect(budget["currentSpend"] == nil && budget["costAmount"] == nil)
            #expect(answer.json?["nextPageToken"] == nil)
        }
    }

    @Test func moneyUnitsAreStringsAndNanosCarryTheFraction() {
        #expect(BillingBudgetService.money(Money(Decimal(string: "1234.5")!, "EUR")) == ["currencyCode": "EUR", "units": "1234", "nanos": 500_000_000])
        #expect(BillingBudgetService.money(Money(100, "USD")) == ["currencyCode": "USD", "units": "100"])
    }

    @Test func otherBillingAccountsAndScopesSeeNothing() async throws {
        try await withDemoGCP { client, _, _ in
            let token = try await client.accessToken()
            let other = try await client.get("/v1/billingAccounts/000000-000000-000000/budgets", token: token)
            #expect(other.status == 403 && other.errorStatus == "PERMISSION_DENIED")
            let scoped = try await client.get(Self.path, [("scope", "projects/ml-prod-123")], token: token)
            #expect(scoped.json?["budgets"]?.arrayValue?.count == 1)
            let elsewhere = try await client.get(Self.path, [("scope", "projects/another")], token: token)
            #expect(elsewhere.status == 200 && elsewhere.json == .object([]))
        }
    }
}
