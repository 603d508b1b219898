import BurnwatchCollect
import CollectAWS
import Foundation
import Testing

extension MotoIntegrationTests {
    /// Cost Explorer (answers queued through `/moto-api/static/ce/cost-and-usage-results`) and Budgets.
    @Suite struct MotoCostTests {
        struct CostAndUsage: Decodable {
            struct Amount: Decodable {
                var Amount: String
                var Unit: String
            }
            struct Group: Decodable {
                var Keys: [String]
                var Metrics: [String: Amount]
            }
            struct Period: Decodable {
                var TimePeriod: [String: String]
                var Groups: [Group]
                var Estimated: Bool
            }
            var ResultsByTime: [Period]
            var GroupDefinitions: [[String: String]]?
        }

        struct Budgets: Decodable {
            struct Spend: Decodable {
                var Amount: String
                var Unit: String
            }
            struct Budget: Decodable {
                var BudgetName: String
                var BudgetLimit: Spend
                var TimeUnit: String
                var BudgetType: String
                var CalculatedSpend: [String: Spend]?
            }
            var Budgets: [Budget]
            var NextToken: String?
        }

        func costAndUsage(groupBy: [String: String], moto: MotoHarness) async throws -> CostAndUsage {
            let request: [String: Any] = [
                "TimePeriod": moto.seed.costExplorer.timePeriod, "Granularity": "DAILY",
                "Metrics": [moto.seed.costExplorer.metric], "GroupBy": [groupBy],
            ]
            let answer = try await moto.client().json(
                .costExplorer, region: "eu-west-1", operation: "GetCostAndUsage", body: MotoIntegrationTests.body(request),
                transport: moto.transport
            )
            return try AWSJSON.decode(CostAndUsage.self, from: answer, operation: "GetCostAndUsage")
        }

        /// Month-to-date totals per group key, summed over the daily periods.
        func totals(_ answer: CostAndUsage, metric: String) -> [String: Decimal] {
            var totals: [String: Decimal] = [:]
            for period in answer.ResultsByTime {
                for group in period.Groups {
                    let amount = group.Metrics[metric].flatMap { Decimal(string: $0.Amount) } ?? .nan
                    totals[group.Keys.joined(separator: "|"), default: 0] += amount
                }
            }
            return totals
        }

        // The one test that reads Cost Explorer: moto binds its queued answers to the first
        // distinct request bodies it sees, so a second reader would take the queue out of order.
        @Test func costAndUsageServesTheQueuedGroupingsInOrderAndRepeatsThem() async throws {
            let moto = try #require(MotoHarness.current)
            let seeded = moto.seed.costExplorer
            try #require(seeded.queue.count == 2)
            let metric = seeded.metric
            let byTag = try await costAndUsage(groupBy: ["Type": "TAG", "Key": "burnwatch:endpoint"], moto: moto)
            #expect(byTag.ResultsByTime.count == seeded.days)
            #expect(byTag.ResultsByTime.last?.Estimated == true)
            #expect(byTag.ResultsByTime.first?.TimePeriod["Start"] == seeded.timePeriod["Start"])
            #expect(totals(byTag, metric: metric) == seeded.queue[0].monthToDate.mapValues { Decimal(string: $0) ?? -1 })
            // By hand: llm-prod costs 120.00 a day and the untagged rest 41.75 a day.
            #expect(seeded.queue[0].daily["burnwatch:endpoint$llm-prod"] == "120.00")
            #expect(totals(byTag, metric: metric)["burnwatch:endpoint$llm-prod"] == Decimal(120 * seeded.days))
            #expect(totals(byTag, metric: metric)["burnwatch:endpoint$"] == Decimal(4175 * seeded.days) / 100)

            let byService = try await costAndUsage(groupBy: ["Type": "DIMENSION", "Key": "SERVICE"], moto: moto)
            #expect(totals(byService, metric: metric) == seeded.queue[1].monthToDate.mapValues { Decimal(string: $0) ?? -1 })
            #expect(Set(totals(byService, metric: metric).keys) == ["Amazon SageMaker", "Amazon Bedrock", "AmazonCloudWatch"])
            // Both groupings split the same daily spend.
            #expect(totals(byTag, metric: metric).values.reduce(0, +) == totals(byService, metric: metric).values.reduce(0, +))

            // The same body again gets the same answer (a dashboard polls with identical requests).
            let again = try await costAndUsage(groupBy: ["Type": "TAG", "Key": "burnwatch:endpoint"], moto: moto)
            #expect(totals(again, metric: metric) == totals(byTag, metric: metric))
        }

        @Test func costForecastIsNotImplementedByMotoAndFailsAsAServerError() async throws {
            let moto = try #require(MotoHarness.current)
            let error = try #require(await MotoIntegrationTests.collectorError {
                let request: [String: Any] = [
                    "TimePeriod": ["Start": "2026-01-15", "End": "2026-02-01"], "Metric": "UNBLENDED_COST", "Granularity": "MONTHLY",
                ]
                return try await moto.client().json(
                    .costExplorer, region: "us-east-1", operation: "GetCostForecast", body: MotoIntegrationTests.body(request),
                    transport: moto.transport
                )
            })
            #expect(error.kind == "server error 500")
            #expect(error.detail == "ce:GetCostForecast: HTTP500")
        }

        @Test func describeBudgetsReturnsTheSeededLimitAndCalculatedSpend() async throws {
            let moto = try #require(MotoHarness.current)
            let answer = try await moto.client().json(
                .budgets, region: "ap-southeast-2", operation: "DescribeBudgets",
                body: MotoIntegrationTests.body(["AccountId": moto.seed.accountId, "MaxResults": 100]), transport: moto.transport
            )
            let budgets = try AWSJSON.decode(Budgets.self, from: answer, operation: "DescribeBudgets")
            let seeded = try #require(moto.seed.budgets.first)
            #expect(budgets.Budgets.count == 1)
            #expect(budgets.NextToken == nil)
            let budget = try #require(budgets.Budgets.first)
            #expect(budget.BudgetName == seeded.name)
            #expect(budget.TimeUnit == "MONTHLY")
            #expect(budget.BudgetType == "COST")
            #expect(Decimal(string: budget.BudgetLimit.Amount) == Decimal(9000))
            #expect(budget.BudgetLimit.Amount == seeded.limit)
            #expect(budget.BudgetLimit.Unit == "USD")
            #expect(budget.CalculatedSpend?["ActualSpend"]?.Amount == seeded.actualSpend)
            #expect(budget.CalculatedSpend?["ForecastedSpend"]?.Amount == seeded.forecastedSpend)
            // By hand: 258.50 a day across the services, so far this month.
            #expect(Decimal(string: seeded.actualSpend) == Decimal(25850 * moto.seed.costExplorer.days) / 100)
        }
    }
}
