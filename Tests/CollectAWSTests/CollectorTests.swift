import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

@Suite struct CollectorTests {
    static let account = "123456789012"
    static func id(_ name: String, _ service: Service, region: String = "us-east-1") -> EndpointID {
        EndpointID(account: account, region: region, service: service, name: name)
    }
    static let llm = id("llm-prod", .sageMakerRealtime)
    static let embed = id("embed-sls", .sageMakerServerless)
    static let haiku = id("claude-3-haiku-20240307-v1:0", .bedrock)
    static let chat = id("chat-pt", .bedrock)

    func value(_ batch: CollectBatch, _ endpoint: EndpointID, _ metric: Metric, _ hhmm: String) -> Double? {
        let time = AWSFixtures.date("2025-06-15T\(hhmm):00Z")
        return batch.samples.first { $0.endpoint == endpoint && $0.metric == metric && $0.time == time }?.value
    }

    @Test func inventoryListsEveryKindAndReportsTheDeniedRegion() async throws {
        let fleet = CollectorFakeFleet()
        let transport = fleet.transport()
        let collector = fleet.collector()
        let batch = try await collector.collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: transport))
        let inventory = try #require(batch.inventory)
        #expect(inventory.map(\.id) == [Self.chat, Self.haiku, Self.embed, Self.llm])
        let llm = try #require(inventory.first { $0.id == Self.llm })
        #expect(llm.kind == .dedicated)
        #expect(llm.status == "InService")
        #expect(llm.configuration == EndpointConfiguration(instanceType: "ml.g5.2xlarge", gpu: .a10g, gpuCount: 1, model: "llama3-8b"))
        let embed = try #require(inventory.first { $0.id == Self.embed })
        #expect(embed.kind == .serverless)
        #expect(embed.configuration == EndpointConfiguration(serverlessMemoryMB: 4096, maxConcurrency: 20, model: "bge"))
        let chat = try #require(inventory.first { $0.id == Self.chat })
        #expect(chat.configuration == EndpointConfiguration(provisionedUnits: 2, model: "anthropic.claude-3-haiku-20240307-v1:0"))
        #expect(chat.status == "InService")
        let haiku = try #require(inventory.first { $0.id == Self.haiku })
        #expect(haiku.kind == .managedAPI)
        #expect(haiku.configuration.model == "anthropic.claude-3-haiku-20240307-v1:0")
        // The provisioned model's ARN seen in ListMetrics is the throughput, not a second model.
        #expect(inventory.count == 4)

        #expect(batch.issues == [CollectIssue(
            "eu-west-1: SageMaker endpoints: access denied; grant IAM action sagemaker:ListEndpoints (read-only) to the identity in use"
        )])
        #expect(batch.identity == "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/alice")
        #expect(collector.descriptor.identity == batch.identity)
        #expect(batch.clockSkew == nil)
        #expect(batch.samples == [
            MetricSample(endpoint: Self.chat, metric: .replicas, time: CollectorFakeFleet.now, value: 2),
            MetricSample(endpoint: Self.llm, metric: .replicas, time: CollectorFakeFleet.now, value: 2),
        ])
    }

    @Test func endpointConfigsAreDescribedOnce() async throws {
        let fleet = CollectorFakeFleet()
        let transport = fleet.transport()
        let collector = fleet.collector(regions: ["us-east-1"])
        let context = CollectContext(now: CollectorFakeFleet.now, transport: transport)
        _ = try await collector.collect(.inventory, context: context)
        _ = try await collector.collect(.inventory, context: context)
        #expect(transport.calls("DescribeEndpoint").count == 4)
        #expect(transport.calls("DescribeEndpointConfig").count == 2)
        #expect(transport.calls("GetCallerIdentity").count == 1)
        #expect(transport.calls("ListEndpoints").allSatisfy { $0.json["MaxResults"] as? Int == 100 })
    }

    @Test func metricsAreNormalisedPerEndpoint() async throws {
        let fleet = CollectorFakeFleet()
        let transport = fleet.transport()
        let collector = fleet.collector()
        let context = CollectContext(now: CollectorFakeFleet.now, transport: transport)
        _ = try await collector.collect(.inventory, context: context)
        let batch = try await collector.collect(.metrics, context: context)
        #expect(batch.inventory == nil)
        #expect(batch.issues.isEmpty)

        // One call for us-east-1 (26 queries); eu-west-1 has nothing to read.
        let calls = transport.calls("GetMetricData")
        try #require(calls.count == 1)
        #expect(calls[0].region == "us-east-1")
        #expect((calls[0].json["MetricDataQueries"] as? [Any])?.count == 26)
        // The last five complete minutes behind the 2-minute ingest delay: [11:53, 11:58).
        #expect(calls[0].json["StartTime"] as? Int == Int(AWSFixtures.date("2025-06-15T11:53:00Z").timeIntervalSince1970))
        #expect(calls[0].json["EndTime"] as? Int == Int(AWSFixtures.date("2025-06-15T11:58:00Z").timeIntervalSince1970))
        #expect(collector.descriptor.pricePerRound[.metrics] == Decimal(26) / 100_000)
        #expect(calls[0].request.estimatedPrice == Decimal(26) / 100_000)

        // SageMaker: µs → ms, p99 = ModelLatency + OverheadLatency; errors = 4XX + 5XX.
        #expect(value(batch, Self.llm, .p99LatencyMs, "11:56") == 83.234)
        #expect(value(batch, Self.llm, .p99LatencyMs, "11:57") == 80)
        #expect(value(batch, Self.llm, .invocationsPerMinute, "11:56") == 120)
        #expect(value(batch, Self.llm, .errorsPerMinute, "11:56") == 3)
        #expect(value(batch, Self.llm, .errorsPerMinute, "11:57") == 0)
        // No datapoint: no sample, never a zero.
        #expect(value(batch, Self.llm, .invocationsPerMinute, "11:55") == nil)
        #expect(value(batch, Self.llm, .p99LatencyMs, "11:55") == nil)
        // Serverless: cold starts from ModelSetupTime, concurrency = utilisation × MaxConcurrency.
        #expect(value(batch, Self.embed, .p99LatencyMs, "11:57") == 1540)
        #expect(value(batch, Self.embed, .coldStartsPerMinute, "11:57") == 2)
        #expect(value(batch, Self.embed, .concurrency, "11:57") == 5)
        #expect(value(batch, Self.embed, .errorsPerMinute, "11:57") == 0)
        #expect(batch.samples.filter { $0.endpoint == Self.embed }.count == 5)
        // Bedrock: ms already; errors include throttles; tokens = input + output.
        #expect(value(batch, Self.haiku, .p99LatencyMs, "11:55") == 950.5)
        #expect(value(batch, Self.haiku, .invocationsPerMinute, "11:55") == 40)
        #expect(value(batch, Self.haiku, .errorsPerMinute, "11:55") == 5)
        #expect(value(batch, Self.haiku, .tokensPerMinute, "11:55") == 24_000)
        // Replicas: the latest DescribeEndpoint count / provisioned units, at the round's time.
        let replicas = batch.samples.filter { $0.metric == .replicas }
        #expect(replicas == [
            MetricSample(endpoint: Self.chat, metric: .replicas, time: CollectorFakeFleet.now, value: 2),
            MetricSample(endpoint: Self.llm, metric: .replicas, time: CollectorFakeFleet.now, value: 2),
        ])
        #expect(batch.samples.filter { $0.endpoint == Self.chat }.count == 1)
    }

    @Test func countsSurviveAServerThatCannotComputePercentiles() async throws {
        var fleet = CollectorFakeFleet()
        fleet.percentilesFail = true
        let transport = fleet.transport()
        let collector = fleet.collector(regions: ["us-east-1"])
        let context = CollectContext(now: CollectorFakeFleet.now, transport: transport)
        _ = try await collector.collect(.inventory, context: context)
        let batch = try await collector.collect(.metrics, context: context)
        let calls = transport.calls("GetMetricData")
        try #require(calls.count == 2)
        // 26 queries, 6 of them p99 (two per SageMaker endpoint, one per Bedrock model); the retry leaves those out.
        #expect((calls[0].json["MetricDataQueries"] as? [Any])?.count == 26)
        #expect((calls[1].json["MetricDataQueries"] as? [Any])?.count == 20)
        #expect(batch.samples.allSatisfy { $0.metric != .p99LatencyMs })
        #expect(value(batch, Self.llm, .invocationsPerMinute, "11:56") == 120)
        #expect(value(batch, Self.haiku, .tokensPerMinute, "11:55") == 24_000)
        #expect(batch.issues.map(\.message) == [
            "us-east-1: p99 latency unavailable this round (GetMetricData failed with percentiles: server error 500: cloudwatch:GetMetricData: HTTP500)",
        ])
    }

    @Test func aMetricsRoundWithoutInventoryRunsOneFirst() async throws {
        let fleet = CollectorFakeFleet()
        let transport = fleet.transport()
        let batch = try await fleet.collector().collect(.metrics, context: CollectContext(now: CollectorFakeFleet.now, transport: transport))
        #expect(batch.inventory?.count == 4)
        #expect(batch.issues.count == 1)
        #expect(transport.operations.firstIndex(of: "api:ListEndpoints")! < transport.operations.firstIndex(of: "monitoring:GetMetricData")!)
    }

    @Test func costRecordsPerTaggedEndpointAndAccount() async throws {
        let fleet = CollectorFakeFleet()
        let transport = fleet.transport()
        let collector = fleet.collector()
        let noon = AWSFixtures.date("2025-06-15T12:00:00Z")
        let context = CollectContext(now: noon, transport: transport)
        _ = try await collector.collect(.inventory, context: context)
        _ = try await collector.collect(.metrics, context: context)
        let batch = try await collector.collect(.cost, context: context)
        #expect(batch.issues.isEmpty)
        #expect(transport.calls("GetCostAndUsage").count == 1)
        #expect(transport.calls("GetCostForecast").count == 1)
        #expect(transport.calls("DescribeBudgets").first?.json["AccountId"] as? String == Self.account)
        #expect(collector.descriptor.pricePerRound[.cost] == Decimal(2) / 100)

        // Haiku is on-demand Bedrock, which no cost tag can name: its spend is estimated from tokens.
        #expect(batch.costs.map(\.scope) == [.account(AccountID(cloud: .aws, account: Self.account)), .endpoint(Self.haiku), .endpoint(Self.llm)])
        let midnight = AWSFixtures.date("2025-06-15T00:00:00Z")
        func usd(_ text: String) -> Money { Money(Decimal(string: text)!, "USD") }

        try #require(batch.costs.count == 3)
        let account = batch.costs[0]
        #expect(account.month == BillingMonth(year: 2025, month: 6))
        // Complete days only: 82.72 + 84.72; today is estimated, not billed.
        #expect(account.billedToDate == usd("167.44"))
        #expect(account.billedThrough == midnight)
        // MTD billed + Cost Explorer's forecast for today → July 1st.
        #expect(account.providerForecast == usd("1367.44"))
        #expect(account.budget == usd("2000.00"))
        // 2 × ml.g5.2xlarge × $1.515 × 12 h + Haiku tokens ($0.005 + $0.005) + serverless
        // 30 × 40 ms × 4 GB × $0.00002 (= $0.000096, to the hundredth of a cent).
        #expect(account.estimatedUnbilled == usd("36.3701"))
        #expect(account.burnRatePerHour == usd("3.0401"))
        #expect(account.trailingDailyAverage == usd("23.92"))
        #expect(account.dailySpend.count == 14)
        #expect(account.dailySpend.suffix(3) == [usd("82.72"), usd("84.72"), usd("30.00")])
        #expect(account.dailySpend.prefix(11).allSatisfy { $0 == usd("0") })
        #expect(account.fetchedAt == noon)

        // Daily token sums since the 1st: 20,000 input × $0.00025/1k + 4,000 output × $0.00125/1k = $0.01, all of it today.
        let daily = transport.calls("GetMetricData").filter { call in
            (call.json["MetricDataQueries"] as? [[String: Any]])?.contains { ($0["MetricStat"] as? [String: Any])?["Period"] as? Int == 86_400 } == true
        }
        try #require(daily.count == 1)
        #expect(daily[0].json["StartTime"] as? Int == Int(AWSFixtures.date("2025-06-01T00:00:00Z").timeIntervalSince1970))
        #expect((daily[0].json["MetricDataQueries"] as? [Any])?.count == 2)
        let haiku = batch.costs[1]
        #expect(haiku.billedToDate == usd("0"))
        #expect(haiku.billedThrough == AWSFixtures.date("2025-06-01T00:00:00Z"))
        #expect(haiku.estimatedUnbilled == usd("0.01"))
        #expect(haiku.spendToDate == usd("0.01"))
        #expect(haiku.trailingDailyAverage == nil)
        #expect(haiku.dailySpend.count == 14)
        #expect(haiku.dailySpend.last == usd("0.01"))
        #expect(haiku.burnRatePerHour == usd("0.01"))

        let llm = batch.costs[2]
        #expect(llm.billedToDate == usd("145.44"))
        #expect(llm.billedThrough == midnight)
        #expect(llm.estimatedUnbilled == usd("36.36"))
        #expect(llm.burnRatePerHour == usd("3.03"))
        #expect(llm.providerForecast == nil)
        #expect(llm.budget == nil)
        #expect(llm.trailingDailyAverage == Money(Decimal(string: "145.44")! / 7, "USD"))
    }

    @Test func theLastDayOfTheMonthUsesTheBudgetForecast() async throws {
        let fleet = CollectorFakeFleet()
        let transport = fleet.transport()
        let collector = fleet.collector(regions: ["us-east-1"])
        let batch = try await collector.collect(.cost, context: CollectContext(now: AWSFixtures.date("2025-06-30T18:00:00Z"), transport: transport))
        #expect(transport.calls("GetCostForecast").isEmpty)
        #expect(transport.calls("GetCostAndUsage").first?.json["TimePeriod"] as? [String: String] == ["Start": "2025-06-01", "End": "2025-07-01"])
        let account = try #require(batch.costs.first)
        #expect(account.providerForecast == Money(Decimal(string: "1650.40")!, "USD"))
        // A cost round before any inventory runs one, so spend can be matched to endpoints.
        #expect(batch.inventory?.count == 4)
    }

    @Test func aFailedForecastOrBudgetIsAnIssueNotAFailure() async throws {
        var fleet = CollectorFakeFleet()
        fleet.failures["GetCostForecast"] = AWSFixtures.error(400, type: "DataUnavailableException", message: "not enough data")
        fleet.failures["DescribeBudgets"] = AWSFixtures.error(400, type: "AccessDeniedException")
        let batch = try await fleet.collector(regions: ["us-east-1"]).collect(.cost, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
        let account = try #require(batch.costs.first)
        #expect(account.providerForecast == nil)
        #expect(account.budget == nil)
        #expect(batch.issues.map(\.message) == [
            "Cost Explorer forecast: misconfigured: ce:GetCostForecast: DataUnavailableException: not enough data",
            "Budgets: access denied; grant IAM action budgets:ViewBudget (read-only) to the identity in use",
        ])
    }

    @Test func untaggedSpendAsksForTheCostTag() throws {
        var issues: [CollectIssue] = []
        let breakdown = CostExplorerBreakdown(entries: [
            .init(day: AWSFixtures.date("2025-06-14T00:00:00Z"), tagValue: nil, service: "Amazon SageMaker", amount: Money(5), estimated: false),
        ])
        let target = AWSCollectorTarget(
            endpoint: Endpoint(id: Self.llm), source: .sageMaker(endpointName: "llm-prod", variants: ["AllTraffic"]), replicas: 1,
            observedAt: CollectorFakeFleet.now, part: .sageMaker
        )
        let records = AWSCollector.costRecords(
            account: Self.account, breakdown: breakdown, forecast: nil, budget: nil, targets: [target], ledger: AWSCollectorUsageLedger(),
            prices: AWSPriceTable(), costTag: "team:endpoint", period: CostExplorerPeriod(now: CollectorFakeFleet.now), now: CollectorFakeFleet.now,
            issues: &issues
        )
        try #require(records.map(\.scope) == [.account(AccountID(cloud: .aws, account: Self.account))])
        #expect(records[0].billedToDate == Money(5))
        try #require(issues.count == 1)
        #expect(issues[0].message.contains("team:endpoint"))
    }

    @Test func everyRegionDeniedFailsTheRound() async throws {
        var fleet = CollectorFakeFleet()
        for operation in ["ListEndpoints", "ListMetrics", "/provisioned-model-throughputs"] {
            fleet.failures[operation] = AWSFixtures.error(400, type: "AccessDeniedException")
        }
        do {
            _ = try await fleet.collector().collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
            Issue.record("the round succeeded")
        } catch let error as CollectorError {
            #expect(error.hint == "grant IAM action sagemaker:ListEndpoints (read-only) to the identity in use")
        }
    }

    @Test func expiredCredentialsStopTheRoundAtOnce() async throws {
        var fleet = CollectorFakeFleet()
        fleet.failures["GetCallerIdentity"] = HTTPResponse(status: 403, body: Array("""
            <ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>
            """.utf8))
        let transport = fleet.transport()
        do {
            _ = try await fleet.collector().collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: transport))
            Issue.record("the round succeeded")
        } catch let error as CollectorError {
            #expect(error.hint == "credentials expired: aws sso login --profile test")
        }
        #expect(transport.requests.count == 1)
    }

    @Test func throttledMetricsFailTheRoundAsAThrottle() async throws {
        var fleet = CollectorFakeFleet()
        let collector = fleet.collector()
        _ = try await collector.collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
        fleet.failures["GetMetricData"] = HTTPResponse(
            status: 400, headers: [HTTPHeader("x-amz-retry-after", "1500")],
            body: Array(#"{"__type":"com.amazonaws.cloudwatch#ThrottlingException","message":"Rate exceeded"}"#.utf8)
        )
        do {
            _ = try await collector.collect(.metrics, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
            Issue.record("the round succeeded")
        } catch let error as CollectorError {
            #expect(error.isThrottle)
            #expect(error.retryAfter == 1.5)
        }
    }

    @Test func aPassingRegionFailureKeepsItsLastEndpoints() async throws {
        var fleet = CollectorFakeFleet()
        let collector = fleet.collector()
        _ = try await collector.collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
        fleet.failures["ListEndpoints"] = AWSFixtures.error(503, type: "ServiceUnavailable", message: "try later")
        let batch = try await collector.collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
        #expect(batch.inventory?.map(\.id) == [Self.chat, Self.haiku, Self.embed, Self.llm])
        #expect(batch.issues.count == 2)
        #expect(batch.issues.allSatisfy { $0.message.contains("SageMaker endpoints: server error 503") })
    }

    @Test func clockSkewIsReported() async throws {
        var fleet = CollectorFakeFleet()
        // Ten minutes ahead of the client's clock.
        fleet.dateHeader = "Sun, 15 Jun 2025 12:10:30 GMT"
        let batch = try await fleet.collector(regions: ["us-east-1"]).collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
        #expect(batch.clockSkew == 600)
    }

    @Test func callerIdentityComesFromTheSTSAnswer() async throws {
        let good = FakeAWSTransport { call in
            #expect(String(decoding: call.request.body, as: UTF8.self) == "Action=GetCallerIdentity&Version=2011-06-15")
            return HTTPResponse(status: 200, body: Array(AWSFixtures.callerIdentity.utf8))
        }
        let identity = try await AWSFixtures.client().getCallerIdentity(region: "eu-west-1", transport: good)
        #expect(identity == AWSCallerIdentity(
            account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/alice", userID: "AROAEXAMPLE:alice"
        ))
        #expect(good.requests.first?.url.host == "sts.eu-west-1.amazonaws.com")
        let bad = FakeAWSTransport { _ in
            HTTPResponse(status: 200, body: Array("<GetCallerIdentityResult><Arn>arn:x</Arn><Account>12\u{1b}34</Account></GetCallerIdentityResult>".utf8))
        }
        await #expect(throws: CollectorError.self) { _ = try await AWSFixtures.client().getCallerIdentity(region: "us-east-1", transport: bad) }
    }

    @Test func aConfiguredAccountThatDiffersFromTheCredentialsIsRefused() async throws {
        let fleet = CollectorFakeFleet()
        let collector = AWSCollector(
            configuration: AWSCollectorConfiguration(id: "aws/test", regions: ["us-east-1"], accountID: "999999999999"),
            client: AWSFixtures.client(now: CollectorFakeFleet.now)
        )
        do {
            _ = try await collector.collect(.inventory, context: CollectContext(now: CollectorFakeFleet.now, transport: fleet.transport()))
            Issue.record("the round succeeded")
        } catch let error as CollectorError {
            #expect(error.kind == "misconfigured")
            #expect(error.detail.contains("123456789012"))
        }
    }

    @Test func descriptorDescribesTheAccount() {
        let collector = CollectorFakeFleet().collector()
        let descriptor = collector.descriptor
        #expect(descriptor.id == "aws/test")
        #expect(descriptor.cloud == .aws)
        #expect(descriptor.title == "AWS test (us-east-1, eu-west-1)")
        #expect(descriptor.cadences == [.metrics: 60, .inventory: 300, .cost: 4 * 3600])
        #expect(descriptor.ingestDelay == 120)
        #expect(descriptor.pricePerRound[.metrics] == 0)
        #expect(descriptor.identity == nil)
    }
}
