import BurnwatchCollect
import BurnwatchCore
import Foundation

/// CloudWatch reads: which metrics exist, and their datapoints in batches.
extension AWSClient {
    /// `GetMetricData` takes at most this many queries per call.
    public static let getMetricDataBatchLimit = 500

    /// CloudWatch's list price: $0.01 per 1,000 metrics requested (no free tier for GetMetricData).
    public static func getMetricDataPrice(metrics: Int) -> Decimal {
        Decimal(metrics) / 100_000
    }

    /// Every metric of a namespace (and name), following `NextToken`. `ListMetrics` is free.
    public func listMetrics(
        namespace: String, metricName: String? = nil, dimensionNames: [String] = [], region: String, transport: any Transport
    ) async throws -> [CloudWatchShapes.Metric] {
        var metrics: [CloudWatchShapes.Metric] = []
        var token: String?
        var seenTokens: Set<String> = []
        let filters = dimensionNames.map { CloudWatchShapes.DimensionFilter(name: $0, value: nil) }
        repeat {
            let input = CloudWatchShapes.ListMetricsInput(
                namespace: namespace, metricName: metricName, dimensions: filters.isEmpty ? nil : filters, nextToken: token
            )
            let answer = try await json(.cloudWatch, region: region, operation: "ListMetrics", body: try AWSJSON.encode(input), transport: transport)
            let page = try AWSJSON.decode(CloudWatchShapes.ListMetricsOutput.self, from: answer, operation: "ListMetrics")
            metrics += page.metrics ?? []
            token = try Self.nextPageToken(page.nextToken, seen: &seenTokens, operation: "ListMetrics")
        } while token != nil
        return metrics
    }

    /// Reads `queries` over `[start, end)` in as few calls as the 500-query limit allows:
    /// ceil(n / 500) calls, plus one per extra page when CloudWatch paginates a call's datapoints.
    /// Pages are merged per query id. Each call (and page) is priced at $0.01 per 1,000 metrics.
    ///
    /// Ids must be valid and unique: a bad id is a programming error, reported as misconfigured
    /// before anything is sent.
    public func getMetricData(
        _ queries: [CloudWatchMetricQuery], start: Date, end: Date, region: String, transport: any Transport
    ) async throws -> CloudWatchMetricData {
        var ids: Set<String> = []
        for query in queries {
            guard CloudWatchMetricQuery.isValidID(query.id) else {
                throw CollectorError.misconfigured("GetMetricData: invalid query id \(Sanitizer.clean(query.id))")
            }
            guard ids.insert(query.id).inserted else {
                throw CollectorError.misconfigured("GetMetricData: duplicate query id \(query.id)")
            }
        }
        var data = CloudWatchMetricData()
        for batchStart in stride(from: 0, to: queries.count, by: Self.getMetricDataBatchLimit) {
            let batch = Array(queries[batchStart..<min(queries.count, batchStart + Self.getMetricDataBatchLimit)])
            try await getMetricDataBatch(batch, start: start, end: end, region: region, transport: transport, into: &data)
        }
        return data
    }

    private func getMetricDataBatch(
        _ batch: [CloudWatchMetricQuery], start: Date, end: Date, region: String, transport: any Transport,
        into data: inout CloudWatchMetricData
    ) async throws {
        var token: String?
        var seenTokens: Set<String> = []
        let price = Self.getMetricDataPrice(metrics: batch.count)
        repeat {
            let input = CloudWatchShapes.GetMetricDataInput(
                metricDataQueries: batch.map(\.wireQuery),
                startTime: Int(start.timeIntervalSince1970.rounded(.down)), endTime: Int(end.timeIntervalSince1970.rounded(.down)),
                nextToken: token, scanBy: "TimestampAscending"
            )
            let answer = try await json(
                .cloudWatch, region: region, operation: "GetMetricData", body: try AWSJSON.encode(input), price: price, transport: transport
            )
            data.calls += 1
            let page = try AWSJSON.decode(CloudWatchShapes.GetMetricDataOutput.self, from: answer, operation: "GetMetricData")
            data.messages += (page.messages ?? []).map(Self.messageText)
            for result in page.metricDataResults ?? [] {
                try Self.merge(result, into: &data.results)
            }
            token = try Self.nextPageToken(page.nextToken, seen: &seenTokens, operation: "GetMetricData")
        } while token != nil
    }

    static func merge(_ result: CloudWatchShapes.MetricDataResult, into results: inout [String: CloudWatchMetricResult]) throws {
        guard let id = result.id else { throw CollectorError.malformedResponse("GetMetricData: a result without an Id") }
        let timestamps = result.timestamps ?? []
        let values = result.values ?? []
        guard timestamps.count == values.count else {
            throw CollectorError.malformedResponse("GetMetricData: \(timestamps.count) timestamps but \(values.count) values for \(id)")
        }
        var merged = results[id] ?? CloudWatchMetricResult(id: id)
        if let label = result.label { merged.label = Sanitizer.clean(label) }
        merged.points += zip(timestamps, values).map { CloudWatchMetricResult.Point(time: Date(timeIntervalSince1970: $0), value: $1) }
        if let status = result.statusCode { merged.statusCode = Sanitizer.clean(status) }
        merged.messages += (result.messages ?? []).map(messageText)
        results[id] = merged
    }

    static func messageText(_ message: CloudWatchShapes.MessageData) -> String {
        Sanitizer.clean([message.code, message.value].compactMap { $0 }.joined(separator: ": "))
    }
}
