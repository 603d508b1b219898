import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Cost Explorer calls. Each request, page or not, costs $0.01.
extension AWSClient {
    public static let costExplorerRequestPrice = Decimal(1) / 100

    /// Daily `UnblendedCost` over `period`, grouped as asked, every page. Returns the pages.
    public func getCostAndUsage(
        period: CostExplorerShapes.DateInterval, groupBy: [CostExplorerShapes.GroupDefinition], metric: String = "UnblendedCost",
        transport: any Transport
    ) async throws -> [CostExplorerShapes.GetCostAndUsageResponse] {
        var pages: [CostExplorerShapes.GetCostAndUsageResponse] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            let request = CostExplorerShapes.GetCostAndUsageRequest(
                timePeriod: period, granularity: "DAILY", metrics: [metric], groupBy: groupBy.isEmpty ? nil : groupBy, nextPageToken: token
            )
            let answer = try await json(
                .costExplorer, region: "us-east-1", operation: "GetCostAndUsage", body: try AWSJSON.encode(request),
                price: Self.costExplorerRequestPrice, transport: transport
            )
            let page = try AWSJSON.decode(CostExplorerShapes.GetCostAndUsageResponse.self, from: answer, operation: "GetCostAndUsage")
            pages.append(page)
            token = try Self.nextPageToken(page.nextPageToken, seen: &seenTokens, operation: "GetCostAndUsage")
        } while token != nil
        return pages
    }

    /// The forecast `UNBLENDED_COST` over `period` (today → the 1st of next month), as one amount.
    public func getCostForecast(
        period: CostExplorerShapes.DateInterval, metric: String = "UNBLENDED_COST", transport: any Transport
    ) async throws -> Money {
        let request = CostExplorerShapes.GetCostForecastRequest(timePeriod: period, metric: metric, granularity: "MONTHLY")
        let answer = try await json(
            .costExplorer, region: "us-east-1", operation: "GetCostForecast", body: try AWSJSON.encode(request),
            price: Self.costExplorerRequestPrice, transport: transport
        )
        let response = try AWSJSON.decode(CostExplorerShapes.GetCostForecastResponse.self, from: answer, operation: "GetCostForecast")
        if let total = response.total {
            return try CostExplorerBreakdown.money(total, operation: "GetCostForecast")
        }
        // No Total: add up the periods' means (all in the account's one currency).
        var sum = Decimal(0)
        for result in response.forecastResultsByTime ?? [] {
            guard let text = result.meanValue, let value = CostExplorerBreakdown.parseAmount(text) else {
                throw CollectorError.malformedResponse("GetCostForecast: a MeanValue that is not a number")
            }
            sum += value
        }
        guard !(response.forecastResultsByTime ?? []).isEmpty else {
            throw CollectorError.malformedResponse("GetCostForecast: neither Total nor ForecastResultsByTime")
        }
        return Money(sum, "USD")
    }
}
