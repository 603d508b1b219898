import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

private func amount(_ value: AWSJSONValue?) -> Decimal? {
    value?["Amount"]?.stringValue.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
}

private func close(_ lhs: Decimal?, _ rhs: Decimal?) -> Bool {
    guard let lhs, let rhs else { return false }
    return abs(NSDecimalNumber(decimal: lhs - rhs).doubleValue) < 0.01
}

@Suite struct AWSCostTests {
    /// 14:30 UTC on 16 June 2025.
    static let start = utc("2025-06-16T14:00:00Z")

    private func accountRecord(_ model: FleetModel, at now: Date) throws -> CostRecord {
        try #require(model.costRecords(cloud: .aws, at: now).first { $0.scope == .account(AccountID(cloud: .aws, account: "123456789012")) })
    }

    @Test func monthToDateCostIsTheSettledSpendOfTheInProcessCollector() async throws {
        try await withDemoAWS(start: Self.start) { client, model, clock in
            let answer = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-01", "End": "2025-06-17"], "Granularity": "MONTHLY", "Metrics": ["UnblendedCost"],
            ])
            #expect(answer.status == 200)
            let result = try #require(answer.json?["ResultsByTime"]?.arrayValue?.first)
            let record = try accountRecord(model, at: clock.now())
            #expect(close(amount(result["Total"]?["UnblendedCost"]), record.billedToDate.amount))
            #expect(record.billedToDate.amount > 1000)  // half a month of a GPU fleet
            #expect(result["Total"]?["UnblendedCost"]?["Unit"]?.stringValue == "USD")
            #expect(result["Estimated"]?.boolValue == true)
            #expect(result["TimePeriod"]?["Start"]?.stringValue == "2025-06-01")
        }
    }

    @Test func groupingByTheCostTagGivesEachEndpointsSpend() async throws {
        try await withDemoAWS(start: Self.start) { client, model, clock in
            let answer = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-01", "End": "2025-06-17"], "Granularity": "DAILY", "Metrics": ["UnblendedCost"],
                "GroupBy": [["Type": "TAG", "Key": "burnwatch:endpoint"]],
            ])
            let days = try #require(answer.json?["ResultsByTime"]?.arrayValue)
            #expect(days.count == 16)
            #expect(days.first?["Total"] == [:])
            var byKey: [String: Decimal] = [:]
            for day in days {
                for group in day["Groups"]?.arrayValue ?? [] {
                    let key = group["Keys"]?.arrayValue?.first?.stringValue ?? "?"
                    byKey[key, default: 0] += amount(group["Metrics"]?["UnblendedCost"]) ?? 0
                }
            }
            let records = model.costRecords(cloud: .aws, at: clock.now())
            for record in records {
                guard case .endpoint(let id) = record.scope else { continue }
                #expect(close(byKey["burnwatch:endpoint$\(id.name)"], record.billedToDate.amount), "\(id.name)")
            }
            #expect(answer.json?["GroupDefinitions"]?.arrayValue?.first?["Key"]?.stringValue == "burnwatch:endpoint")
        }
    }

    @Test func groupingByServiceNamesSageMakerAndBedrock() async throws {
        try await withDemoAWS(start: Self.start) { client, _, _ in
            let answer = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-15", "End": "2025-06-16"], "Granularity": "DAILY", "Metrics": ["UnblendedCost", "BlendedCost"],
                "GroupBy": [["Type": "DIMENSION", "Key": "SERVICE"]],
            ])
            let groups = answer.json?["ResultsByTime"]?.arrayValue?.first?["Groups"]?.arrayValue ?? []
            #expect(groups.compactMap { $0["Keys"]?.arrayValue?.first?.stringValue } == ["Amazon Bedrock", "Amazon SageMaker"])
            #expect(groups.allSatisfy { $0["Metrics"]?["BlendedCost"]?["Amount"]?.stringValue != nil })

            let filtered = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-15", "End": "2025-06-16"], "Granularity": "DAILY", "Metrics": ["UnblendedCost"],
                "Filter": ["Dimensions": ["Key": "SERVICE", "Values": ["Amazon Bedrock"]]],
            ])
            let bedrock = groups.first { $0["Keys"]?.arrayValue?.first == "Amazon Bedrock" }
            #expect(amount(filtered.json?["ResultsByTime"]?.arrayValue?.first?["Total"]?["UnblendedCost"]) == amount(bedrock?["Metrics"]?["UnblendedCost"]))
        }
    }

    @Test func timePeriodsAreValidatedAsCostExplorerDoes() async throws {
        try await withDemoAWS(start: Self.start) { client, _, _ in
            func ask(_ start: String, _ end: String) async throws -> AWSTestClient.Answer {
                try await client.costExplorer("GetCostAndUsage", [
                    "TimePeriod": ["Start": .string(start), "End": .string(end)], "Granularity": "DAILY", "Metrics": ["UnblendedCost"],
                ])
            }
            let empty = try await ask("2025-06-16", "2025-06-16")
            #expect(empty.status == 400)
            #expect(empty.errorType == "ValidationException")
            #expect(empty.header("x-amzn-ErrorType") == "ValidationException")
            #expect(empty.message == "Start date (and hour) should be before end date (and hour)")
            let tooFar = try await ask("2025-06-01", "2025-07-02")
            #expect(tooFar.status == 400)
            #expect(tooFar.message == "end date past the beginning of next month")
            #expect(try await ask("2025-06-01", "2025-07-01").status == 200)
            #expect(try await ask("2025-6-01", "2025-07-01").status == 400)
            let noMetrics = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-01", "End": "2025-06-02"], "Granularity": "DAILY",
            ])
            #expect(noMetrics.status == 400)
        }
    }

    @Test func theForecastCompletesTheMonthAsTheInProcessCollectorDoes() async throws {
        try await withDemoAWS(start: Self.start) { client, model, clock in
            let actual = try await client.costExplorer("GetCostAndUsage", [
                "TimePeriod": ["Start": "2025-06-01", "End": "2025-06-17"], "Granularity": "MONTHLY", "Metrics": ["UnblendedCost"],
            ])
            let forecast = try await client.costExplorer("GetCostForecast", [
                "TimePeriod": ["Start": "2025-06-16", "End": "2025-07-01"], "Metric": "UNBLENDED_COST", "Granularity": "DAILY",
                "PredictionIntervalLevel": 80,
            ])
            #expect(forecast.status == 200)
            let mtd = try #require(amount(actual.json?["ResultsByTime"]?.arrayValue?.first?["Total"]?["UnblendedCost"]))
            let rest = try #require(amount(forecast.json?["Total"]))
            let record = try accountRecord(model, at: clock.now())
            #expect(close(mtd + rest, record.providerForecast?.amount))
            let days = forecast.json?["ForecastResultsByTime"]?.arrayValue ?? []
            #expect(days.count == 15)
            #expect(days.allSatisfy { $0["PredictionIntervalLowerBound"] != nil && $0["MeanValue"] != nil })

            let backwards = try await client.costExplorer("GetCostForecast", [
                "TimePeriod": ["Start": "2025-07-01", "End": "2025-06-16"], "Metric": "UNBLENDED_COST", "Granularity": "MONTHLY",
            ])
            #expect(backwards.message == "Requested Start: 2025-07-01 must be before requested End: 2025-06-16")
        }
    }

    @Test func budgetsReportActualAndForecastForTheCallersAccount() async throws {
        try await withDemoAWS(start: Self.start) { client, model, clock in
            let answer = try await client.budgets(["AccountId": "123456789012"])
            let budget = try #require(answer.json?["Budgets"]?.arrayValue?.first)
            let record = try accountRecord(model, at: clock.now())
            #expect(budget["TimeUnit"]?.stringValue == "MONTHLY")
            #expect(budget["BudgetType"]?.stringValue == "COST")
            #expect(amount(budget["BudgetLimit"]) == 80_000)
            #expect(amount(budget["CalculatedSpend"]?["ActualSpend"]) == record.billedToDate.amount)
            #expect(amount(budget["CalculatedSpend"]?["ForecastedSpend"]) == record.providerForecast?.amount)

            let other = try await client.budgets(["AccountId": "210987654321"])
            #expect(other.status == 400)
            #expect(other.errorType == "AccessDeniedException")
            let malformed = try await client.budgets(["AccountId": "1234"])
            #expect(malformed.errorType == "InvalidParameterException")
        }
    }
}
