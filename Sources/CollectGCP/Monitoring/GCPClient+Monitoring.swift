import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Cloud Monitoring reads.
extension GCPClient {
    /// Cloud Monitoring's read price since 2 October 2025: $0.50 per million time series
    /// returned (the first million a month per billing account is free; not counted here).
    public static func monitoringPrice(series: Int) -> Decimal {
        Decimal(series) / 2_000_000
    }

    /// One `projects.timeSeries.list` query over `[start, end)`, every page.
    ///
    /// The price of a call is set before it is sent, but Monitoring bills for the series it
    /// returns: the first page is priced at `expectedSeries` (the caller's count from the
    /// previous round of the same query), later pages at nothing. The true count is in the result.
    public func listTimeSeries(
        project: String, query: MonitoringQuery, start: Date, end: Date, expectedSeries: Int, transport: any Transport
    ) async throws -> MonitoringResult {
        let call = GCPAPI.monitoringTimeSeries.name
        var result = MonitoringResult()
        var pages = GCPPageTokens(call: call)
        repeat {
            guard let url = GCPEndpoints.url(
                endpoints.monitoring, path: "/v3/projects/\(GCPEndpoints.encode(project))/timeSeries",
                query: query.queryItems(start: start, end: end, pageToken: pages.next)
            ) else {
                throw CollectorError.misconfigured("monitoring endpoint \(Sanitizer.clean(endpoints.monitoring)) is not a valid URL")
            }
            let price = result.pages == 0 ? Self.monitoringPrice(series: expectedSeries) : 0
            let body = try await get(url, api: .monitoringTimeSeries, price: price, transport: transport)
            let page = try GCPJSON.decode(MonitoringShapes.ListTimeSeriesResponse.self, from: body, call: call)
            result.pages += 1
            result.seriesCount += page.timeSeries?.count ?? 0
            result.series += (page.timeSeries ?? []).map(MonitoringSeries.init)
            for error in page.executionErrors ?? [] {
                result.warnings.append(Sanitizer.clean(error.message ?? "execution error \(error.code ?? 0)"))
            }
            if let unreachable = page.unreachable, !unreachable.isEmpty {
                result.warnings.append("unreachable: \(Sanitizer.clean(unreachable.joined(separator: ", ")))")
            }
            try pages.advance(page.nextPageToken)
        } while pages.next != nil
        return result
    }
}
