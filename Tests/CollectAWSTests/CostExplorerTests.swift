import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct CostExplorerTests {
    @Test func midMonthPeriods() {
        let period = CostExplorerPeriod(now: AWSFixtures.date("2025-06-15T12:00:00Z"))
        #expect(period.usage == .init(start: "2025-06-01", end: "2025-06-16"))
        #expect(period.forecast == .init(start: "2025-06-15", end: "2025-07-01"))
        #expect(period.today == AWSFixtures.date("2025-06-15T00:00:00Z"))
        #expect(period.month == BillingMonth(year: 2025, month: 6))
    }

    @Test func firstOfTheMonthNeverAsksForAnEmptyRange() {
        let period = CostExplorerPeriod(now: AWSFixtures.date("2025-07-01T00:00:00Z"))
        #expect(period.usage == .init(start: "2025-07-01", end: "2025-07-02"))
        #expect(period.usage.start < period.usage.end)
        #expect(period.forecast == .init(start: "2025-07-01", end: "2025-08-01"))
    }

    @Test func lastDayOfTheMonthEndsAtTheFirstAndSkipsTheForecast() {
        let period = CostExplorerPeriod(now: AWSFixtures.date("2025-06-30T23:59:59Z"))
        #expect(period.usage == .init(start: "2025-06-01", end: "2025-07-01"))
        #expect(period.forecast == nil)
        let december = CostExplorerPeriod(now: AWSFixtures.date("2025-12-31T08:00:00Z"))
        #expect(december.usage == .init(start: "2025-12-01", end: "2026-01-01"))
        #expect(december.forecast == nil)
    }

    @Test func leapFebruary() {
        let twentyEighth = CostExplorerPeriod(now: AWSFixtures.date("2024-02-28T10:00:00Z"))
        #expect(twentyEighth.usage == .init(start: "2024-02-01", end: "2024-02-29"))
        #expect(twentyEighth.forecast == .init(start: "2024-02-28", end: "2024-03-01"))
        let twentyNinth = CostExplorerPeriod(now: AWSFixtures.date("2024-02-29T10:00:00Z"))
        #expect(twentyNinth.usage == .init(start: "2024-02-01", end: "2024-03-01"))
        #expect(twentyNinth.forecast == nil)
        // Not a leap year: the 28th is the last day.
        let plain = CostExplorerPeriod(now: AWSFixtures.date("2025-02-28T10:00:00Z"))
        #expect(plain.usage == .init(start: "2025-02-01", end: "2025-03-01"))
        #expect(plain.forecast == nil)
    }

    @Test func dayStringsRoundTrip() {
        #expect(CostExplorerPeriod.day(AWSFixtures.date("2000-02-29T23:00:00Z")) == "2000-02-29")
        #expect(CostExplorerPeriod.date("2000-03-01") == AWSFixtures.date("2000-03-01T00:00:00Z"))
        #expect(CostExplorerPeriod.date("2025-06-01T00:00:00Z") == AWSFixtures.date("2025-06-01T00:00:00Z"))
        #expect(CostExplorerPeriod.date("2025-13-01") == nil)
        #expect(CostExplorerPeriod.date("junk") == nil)
    }

    @Test func amountsParseExactly() {
        #expect(CostExplorerBreakdown.parseAmount("123.4567") == Decimal(string: "123.4567"))
        #expect(CostExplorerBreakdown.parseAmount("0.1") == Decimal(string: "0.1"))
        #expect(CostExplorerBreakdown.parseAmount("1.2E-7") == Decimal(string: "0.00000012"))
        #expect(CostExplorerBreakdown.parseAmount("-3e2") == Decimal(-300))
        #expect(CostExplorerBreakdown.parseAmount("12abc") == nil)
        #expect(CostExplorerBreakdown.parseAmount("") == nil)
        #expect(CostExplorerBreakdown.parseAmount("1E") == nil)
    }

    static let groupedPage = """
        {"GroupDefinitions":[{"Type":"TAG","Key":"burnwatch:endpoint"},{"Type":"DIMENSION","Key":"SERVICE"}],
         "ResultsByTime":[
           {"TimePeriod":{"Start":"2025-06-14","End":"2025-06-15"},"Total":{},"Estimated":true,
            "Groups":[{"Keys":["burnwatch:endpoint$llm-prod","Amazon SageMaker"],"Metrics":{"UnblendedCost":{"Amount":"36.36","Unit":"USD"}}},
                      {"Keys":["burnwatch:endpoint$","Amazon Simple Storage Service"],"Metrics":{"UnblendedCost":{"Amount":"1.10","Unit":"USD"}}}]},
           {"TimePeriod":{"Start":"2025-06-15","End":"2025-06-16"},"Total":{},"Estimated":true,
            "Groups":[{"Keys":["burnwatch:endpoint$llm-prod","Amazon SageMaker"],"Metrics":{"UnblendedCost":{"Amount":"18.18","Unit":"USD"}}}]}],
         "DimensionValueAttributes":[]}
        """

    @Test func groupKeysBecomeTagValuesAndServices() throws {
        let page = try AWSJSON.decode(CostExplorerShapes.GetCostAndUsageResponse.self, from: Array(Self.groupedPage.utf8), operation: "t")
        let breakdown = try CostExplorerBreakdown(pages: [page], requested: [], metric: "UnblendedCost")
        try #require(breakdown.entries.count == 3)
        #expect(breakdown.tagValues == ["llm-prod"])
        #expect(breakdown.entries[1].tagValue == nil)
        #expect(breakdown.entries[1].service == "Amazon Simple Storage Service")
        #expect(breakdown.entries[0].estimated)
        #expect(breakdown.currencies == ["USD"])
        let june14 = AWSFixtures.date("2025-06-14T00:00:00Z")
        let june16 = AWSFixtures.date("2025-06-16T00:00:00Z")
        #expect(breakdown.total(currency: "USD", from: june14, before: june16) == Money(Decimal(string: "55.64")!, "USD"))
        #expect(breakdown.total(currency: "USD", from: june14, before: june16, where: { $0.tagValue == "llm-prod" }) == Money(Decimal(string: "54.54")!, "USD"))
        #expect(breakdown.daily(currency: "USD", from: AWSFixtures.date("2025-06-13T00:00:00Z"), before: june16)
            == [Money(0, "USD"), Money(Decimal(string: "37.46")!, "USD"), Money(Decimal(string: "18.18")!, "USD")])
        #expect(breakdown.byService(currency: "USD").map(\.service) == ["Amazon SageMaker", "Amazon Simple Storage Service"])
    }

    @Test func getCostAndUsageSendsTheMonthToDateQueryAndFollowsPages() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.operation == "GetCostAndUsage")
            if call.json["NextPageToken"] == nil {
                return AWSFixtures.ok(#"{"ResultsByTime":[],"NextPageToken":"p2"}"#)
            }
            return AWSFixtures.ok(Self.groupedPage)
        }
        let period = CostExplorerPeriod(now: AWSFixtures.date("2025-06-15T12:00:00Z"))
        let groups: [CostExplorerShapes.GroupDefinition] = [.init(type: "TAG", key: "burnwatch:endpoint"), .init(type: "DIMENSION", key: "SERVICE")]
        let pages = try await AWSFixtures.client().getCostAndUsage(period: period.usage, groupBy: groups, transport: transport)
        #expect(pages.count == 2)
        let first = try #require(transport.calls("GetCostAndUsage").first)
        #expect(first.host == "ce.us-east-1.amazonaws.com")
        #expect(first.request.headers.contains { $0.name == "Authorization" && $0.value.contains("/us-east-1/ce/aws4_request") })
        #expect(first.json["TimePeriod"] as? [String: String] == ["Start": "2025-06-01", "End": "2025-06-16"])
        #expect(first.json["Granularity"] as? String == "DAILY")
        #expect(first.json["Metrics"] as? [String] == ["UnblendedCost"])
        #expect(first.json["GroupBy"] as? [[String: String]] == [["Type": "TAG", "Key": "burnwatch:endpoint"], ["Type": "DIMENSION", "Key": "SERVICE"]])
        // Every request, page or not, is priced at $0.01.
        #expect(transport.requests.map(\.estimatedPrice) == [Decimal(1) / 100, Decimal(1) / 100])
    }

    @Test func forecastReadsTheTotal() async throws {
        let transport = FakeAWSTransport { call in
            #expect(call.operation == "GetCostForecast")
            #expect(call.json["Metric"] as? String == "UNBLENDED_COST")
            #expect(call.json["TimePeriod"] as? [String: String] == ["Start": "2025-06-15", "End": "2025-07-01"])
            return AWSFixtures.ok("""
                {"Total":{"Amount":"912.3456","Unit":"USD"},
                 "ForecastResultsByTime":[{"TimePeriod":{"Start":"2025-06-15","End":"2025-07-01"},"MeanValue":"912.3456"}]}
                """)
        }
        let period = CostExplorerPeriod(now: AWSFixtures.date("2025-06-15T12:00:00Z"))
        let forecast = try await AWSFixtures.client().getCostForecast(period: try #require(period.forecast), transport: transport)
        #expect(forecast == Money(Decimal(string: "912.3456")!, "USD"))
        #expect(transport.requests.first?.estimatedPrice == Decimal(1) / 100)
    }

    @Test func limitExceededIsAThrottle() async throws {
        let transport = FakeAWSTransport { _ in AWSFixtures.error(400, type: "LimitExceededException", message: "You made too many calls") }
        let period = CostExplorerPeriod(now: AWSFixtures.start)
        do {
            _ = try await AWSFixtures.client().getCostAndUsage(period: period.usage, groupBy: [], transport: transport)
            Issue.record("accepted")
        } catch let error as CollectorError {
            #expect(error.isThrottle)
        }
    }

    @Test func anAmountThatIsNotANumberIsMalformed() throws {
        let page = try AWSJSON.decode(CostExplorerShapes.GetCostAndUsageResponse.self, from: Array("""
            {"ResultsByTime":[{"TimePeriod":{"Start":"2025-06-14","End":"2025-06-15"},
              "Groups":[{"Keys":["t$a","S"],"Metrics":{"UnblendedCost":{"Amount":"lots","Unit":"USD"}}}]}]}
            """.utf8), operation: "t")
        #expect(throws: CollectorError.self) { _ = try CostExplorerBreakdown(pages: [page], requested: [], metric: "UnblendedCost") }
    }
}
