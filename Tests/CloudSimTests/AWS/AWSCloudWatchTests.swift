import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

private func query(
    _ id: String, _ namespace: String, _ name: String, _ dimensions: [(String, String)], stat: String, period: Int = 60
) -> AWSJSONValue {
    [
        "Id": .string(id),
        "MetricStat": [
            "Metric": [
                "Namespace": .string(namespace), "MetricName": .string(name),
                "Dimensions": .array(dimensions.map { ["Name": .string($0.0), "Value": .string($0.1)] }),
            ],
            "Period": .number(Double(period)), "Stat": .string(stat),
        ],
    ]
}

private func sageMaker(_ id: String, _ name: String, endpoint: String, stat: String) -> AWSJSONValue {
    query(id, "AWS/SageMaker", name, [("EndpointName", endpoint), ("VariantName", "AllTraffic")], stat: stat)
}

private func series(_ answer: AWSTestClient.Answer, _ id: String) -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    for result in answer.json?["MetricDataResults"]?.arrayValue ?? [] where result["Id"]?.stringValue == id {
        let times = (result["Timestamps"]?.arrayValue ?? []).compactMap(\.numberValue)
        let values = (result["Values"]?.arrayValue ?? []).compactMap(\.numberValue)
        points += Array(zip(times, values))
    }
    return points
}

@Suite struct AWSCloudWatchTests {
    static let start = utc("2025-06-16T14:00:00Z")

    @Test func sageMakerLatencyInMicrosecondsAddsUpToTheModelsP99() async throws {
        try await withDemoAWS(start: Self.start, minutesAfterStart: 30) { client, model, clock in
            let body: AWSJSONValue = [
                "MetricDataQueries": [
                    sageMaker("model", "ModelLatency", endpoint: "llm-chat-prod", stat: "p99"),
                    sageMaker("overhead", "OverheadLatency", endpoint: "llm-chat-prod", stat: "p99"),
                    sageMaker("calls", "Invocations", endpoint: "llm-chat-prod", stat: "Sum"),
                    sageMaker("errors", "Invocation5XXErrors", endpoint: "llm-chat-prod", stat: "Sum"),
                ],
                "StartTime": .number(Self.start.timeIntervalSince1970), "EndTime": .number(clock.now().timeIntervalSince1970),
            ]
            let answer = try await client.cloudWatch("GetMetricData", body)
            #expect(answer.status == 200)
            let minutes = model.minutes(of: model.id(named: "llm-chat-prod"), from: Self.start, count: 30)
            // Published: whole minutes ending at least two minutes ago, i.e. 14:00 … 14:27, newest first.
            let published = minutes.filter { $0.start <= utc("2025-06-16T14:27:00Z") && $0.invocations > 0 }
            let modelLatency = series(answer, "model")
            let overhead = series(answer, "overhead")
            let calls = series(answer, "calls")
            #expect(calls.map(\.0) == published.reversed().map { $0.start.timeIntervalSince1970 })
            #expect(calls.map(\.1) == published.reversed().map { Double($0.invocations) })
            #expect(series(answer, "errors").map(\.1) == published.reversed().map { Double($0.serverErrors) })
            #expect(modelLatency.count == published.count && overhead.count == published.count)
            for (index, minute) in published.reversed().enumerated() where index < modelLatency.count && index < overhead.count {
                let p99 = try #require(minute.p99LatencyMs)
                let milliseconds = (modelLatency[index].1 + overhead[index].1) / 1000
                #expect(abs(milliseconds - p99) < 0.001, "minute \(minute.start)")
                // Microseconds: an llm p99 of hundreds of ms is hundreds of thousands of µs.
                #expect(modelLatency[index].1 > 100 * p99 && overhead[index].1 < modelLatency[index].1)
            }
            let results = answer.json?["MetricDataResults"]?.arrayValue ?? []
            #expect(results.allSatisfy { $0["StatusCode"]?.stringValue == "Complete" })
            #expect(results.first?["Label"]?.stringValue == "ModelLatency")
        }
    }

