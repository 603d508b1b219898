import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

private let path = "/v3/projects/ml-prod-123/timeSeries"
private let prefix = "aiplatform.googleapis.com/prediction/online/"
private let publisherPrefix = "aiplatform.googleapis.com/publisher/online_serving/"

/// (start, end, value) of a series' points, as sent (newest first).
private func points(_ series: AWSJSONValue) -> [(String, String, AWSJSONValue)] {
    (series["points"]?.arrayValue ?? []).map {
        ($0["interval"]?["startTime"]?.stringValue ?? "", $0["interval"]?["endTime"]?.stringValue ?? "", $0["value"] ?? .null)
    }
}

@Suite struct GCPMonitoringTests {
    static let start = utc("2025-06-16T14:00:00Z")
    static let now = utc("2025-06-16T14:30:00Z")
    /// Published: minutes that ended at least three minutes before now.
    static let lastPublishedEnd = utc("2025-06-16T14:27:00Z")
    static let vertexNames = ["image-tagger-t4", "llama-405b-h100", "sdxl-scale-to-zero", "search-llm-a100"]

    /// The model's minutes of an endpoint whose end lies in (start, lastPublishedEnd].
    static func published(_ model: FleetModel, _ name: String) -> [EndpointMinute] {
        model.minutes(of: model.id(named: name), from: start, count: 27)
    }

    static func endpointNames(_ model: FleetModel) -> [String: String] {
        let view = GCPFleetView(model: model)
        return Dictionary(uniqueKeysWithValues: vertexNames.map { (view.endpointID(model.id(named: $0)), $0) })
    }