    @Test func bedrockLatencyIsInMillisecondsAndTokensAreCounted() async throws {
        try await withDemoAWS(start: Self.start, minutesAfterStart: 20) { client, model, clock in
            let dimensions = [("ModelId", "anthropic.claude-3-haiku-20240307-v1:0")]
            let body: AWSJSONValue = [
                "MetricDataQueries": [
                    query("latency", "AWS/Bedrock", "InvocationLatency", dimensions, stat: "p99"),
                    query("input", "AWS/Bedrock", "InputTokenCount", dimensions, stat: "Sum"),
                    query("calls", "AWS/Bedrock", "Invocations", dimensions, stat: "SampleCount"),
                ],
                "StartTime": .number(Self.start.timeIntervalSince1970), "EndTime": .number(clock.now().timeIntervalSince1970),
                "ScanBy": "TimestampAscending",
            ]
            let answer = try await client.cloudWatch("GetMetricData", body)
            let minutes = model.minutes(of: model.id(named: "claude-3-haiku"), from: Self.start, count: 18)
                .filter { $0.invocations > 0 }
            #expect(!minutes.isEmpty)
            // Milliseconds, as the model has them (the JSON carries six decimals: nanoseconds).
            let latency = series(answer, "latency").map(\.1)
            #expect(latency.count == minutes.count)
            for (published, minute) in zip(latency, minutes) {
                #expect(abs(published - (minute.p99LatencyMs ?? -1)) < 1e-6)
            }
            #expect(series(answer, "input").map(\.1) == minutes.map { Double($0.inputTokens ?? -1) })
            #expect(series(answer, "calls").map(\.1) == minutes.map { Double($0.invocations) })
            #expect(series(answer, "calls").map(\.0) == minutes.map { $0.start.timeIntervalSince1970 })
        }
    }

    @Test func minutesWithoutTrafficHaveNoDatapoint() async throws {
        // Before dawn in Virginia the serverless embedder (night floor 0) sits mostly idle.
        let start = utc("2025-06-16T07:00:00Z")
        try await withDemoAWS(start: start, minutesAfterStart: 125) { client, model, clock in
            let minutes = model.minutes(of: model.id(named: "embed-serverless"), from: start, count: 120)
            let busy = minutes.filter { $0.invocations > 0 }
            #expect(busy.count < minutes.count, "the window should hold idle minutes")
            let body: AWSJSONValue = [
                "MetricDataQueries": [sageMaker("calls", "Invocations", endpoint: "embed-serverless", stat: "Sum")],
                "StartTime": .number(start.timeIntervalSince1970), "EndTime": .number(start.timeIntervalSince1970 + 7200),
            ]
            let answer = try await client.cloudWatch("GetMetricData", body)
            #expect(Set(series(answer, "calls").map(\.0)) == Set(busy.map { $0.start.timeIntervalSince1970 }))
            #expect(series(answer, "calls").allSatisfy { $0.1 > 0 })
            _ = clock
        }
    }

    @Test func longerPeriodsSumTheirMinutes() async throws {
        try await withDemoAWS(start: Self.start, minutesAfterStart: 30) { client, model, _ in
            let body: AWSJSONValue = [
                "MetricDataQueries": [query("calls", "AWS/SageMaker", "Invocations", [("EndpointName", "llm-chat-prod"), ("VariantName", "AllTraffic")], stat: "Sum", period: 300)],
                "StartTime": .number(Self.start.timeIntervalSince1970), "EndTime": .number(Self.start.timeIntervalSince1970 + 900),
            ]
            let answer = try await client.cloudWatch("GetMetricData", body)
            let minutes = model.minutes(of: model.id(named: "llm-chat-prod"), from: Self.start, count: 15)
            let expected = stride(from: 0, to: 15, by: 5).reversed().map { first in
                Double(minutes[first..<first + 5].reduce(0) { $0 + $1.invocations })
            }
            #expect(series(answer, "calls").map(\.1) == expected)
        }
    }

    @Test func retentionFollowsThePeriodAsCloudWatchKeepsIt() async throws {
        // Twenty days back: beyond one-minute retention (15 days), inside one-day retention.
        try await withDemoAWS(start: Self.start, minutesAfterStart: 10) { client, model, clock in
            let dimensions = [("ModelId", "anthropic.claude-3-haiku-20240307-v1:0")]
            let dayStart = utc("2025-05-27T00:00:00Z")
            let body: AWSJSONValue = [
                "MetricDataQueries": [
                    query("daily", "AWS/Bedrock", "Invocations", dimensions, stat: "Sum", period: 86_400),
                    query("minutes", "AWS/Bedrock", "Invocations", dimensions, stat: "Sum", period: 60),
                ],
                "StartTime": .number(dayStart.timeIntervalSince1970), "EndTime": .number(dayStart.timeIntervalSince1970 + 86_400),
            ]
            let answer = try await client.cloudWatch("GetMetricData", body)
            let minutes = model.minutes(of: model.id(named: "claude-3-haiku"), from: dayStart, count: 1440)
            #expect(series(answer, "daily").map(\.1) == [Double(minutes.reduce(0) { $0 + $1.invocations })])
            #expect(series(answer, "daily").map(\.0) == [dayStart.timeIntervalSince1970])
            #expect(series(answer, "minutes").isEmpty)
            _ = clock
        }
    }

    @Test func moreThanFiveHundredQueriesIsAValidationError() async throws {
        try await withDemoAWS { client, _, clock in
            let queries = (0..<501).map { sageMaker("q\($0)", "Invocations", endpoint: "llm-chat-prod", stat: "Sum") }
            let now = clock.now().timeIntervalSince1970
            let answer = try await client.cloudWatch(
                "GetMetricData", ["MetricDataQueries": .array(queries), "StartTime": .number(now - 600), "EndTime": .number(now)]
            )
            #expect(answer.status == 400)
            #expect(answer.header("x-amzn-query-error") == "ValidationError;Sender")
            #expect(answer.message == "The collection MetricDataQueries must not have a size greater than 500.")
            let fiveHundred = try await client.cloudWatch(
                "GetMetricData", ["MetricDataQueries": .array(Array(queries.prefix(500))), "StartTime": .number(now - 600), "EndTime": .number(now)]
            )
            #expect(fiveHundred.status == 200)
        }
    }

    @Test func badQueriesAreRefused() async throws {
        try await withDemoAWS { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let badPeriod: AWSJSONValue = [
                "MetricDataQueries": [query("a", "AWS/SageMaker", "Invocations", [], stat: "Sum", period: 90)],
                "StartTime": .number(now - 600), "EndTime": .number(now),
            ]
            let badPeriodAnswer = try await client.cloudWatch("GetMetricData", badPeriod)
            #expect(badPeriodAnswer.status == 400)
            let badID: AWSJSONValue = [
                "MetricDataQueries": [query("Upper", "AWS/SageMaker", "Invocations", [], stat: "Sum")],
                "StartTime": .number(now - 600), "EndTime": .number(now),
            ]
            let badIDAnswer = try await client.cloudWatch("GetMetricData", badID)
            #expect(badIDAnswer.status == 400)
            let backwards: AWSJSONValue = [
                "MetricDataQueries": [query("a", "AWS/SageMaker", "Invocations", [], stat: "Sum")],
                "StartTime": .number(now), "EndTime": .number(now - 600),
            ]
            let backwardsAnswer = try await client.cloudWatch("GetMetricData", backwards)
            #expect(backwardsAnswer.status == 400)
        }
    }