    @Test func predictionCountsSummedPerEndpointAreTheModelsInvocationsNewestFirst() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let answer = try await client.get(path, timeSeriesQuery(
                prefix + "prediction_count", start: Self.start, end: Self.now, aligner: "ALIGN_DELTA", reducer: "REDUCE_SUM",
                groupBy: ["resource.labels.endpoint_id"]
            ))
            #expect(answer.status == 200)
            let series = try #require(answer.json?["timeSeries"]?.arrayValue)
            let names = Self.endpointNames(model)
            var seen: Set<String> = []
            for entry in series {
                #expect(entry["metricKind"] == "DELTA" && entry["valueType"] == "INT64")
                #expect(entry["metric"]?["type"] == .string(prefix + "prediction_count"))
                #expect(entry["metric"]?["labels"] == nil)
                let id = try #require(entry["resource"]?["labels"]?["endpoint_id"]?.stringValue)
                #expect(entry["resource"]?["labels"] == .object([("endpoint_id", .string(id))]))
                #expect(entry["resource"]?["type"] == "aiplatform.googleapis.com/Endpoint")
                let name = try #require(names[id])
                seen.insert(name)
                let expected = Self.published(model, name).filter { $0.invocations > 0 }.reversed().map {
                    (GCPWireTime.rfc3339($0.start), GCPWireTime.rfc3339($0.start.addingTimeInterval(60)), AWSJSONValue.object([("int64Value", .string(String($0.invocations)))]))
                }
                let actual = points(entry)
                #expect(actual.count == expected.count, "\(name)")
                for (got, want) in zip(actual, expected) {
                    #expect(got.0 == want.0 && got.1 == want.1 && got.2 == want.2, "\(name) \(want.1)")
                }
                #expect(actual.first?.1 == "2025-06-16T14:27:00Z" || Self.published(model, name).last?.invocations == 0)
            }
            #expect(seen == Set(Self.vertexNames.filter { name in Self.published(model, name).contains { $0.invocations > 0 } }))
            #expect(seen.contains("image-tagger-t4") && seen.contains("search-llm-a100"))
            #expect(client.server.timeSeriesReturned == series.count)
        }
    }

    @Test func theMergedP99PerEndpointIsTheModelsP99() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let answer = try await client.get(path, timeSeriesQuery(
                prefix + "prediction_latencies", extraFilter: "metric.labels.latency_type = \"total\"", start: Self.start, end: Self.now,
                aligner: "ALIGN_DELTA", reducer: "REDUCE_PERCENTILE_99", groupBy: ["resource.labels.endpoint_id"]
            ))
            let series = try #require(answer.json?["timeSeries"]?.arrayValue)
            #expect(answer.json?["unit"] == "ms")
            let names = Self.endpointNames(model)
            var checked = 0
            for entry in series {
                #expect(entry["metricKind"] == "GAUGE" && entry["valueType"] == "DOUBLE")
                let name = try #require(names[entry["resource"]?["labels"]?["endpoint_id"]?.stringValue ?? ""])
                let expected = Self.published(model, name).filter { $0.invocations > 0 }.reversed()
                let actual = points(entry)
                #expect(actual.count == expected.count)
                for (got, minute) in zip(actual, expected) {
                    let p99 = try #require(minute.p99LatencyMs)
                    let value = try #require(got.2["doubleValue"]?.numberValue)
                    #expect(abs(value - p99) < 1e-5, "\(name) \(got.1): \(value) vs \(p99)")
                    // A GAUGE point: start equals end.
                    #expect(got.0 == got.1 && got.1 == GCPWireTime.rfc3339(minute.start.addingTimeInterval(60)))
                    checked += 1
                }
            }
            #expect(checked > 50)
        }
    }

    @Test func aP99AcrossEndpointsLiesBetweenTheirP99sAndPerSeriesAlignmentAgrees() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let merged = try await client.get(path, timeSeriesQuery(
                prefix + "prediction_latencies", extraFilter: "metric.labels.latency_type = \"total\"", start: Self.start, end: Self.now,
                aligner: "ALIGN_DELTA", reducer: "REDUCE_PERCENTILE_99"
            ))
            let series = try #require(merged.json?["timeSeries"]?.arrayValue)
            #expect(series.count == 1)
            #expect(series.first?["resource"]?["labels"] == nil)
            let byEnd = Dictionary(uniqueKeysWithValues: points(series[0]).map { ($0.1, $0.2["doubleValue"]?.numberValue ?? -1) })
            var strictlyInside = 0
            for offset in 0..<27 {
                let minuteStart = Self.start.addingTimeInterval(Double(offset) * 60)
                let p99s = Self.vertexNames.compactMap { model.minute(of: model.id(named: $0), containing: minuteStart) }
                    .filter { $0.invocations > 0 }.compactMap(\.p99LatencyMs)
                guard let low = p99s.min(), let high = p99s.max() else { continue }
                let value = try #require(byEnd[GCPWireTime.rfc3339(minuteStart.addingTimeInterval(60))])
                #expect(value >= low - 1e-6 && value <= high + 1e-6)
                if value < high - 1 { strictlyInside += 1 }
            }
            // Merging really mixes the calls: not just the largest p99 every minute.
            #expect(strictlyInside > 0)

            // ALIGN_PERCENTILE_99 over one minute of one deployed model is that minute's p99 too.
            let aligned = try await client.get(path, timeSeriesQuery(
                prefix + "prediction_latencies", extraFilter: "metric.labels.latency_type = \"total\"", start: Self.start, end: Self.now,
                aligner: "ALIGN_PERCENTILE_99"
            ))
            let names = Self.endpointNames(model)
            for entry in aligned.json?["timeSeries"]?.arrayValue ?? [] {
                #expect(entry["metric"]?["labels"]?["latency_type"] == "total" && entry["metric"]?["labels"]?["deployed_model_id"] != nil)
                let name = try #require(names[entry["resource"]?["labels"]?["endpoint_id"]?.stringValue ?? ""])
                let expected = Self.published(model, name).filter { $0.invocations > 0 }.reversed().compactMap(\.p99LatencyMs)
                let values = points(entry).compactMap { $0.2["doubleValue"]?.numberValue }
                #expect(values.count == expected.count)
                #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-5 })
            }
        }
    }

    @Test func modelAndOverheadLatenciesAddUpToTheTotal() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let id = GCPFleetView(model: model).endpointID(model.id(named: "image-tagger-t4"))
            var p99: [String: [Double]] = [:]
            for type in ["model", "overhead"] {
                let answer = try await client.get(path, timeSeriesQuery(
                    prefix + "prediction_latencies", extraFilter: "metric.labels.latency_type = \"\(type)\" AND resource.labels.endpoint_id = \"\(id)\"",
                    start: Self.start, end: Self.now, aligner: "ALIGN_PERCENTILE_99"
                ))
                p99[type] = points(try #require(answer.json?["timeSeries"]?.arrayValue?.first)).compactMap { $0.2["doubleValue"]?.numberValue }
            }
            let totals = Self.published(model, "image-tagger-t4").filter { $0.invocations > 0 }.reversed().compactMap(\.p99LatencyMs)
            #expect(p99["model"]?.count == totals.count)
            for (index, total) in totals.enumerated() {
                #expect(abs((p99["model"]?[index] ?? 0) + (p99["overhead"]?[index] ?? 0) - total) < 1e-4)
            }
        }
    }

    @Test func rawDistributionsCountTheCallsAndFillTheirBuckets() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let id = GCPFleetView(model: model).endpointID(model.id(named: "image-tagger-t4"))
            let answer = try await client.get(path, timeSeriesQuery(
                prefix + "prediction_latencies", extraFilter: "metric.labels.latency_type = \"total\" AND resource.labels.endpoint_id = \"\(id)\"",
                start: Self.start, end: Self.now
            ))
            let series = try #require(answer.json?["timeSeries"]?.arrayValue)
            #expect(series.count == 1)
            #expect(series[0]["metricKind"] == "DELTA" && series[0]["valueType"] == "DISTRIBUTION")
            let minutes = Self.published(model, "image-tagger-t4").filter { $0.invocations > 0 }.reversed()
            let sent = points(series[0])
            #expect(sent.count == minutes.count)
            for (point, minute) in zip(sent, minutes) {
                let distribution = try #require(point.2["distributionValue"])
                #expect(distribution["count"] == .string(String(minute.invocations)))
                let buckets = (distribution["bucketCounts"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap { Int($0) } }
                #expect(buckets.reduce(0, +) == minute.invocations)
                #expect((distribution["mean"]?.numberValue ?? 0) < (minute.p99LatencyMs ?? 0))
                #expect(distribution["bucketOptions"]?["exponentialBuckets"]?["growthFactor"] == .number(1.4))
                #expect(point.0 == GCPWireTime.rfc3339(minute.start))
            }
        }
    }

    @Test func longerAlignmentPeriodsSumTheirMinutes() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let id = GCPFleetView(model: model).endpointID(model.id(named: "image-tagger-t4"))
            let answer = try await client.get(path, timeSeriesQuery(
                prefix + "prediction_count", extraFilter: "resource.labels.endpoint_id = \"\(id)\"", start: Self.start, end: Self.now,
                period: "300s", aligner: "ALIGN_SUM"
            ))
            let sent = points(try #require(answer.json?["timeSeries"]?.arrayValue?.first))
            let minutes = Self.published(model, "image-tagger-t4")
            // Periods end at 14:30, 14:25, … 14:05; the newest holds only what is published (to 14:27).
            var expected: [(String, String, Int)] = []
            for k in 0..<6 {
                let end = Self.now.addingTimeInterval(-Double(k) * 300)
                let total = minutes.filter { $0.start.addingTimeInterval(60) > end.addingTimeInterval(-300) && $0.start.addingTimeInterval(60) <= end }
                    .reduce(0) { $0 + $1.invocations }
                if total > 0 { expected.append((GCPWireTime.rfc3339(end.addingTimeInterval(-300)), GCPWireTime.rfc3339(end), total)) }
            }
            #expect(sent.count == expected.count)
            for (got, want) in zip(sent, expected) {
                #expect(got.0 == want.0 && got.1 == want.1)
                #expect(got.2["int64Value"] == .string(String(want.2)))
            }
            #expect(expected.first?.1 == "2025-06-16T14:30:00Z")
        }
    }

    @Test func replicasArePublishedEveryMinuteAndTargetsIncludeLaunchingOnes() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let names = Self.endpointNames(model)
            for (metric, value) in [("replicas", { (m: EndpointMinute) in m.replicas ?? -1 }), ("target_replicas", { (m: EndpointMinute) in (m.replicas ?? -1) + (m.pendingReplicas ?? 0) })] {
                let answer = try await client.get(path, timeSeriesQuery(prefix + metric, start: Self.start, end: Self.now))
                let series = try #require(answer.json?["timeSeries"]?.arrayValue)
                #expect(series.count == 4)
                for entry in series {
                    #expect(entry["metricKind"] == "GAUGE" && entry["valueType"] == "INT64")
                    let name = try #require(names[entry["resource"]?["labels"]?["endpoint_id"]?.stringValue ?? ""])
                    let expected = Self.published(model, name).reversed().map { AWSJSONValue.object([("int64Value", .string(String(value($0))))]) }
                    let sent = points(entry)
                    #expect(sent.map(\.2) == Array(expected), "\(metric) \(name)")
                    #expect(sent.allSatisfy { $0.0 == $0.1 })
                }
            }
        }
    }

    @Test func noTrafficMeansNoSeriesNotZero() async throws {
        let project = "quiet-proj"
        let scenario = FleetScenario(name: "quiet", endpoints: [
            .vertexEndpoint(
                "idle-l4", project: project, region: "us-central1", machineType: "g2-standard-8", gpu: .l4, replicas: 1...2,
                traffic: TrafficProfile(peakInvocationsPerMinute: 0), capacityPerReplica: 10, baseLatencyMs: 100
            )
        ])
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30, scenario: scenario) { client, _, _ in
            let projectPath = "/v3/projects/\(project)/timeSeries"
            let counts = try await client.get(projectPath, timeSeriesQuery(
                prefix + "prediction_count", start: Self.start, end: Self.now, aligner: "ALIGN_DELTA", reducer: "REDUCE_SUM"
            ))
            #expect(counts.status == 200)
            #expect(counts.text == "{}")
            let replicas = try await client.get(projectPath, timeSeriesQuery(prefix + "replicas", start: Self.start, end: Self.now))
            #expect(replicas.json?["timeSeries"]?.arrayValue?.count == 1)
        }
    }

    @Test func publisherModelsCountInvocationsAndTokens() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let invocations = try await client.get(path, timeSeriesQuery(
                publisherPrefix + "model_invocation_count", resource: "aiplatform.googleapis.com/PublisherModel", start: Self.start,
                end: Self.now, aligner: "ALIGN_DELTA", reducer: "REDUCE_SUM", groupBy: ["resource.labels.model_user_id"]
            ))
            let series = try #require(invocations.json?["timeSeries"]?.arrayValue)
            let models = ["gemini-1.5-flash-002": "gemini-1.5-flash", "claude-3-5-sonnet@20240620": "claude-3-5-sonnet"]
            #expect(Set(series.compactMap { $0["resource"]?["labels"]?["model_user_id"]?.stringValue }) == Set(models.keys))
            for entry in series {
                let name = try #require(models[entry["resource"]?["labels"]?["model_user_id"]?.stringValue ?? ""])
                let expected = Self.published(model, name).filter { $0.invocations > 0 }.reversed().map { String($0.invocations) }
                #expect(points(entry).compactMap { $0.2["int64Value"]?.stringValue } == Array(expected), "\(name)")
            }

            let tokens = try await client.get(path, timeSeriesQuery(
                publisherPrefix + "token_count", resource: "aiplatform.googleapis.com/PublisherModel",
                extraFilter: "resource.labels.model_user_id = \"gemini-1.5-flash-002\"", start: Self.start, end: Self.now,
                aligner: "ALIGN_DELTA", reducer: "REDUCE_SUM", groupBy: ["metric.labels.type"]
            ))
            let byType = try #require(tokens.json?["timeSeries"]?.arrayValue)
            let minutes = Self.published(model, "gemini-1.5-flash").filter { $0.invocations > 0 }.reversed()
            for entry in byType {
                let type = entry["metric"]?["labels"]?["type"]?.stringValue
                let expected = minutes.map { String(type == "input" ? $0.inputTokens ?? 0 : $0.outputTokens ?? 0) }
                #expect(points(entry).compactMap { $0.2["int64Value"]?.stringValue } == Array(expected), "\(type ?? "?")")
            }
            #expect(Set(byType.compactMap { $0["metric"]?["labels"]?["type"]?.stringValue }) == ["input", "output"])
        }
    }

    @Test func pagesSplitPointsAndStayConsistentWhileTheClockMoves() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, clock in
            let token = try await client.accessToken()
            let query = timeSeriesQuery(prefix + "replicas", start: Self.start, end: Self.now)
            let whole = try await client.get(path, query, token: token)
            let expected = (whole.json?["timeSeries"]?.arrayValue ?? []).map { ($0["resource"]?["labels"] ?? .null, points($0).map(\.1)) }
            #expect(expected.reduce(0) { $0 + $1.1.count } == 4 * 27)

            var collected: [(AWSJSONValue, [String])] = []
            var pageToken: String?
            var pages = 0
            repeat {
                var pageQuery = query + [("pageSize", "10")]
                if let pageToken { pageQuery.append(("pageToken", pageToken)) }
                let page = try await client.get(path, pageQuery, token: token)
                #expect(page.status == 200)
                let entries = page.json?["timeSeries"]?.arrayValue ?? []
                #expect(entries.reduce(0) { $0 + points($1).count } <= 10)
                for entry in entries {
                    let labels = entry["resource"]?["labels"] ?? .null
                    if let last = collected.last, last.0 == labels {
                        collected[collected.count - 1].1 += points(entry).map(\.1)
                    } else {
                        collected.append((labels, points(entry).map(\.1)))
                    }
                }
                pageToken = page.json?["nextPageToken"]?.stringValue
                pages += 1
                _ = clock.advance(by: 61)  // new minutes get published meanwhile; the pages must not shift
            } while pageToken != nil && pages < 50
            #expect(pages == 11)
            #expect(collected.count == expected.count)
            for (got, want) in zip(collected, expected) {
                #expect(got.0 == want.0 && got.1 == want.1)
            }
        }
    }

    @Test func headersViewPagesBySeriesAndCarriesNoPoints() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            let token = try await client.accessToken()
            let query = timeSeriesQuery(prefix + "replicas", start: Self.start, end: Self.now, view: "HEADERS") + [("pageSize", "3")]
            let first = try await client.get(path, query, token: token)
            let entries = try #require(first.json?["timeSeries"]?.arrayValue)
            #expect(entries.count == 3 && entries.allSatisfy { $0["points"] == nil })
            let next = try #require(first.json?["nextPageToken"]?.stringValue)
            let second = try await client.get(path, query + [("pageToken", next)], token: token)
            #expect(second.json?["timeSeries"]?.arrayValue?.count == 1 && second.json?["nextPageToken"] == nil)
            // A token is bound to its request.
            let other = timeSeriesQuery(prefix + "target_replicas", start: Self.start, end: Self.now, view: "HEADERS") + [("pageToken", next)]
            #expect(try await client.get(path, other, token: token).status == 400)
            #expect(client.server.timeSeriesReturned == 4)
        }
    }

    @Test func badFiltersAndAggregationsAreInvalidArguments() async throws {
        try await withDemoGCP(start: Self.start, minutesAfterStart: 30) { client, _, _ in
            let token = try await client.accessToken()
            let interval = [("interval.startTime", "2025-06-16T14:00:00Z"), ("interval.endTime", "2025-06-16T14:30:00Z"), ("view", "FULL")]
            let count = prefix + "prediction_count"
            let badFilters = [
                "resource.type = \"aiplatform.googleapis.com/Endpoint\"",
                "metric.type = \"\(count)\" AND metric.type = \"\(prefix)error_count\"",
                "metric.type = \"\(count)\" OR metric.type = \"\(prefix)error_count\"",
                "metric.type != \"\(count)\"",
                "metric.type = starts_with(\"\(prefix)\")",
                "metric.type = \"\(count)\" AND",
                "metric.type = \"\(count)",
            ]
            for filter in badFilters {
                let answer = try await client.get(path, [("filter", filter)] + interval, token: token)
                #expect(answer.status == 400, "\(filter)")
                #expect(answer.errorStatus == "INVALID_ARGUMENT", "\(filter)")
            }
            let unknownMetric = try await client.get(path, [("filter", "metric.type = \"\(prefix)no_such_metric\"")] + interval, token: token)
            #expect(unknownMetric.status == 404 && unknownMetric.errorStatus == "NOT_FOUND")

            let filter = ("filter", "metric.type = \"\(count)\"")
            let badAggregations: [[(String, String)]] = [
                [("aggregation.perSeriesAligner", "ALIGN_DELTA")],
                [("aggregation.perSeriesAligner", "ALIGN_DELTA"), ("aggregation.alignmentPeriod", "30s")],
                [("aggregation.perSeriesAligner", "ALIGN_DELTA"), ("aggregation.alignmentPeriod", "60")],
                [("aggregation.crossSeriesReducer", "REDUCE_SUM")],
                [("aggregation.perSeriesAligner", "ALIGN_PERCENTILE_99"), ("aggregation.alignmentPeriod", "60s")],
                [("aggregation.perSeriesAligner", "ALIGN_BOGUS"), ("aggregation.alignmentPeriod", "60s")],
                [("aggregation.perSeriesAligner", "ALIGN_DELTA"), ("aggregation.alignmentPeriod", "60s"), ("aggregation.crossSeriesReducer", "REDUCE_SUM"), ("aggregation.groupByFields", "endpoint_id")],
            ]
            for aggregation in badAggregations {
                let answer = try await client.get(path, [filter] + interval + aggregation, token: token)
                #expect(answer.status == 400 && answer.errorStatus == "INVALID_ARGUMENT", "\(aggregation)")
            }
            // The kind matters: replicas are a GAUGE, which ALIGN_DELTA cannot align; distributions have no max.
            let gaugeDelta = try await client.get(
                path, [("filter", "metric.type = \"\(prefix)replicas\"")] + interval + [("aggregation.perSeriesAligner", "ALIGN_DELTA"), ("aggregation.alignmentPeriod", "60s")],
                token: token
            )
            #expect(gaugeDelta.status == 400)
            #expect(gaugeDelta.errorMessage?.contains("kind GAUGE and value type INT64") == true)
            let distributionMax = try await client.get(
                path, [("filter", "metric.type = \"\(prefix)prediction_latencies\"")] + interval
                    + [("aggregation.perSeriesAligner", "ALIGN_DELTA"), ("aggregation.alignmentPeriod", "60s"), ("aggregation.crossSeriesReducer", "REDUCE_MAX")],
                token: token
            )
            #expect(distributionMax.status == 400)

            let noEnd = try await client.get(path, [filter, ("view", "FULL")], token: token)
            #expect(noEnd.status == 400)
            let badTime = try await client.get(path, [filter, ("interval.endTime", "2025-06-16 14:30:00"), ("view", "FULL")], token: token)
            #expect(badTime.status == 400)
            let backwards = try await client.get(path, [filter, ("interval.startTime", "2025-06-16T15:00:00Z"), ("interval.endTime", "2025-06-16T14:30:00Z")], token: token)
            #expect(backwards.status == 400)
            let badView = try await client.get(path, [filter, ("interval.endTime", "2025-06-16T14:30:00Z"), ("view", "ALL")], token: token)
            #expect(badView.status == 400)
        }
    }
}