    @Test func pagesCarryEveryDatapointOnce() async throws {
        try await withDemoAWS(start: Self.start, minutesAfterStart: 60, options: SimulatedAWSOptions(maxDatapointsPerPage: 7)) { client, _, clock in
            let body: AWSJSONValue = [
                "MetricDataQueries": [
                    sageMaker("calls", "Invocations", endpoint: "llm-chat-prod", stat: "Sum"),
                    sageMaker("big", "Invocations", endpoint: "llm-70b-prod", stat: "Sum"),
                ],
                "StartTime": .number(Self.start.timeIntervalSince1970), "EndTime": .number(clock.now().timeIntervalSince1970),
            ]
            var pages: [AWSTestClient.Answer] = []
            var token: String?
            repeat {
                var request = body
                if let token, case .object(var members) = request {
                    members.append(("NextToken", .string(token)))
                    request = .object(members)
                }
                let page = try await client.cloudWatch("GetMetricData", request)
                #expect(page.status == 200)
                let count = (page.json?["MetricDataResults"]?.arrayValue ?? []).reduce(0) { $0 + ($1["Values"]?.arrayValue?.count ?? 0) }
                #expect(count <= 7)
                pages.append(page)
                token = page.json?["NextToken"]?.stringValue
            } while token != nil && pages.count < 100
            #expect(pages.count > 2)

            let whole = try await withDemoAWS(start: Self.start, minutesAfterStart: 60) { unpagedClient, _, _ in
                try await unpagedClient.cloudWatch("GetMetricData", body)
            }
            #expect(whole.json?["NextToken"] == nil)
            for id in ["calls", "big"] {
                let joined = pages.flatMap { series($0, id) }
                let expected = series(whole, id)
                #expect(joined.map(\.0) == expected.map(\.0))
                #expect(joined.map(\.1) == expected.map(\.1))
            }
            #expect(client.server.callCount(operation: .getMetricData) == pages.count)
        }
    }

    @Test func aForeignNextTokenIsRefused() async throws {
        try await withDemoAWS { client, _, clock in
            let now = clock.now().timeIntervalSince1970
            let answer = try await client.cloudWatch("GetMetricData", [
                "MetricDataQueries": [sageMaker("a", "Invocations", endpoint: "llm-chat-prod", stat: "Sum")],
                "StartTime": .number(now - 600), "EndTime": .number(now), "NextToken": "bm90LWEtdG9rZW4=",
            ])
            #expect(answer.status == 400)
            #expect(answer.header("x-amzn-query-error") == "InvalidNextToken;Sender")
        }
    }

    @Test func listMetricsFindsBedrockModelIDsPageByPage() async throws {
        try await withDemoAWS(options: SimulatedAWSOptions(listMetricsPageSize: 1)) { client, model, _ in
            let request: AWSJSONValue = ["Namespace": "AWS/Bedrock", "MetricName": "Invocations"]
            var ids: [String] = []
            var token: String?
            var calls = 0
            repeat {
                var body = request
                if let token, case .object(var members) = body {
                    members.append(("NextToken", .string(token)))
                    body = .object(members)
                }
                let page = try await client.cloudWatch("ListMetrics", body)
                let metrics = page.json?["Metrics"]?.arrayValue ?? []
                #expect(metrics.count <= 1)
                ids += metrics.flatMap { ($0["Dimensions"]?.arrayValue ?? []).filter { $0["Name"] == "ModelId" }.compactMap { $0["Value"]?.stringValue } }
                token = page.json?["NextToken"]?.stringValue
                calls += 1
            } while token != nil && calls < 10
            // us-east-1 has claude-3-haiku on demand and support-bot-ft on provisioned throughput.
            #expect(ids.count == 2)
            #expect(ids.contains("anthropic.claude-3-haiku-20240307-v1:0"))
            let view = AWSFleetView(model: model)
            let provisioned = try #require(model.endpoint(model.id(named: "support-bot-ft")))
            #expect(ids.contains(view.provisionedModelARN(provisioned.id)))
        }
    }
}
