import BurnwatchTestSupport
import Foundation
import Testing

/// The built `burnwatch report --format json` against its own seeded moto server: the binary
/// reads a temporary config with one `[[aws]]` table pointed at moto, and every number in its
/// JSON is checked against what `seed.py` put there.
///
/// moto cannot compute percentiles (GetMetricData answers 500 when asked for p99) nor forecast
/// cost (GetCostForecast answers 500), so the report must carry the counts without p99, say why,
/// and take the month's forecast from the budget instead.
///
/// The server is its own, not the shared `.motoSeeded` one: moto binds queued Cost Explorer
/// answers to the first distinct request bodies, and the collector's one GetCostAndUsage call
/// (grouped by the cost tag and the service) must get the answer seeded for it.
@Suite struct MotoReportEndToEndTests {
    /// Prices pinned by the config so the unbilled estimate can be worked out by hand: per second,
    /// llm-prod (2 × 1.80/h) adds 0.001, embed-prod (1 × 0.36/h) 0.0001 and llm-eu (3 × 0.72/h)
    /// 0.0006. Serverless and Claude's token prices are zero: their estimate depends on whether
    /// the metrics round finished before the cost round read its ledger (they run concurrently).
    /// Llama 3.1 is left unpriced (the built-in table has no price for it).
    static let prices: [String: String] = [
        "aws/ml.g4dn.12xlarge": "1.80 USD/h",
        "aws/ml.g4dn.xlarge": "0.36 USD/h",
        "aws/ml.p3.2xlarge": "0.72 USD/h",
        "aws/serverless": "0 USD/GB-s",
        "aws/anthropic.claude-3-5-sonnet-20240620-v1:0": "0 USD/1k-tokens",
    ]

    /// Bedrock rows are named without the provider prefix (`anthropic.`, `meta.`).
    static func rowName(ofModel modelId: String) -> String {
        String(modelId[modelId.index(after: modelId.firstIndex(of: ".")!)...])
    }
    static let estimatePerSecond: [String: Decimal] = [
        "llm-prod": Decimal(string: "0.001")!, "embed-prod": Decimal(string: "0.0001")!, "llm-eu": Decimal(string: "0.0006")!,
        "chat-serverless": 0,
    ]

    @Test func reportCarriesTheSeededEstateCountsCostAndBudgetWithoutP99() async throws {
        try await MotoServer.withMotoServer { server in
            let seed = try await MotoSeed.run(against: server, costOrder: ["tag+service"])
            try await Self.withScratchDirectory { scratch in
                let secret = "e2eFakeSecret/\(UInt64.random(in: 0...UInt64.max))"
                let config = try Self.writeConfig(in: scratch, endpointURL: server.url)
                let before = Date()
                let result = try await Self.runBinary(
                    ["report", "--format", "json", "--config", config.path],
                    environment: try Self.environment(scratch: scratch, secret: secret)
                )
                let after = Date()
                let context = "stderr: \(result.err)"

                #expect(result.status == 0, "no alarm line is crossed, so the report exits 0; \(context)")
                #expect(!result.out.contains(secret), "the secret key must not reach stdout")
                #expect(!result.err.contains(secret), "the secret key must not reach stderr")
                for file in try Self.files(under: scratch) {
                    let text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
                    #expect(!text.contains(secret), "the secret key must not reach \(file.lastPathComponent)")
                }

                let raw = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any], "stdout is not JSON: \(result.out)"
                )
                let report = try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
                #expect(report.schema == "burnwatch.report/v1")
                #expect(report.alarm == false)
                let generatedAt = try #require(ISO8601DateFormatter().date(from: report.generated_at))

                try Self.checkInventory(report, seed: seed)
                try Self.checkMetrics(report, raw: raw, seed: seed, generatedAt: generatedAt, between: before, and: after)
                try Self.checkCost(report, seed: seed, between: before, and: after)
                try Self.checkCollector(report, seed: seed)
            }
        }
    }

    // MARK: - Checks

    /// Four SageMaker endpoints and the two Bedrock models in use, in their regions, with the
    /// seeded instance counts, GPUs and serverless limits.
    static func checkInventory(_ report: Report, seed: MotoSeedSummary) throws {
        #expect(report.endpoints.count == 6)
        #expect(report.endpoints.allSatisfy { $0.cloud == "aws" && $0.account == seed.accountId })
        let listed = Set(report.endpoints.map { "\($0.region) \($0.service) \($0.kind) \($0.name)" })
        #expect(listed == [
            "us-east-1 sagemaker-realtime dedicated llm-prod",
            "us-east-1 sagemaker-realtime dedicated embed-prod",
            "us-east-1 sagemaker-serverless serverless chat-serverless",
            "eu-west-1 sagemaker-realtime dedicated llm-eu",
            "us-east-1 bedrock managed-api claude-3-5-sonnet-20240620-v1:0",
            "us-east-1 bedrock managed-api llama3-1-70b-instruct-v1:0",
        ])
        // The seed's own record agrees with the list above (names, regions, serverless or not).
        for endpoint in seed.sageMakerEndpoints {
            let row = try #require(report.endpoints.first { $0.name == endpoint.name })
            #expect(row.region == endpoint.region)
            #expect(row.instance_type == endpoint.instanceType)
            if let count = endpoint.instanceCount {
                #expect(row.replicas.current == Double(count), "\(endpoint.name): replicas")
            }
        }

        let llmProd = try #require(report.endpoint("llm-prod"))
        #expect(llmProd.replicas == Replicas(current: 2, min: nil, max: nil))
        #expect(llmProd.gpu == GPU(name: "T4", memory_gb: 16, count: 4))
        let embed = try #require(report.endpoint("embed-prod"))
        #expect(embed.replicas == Replicas(current: 1, min: nil, max: nil))
        #expect(embed.gpu == GPU(name: "T4", memory_gb: 16, count: 1))
        let llmEU = try #require(report.endpoint("llm-eu"))
        #expect(llmEU.replicas == Replicas(current: 3, min: nil, max: nil))
        #expect(llmEU.gpu == GPU(name: "V100", memory_gb: 16, count: 1))
        // Serverless: no instances; the bound shown is MaxConcurrency (8), usage unknown (no data).
        let serverless = try #require(report.endpoint("chat-serverless"))
        #expect(serverless.instance_type == nil)
        #expect(serverless.gpu == nil)
        #expect(serverless.replicas == Replicas(current: nil, min: nil, max: 8))
        for model in seed.bedrockModels {
            let row = try #require(report.endpoint(rowName(ofModel: model.modelId)))
            #expect(row.region == model.region)
            #expect(row.replicas == Replicas(current: nil, min: nil, max: nil))
            #expect(row.gpu == nil)
        }
    }

    /// Invocations and error rate of the newest minute the round read, equal to what the seed put
    /// in that minute; that minute is the newest one CloudWatch had settled (2 minutes' ingest
    /// delay) while the binary ran. p99 is null, not 0: moto failed the call that asked for it.
    static func checkMetrics(
        _ report: Report, raw: [String: Any], seed: MotoSeedSummary, generatedAt: Date, between before: Date, and after: Date
    ) throws {
        let earliest = newestSettledMinute(at: before), latest = newestSettledMinute(at: after)
        var read: Set<Int> = []
        func minute(_ age: Int?, _ what: String) throws -> Int {
            let age = try #require(age, "\(what) has no age")
            // generated_at has whole seconds and the age is rounded: the nearest whole minute is exact.
            let start = Int(((generatedAt.timeIntervalSince1970 - Double(age)) / 60).rounded()) * 60
            #expect((earliest...latest).contains(start), "\(what): minute \(start) is not the newest settled one (\(earliest)…\(latest))")
            return start
        }
        func seeded(_ minutes: [MotoSeedSummary.Minute], _ start: Int, _ what: String) throws -> [String: Double] {
            try #require(minutes.first { $0.start == start }, "\(what): the seed put nothing in minute \(start)").values
        }

        for endpoint in seed.sageMakerEndpoints {
            let row = try #require(report.endpoint(endpoint.name))
            let start = try minute(row.age_s.invocations_per_min, endpoint.name)
            read.insert(start)
            let values = try seeded(endpoint.minutes, start, endpoint.name)
            let invocations = try #require(values["Invocations"])
            #expect(row.invocations_per_min == invocations, "\(endpoint.name): invocations of minute \(start)")
            let errorMinute = try minute(row.age_s.error_rate, endpoint.name)
            #expect(errorMinute == start)
            let errorRate = try #require(row.error_rate, "\(endpoint.name): error rate")
            // The report writes six significant digits.
            let expected = (values["Invocation4XXErrors"] ?? .nan) / invocations
            #expect(abs(errorRate - expected) <= 1e-5 * expected, "\(endpoint.name): error rate \(errorRate), expected \(expected)")
        }
        for model in seed.bedrockModels {
            let row = try #require(report.endpoint(rowName(ofModel: model.modelId)))
            let start = try minute(row.age_s.invocations_per_min, model.modelId)
            read.insert(start)
            let values = try seeded(model.minutes, start, model.modelId)
            #expect(row.invocations_per_min == values["Invocations"], "\(model.modelId): invocations of minute \(start)")
            // No error metric was put: a minute with invocations and no errors has none.
            #expect(row.error_rate == 0)
        }
        #expect(read.count == 1, "one round reads one window: \(read.sorted())")

        let rawEndpoints = try #require(raw["endpoints"] as? [[String: Any]])
        #expect(rawEndpoints.count == 6)
        for endpoint in rawEndpoints {
            #expect(endpoint["p99_ms"] is NSNull, "\(endpoint["name"] ?? "?"): p99 must be null (unknown), not a number")
            #expect((endpoint["age_s"] as? [String: Any])?["p99_ms"] is NSNull)
            #expect(endpoint["latency_is_percentile"] as? Bool == true)
        }
    }

    /// Month-to-date spend per endpoint and for the account: the seeded daily amounts over the
    /// complete days before today, plus the estimate of today at the pinned prices. The budget
    /// is the seeded one; Cost Explorer's forecast fails, so the month's forecast is the budget's.
    static func checkCost(_ report: Report, seed: MotoSeedSummary, between before: Date, and after: Date) throws {
        let grouping = try #require(seed.costExplorer.queue.first)
        #expect(grouping.groupBy == [["Type": "TAG", "Key": "burnwatch:endpoint"], ["Type": "DIMENSION", "Key": "SERVICE"]])
        let seededFirstDay = try #require(Self.day(seed.costExplorer.timePeriod["Start"] ?? ""))
        var accountDaily = Decimal(0)
        for (key, amount) in grouping.daily { accountDaily += try #require(Decimal(string: amount), "\(key)") }
        // By hand: 120.00 + 18.40 + 75.25 + 3.10 (SageMaker) + 41.30 (Bedrock) + 0.45 (CloudWatch).
        #expect(accountDaily == Decimal(string: "258.50"))

        for endpoint in seed.sageMakerEndpoints {
            let row = try #require(report.endpoint(endpoint.name))
            let daily = try #require(grouping.daily["burnwatch:endpoint$\(endpoint.name)|Amazon SageMaker"].flatMap { Decimal(string: $0) })
            let rate = try #require(estimatePerSecond[endpoint.name])
            let spend = try #require(row.spend_mtd, "\(endpoint.name): spend")
            #expect(spend.currency == "USD")
            let ranges = expectedSpend(
                daily: daily, perSecond: rate, seededFirstDay: seededFirstDay, seededDays: seed.costExplorer.days, between: before, and: after
            )
            #expect(ranges.contains { $0.contains(spend.value) }, "\(endpoint.name): spend \(spend.value) not in \(ranges)")
            if endpoint.instanceType != nil { #expect(row.includes_estimate, "\(endpoint.name): today is an estimate") }
            // Endpoints have no provider forecast: the run rate (the trailing days' average × the
            // month's days) once a complete day is billed; on the 1st there is none yet.
            let billedDays = billedDayCount(seededFirstDay: seededFirstDay, seededDays: seed.costExplorer.days, today: startOfDay(after))
            if startOfDay(before) == startOfDay(after) {
                if billedDays > 0 {
                    #expect(row.forecast_source == "run-rate")
                    #expect(row.forecast_month?.value == daily * Decimal(daysInMonth(of: after)), "\(endpoint.name): run-rate forecast")
                    // The pinned prices estimate less per day than the seeded daily cost: under forecast.
                    #expect(row.state == "ok")
                } else {
                    #expect(row.forecast_month == nil)
                    #expect(row.state == "unknown")
                }
            }
        }
        // Bedrock on demand carries no cost tag: its spend is estimated from CloudWatch's daily
        // token sums × the token prices. Claude's are pinned at 0; Llama 3.1 has none (an issue).
        let claude = try #require(report.endpoint("claude-3-5-sonnet-20240620-v1:0"))
        #expect(claude.spend_mtd == ReportMoney(amount: "0.00", currency: "USD"))
        #expect(claude.includes_estimate)
        let llama = try #require(report.endpoint("llama3-1-70b-instruct-v1:0"))
        #expect(llama.spend_mtd == nil)

        #expect(report.accounts.count == 1)
        let account = try #require(report.accounts.first)
        #expect(account.cloud == "aws")
        #expect(account.account == seed.accountId)
        let spend = try #require(account.spend_mtd)
        let ranges = expectedSpend(
            daily: accountDaily, perSecond: estimatePerSecond.values.reduce(0, +), seededFirstDay: seededFirstDay,
            seededDays: seed.costExplorer.days, between: before, and: after
        )
        #expect(ranges.contains { $0.contains(spend.value) }, "account spend \(spend.value) not in \(ranges)")
        let budget = try #require(seed.budgets.first)
        #expect(account.budget == ReportMoney(amount: budget.limit, currency: "USD"))
        #expect(account.budget?.value == 9000)
        #expect(account.forecast_month?.value == Decimal(string: budget.forecastedSpend), "the budget's forecast stands in for Cost Explorer's")
        #expect(account.forecast_source == "provider")
        #expect(account.state == "ok")
    }

    /// Health, identity, the calls made and their price, and the issues the round got past.
    static func checkCollector(_ report: Report, seed: MotoSeedSummary) throws {
        #expect(report.collectors.count == 1)
        let collector = try #require(report.collectors.first)
        #expect(collector.id == "aws/default")
        #expect(collector.state == "ok")
        #expect(collector.identity == "arn:aws:sts::\(seed.accountId):user/moto")
        #expect(collector.last_error == nil)
        // By hand: STS 1; us-east-1 ListEndpoints 1, DescribeEndpoint 3, DescribeEndpointConfig 3,
        // ListMetrics (Bedrock) 1, ListProvisionedModelThroughputs 1; eu-west-1 the same with one
        // endpoint: 5; GetMetricData with p99 then without, per region: 4; GetCostAndUsage,
        // GetCostForecast, DescribeBudgets and the Bedrock daily token sums (us-east-1): 4.
        // 1 + 9 + 5 + 4 + 4 = 23.
        #expect(collector.calls_today == 23)
        // Failed calls are not billed. GetMetricData without p99: us-east-1 asks 3 + 3 sums for the
        // real-time endpoints, 5 for the serverless one and 6 per Bedrock model (23), eu-west-1 3,
        // the token sums 2 per model (4): 30 metrics × $0.00001; GetCostAndUsage $0.01. $0.0103.
        #expect(collector.api_spend_today_usd == "0.0103")

        let issues = collector.issues
        for region in ["us-east-1", "eu-west-1"] {
            #expect(
                issues.contains { $0.hasPrefix("\(region): p99 latency unavailable this round") && $0.contains("server error 500") },
                "\(region): the percentile failure is reported: \(issues)"
            )
            // moto does not implement ListProvisionedModelThroughputs.
            #expect(issues.contains { $0.hasPrefix("\(region): Bedrock provisioned throughput: ") }, "\(issues)")
        }
        #expect(issues.contains { $0.hasPrefix("Cost Explorer forecast: ") && $0.contains("server error 500") }, "\(issues)")
        #expect(issues.contains { $0.hasPrefix("no token price for meta.llama3-1-70b-instruct-v1:0") }, "\(issues)")
        #expect(issues.count == 6, "nothing else went wrong: \(issues)")
    }

    // MARK: - Expectations worked out from the clock

    /// The start of the newest minute CloudWatch has settled at `time` (2 minutes' ingest delay):
    /// the newest minute a metrics round at `time` reads.
    static func newestSettledMinute(at time: Date) -> Int {
        (Int((time.timeIntervalSince1970 - 120).rounded(.down)) / 60 - 1) * 60
    }

    static func startOfDay(_ time: Date) -> Date {
        Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    static func day(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    static func daysInMonth(of time: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.range(of: .day, in: .month, for: time)!.count
    }

    /// Seeded days that are billed at `today`: before it, and in its month.
    static func billedDayCount(seededFirstDay: Date, seededDays: Int, today: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let monthStart = calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
        return (0..<seededDays).map { seededFirstDay.addingTimeInterval(Double($0) * 86_400) }
            .filter { $0 >= monthStart && $0 < today }.count
    }

    /// The spend a cost round between `before` and `after` reports: the billed days × `daily`,
    /// plus `perSecond` × the seconds since 00:00 UTC (the estimate is rounded to four places and
    /// the report's amount to two). One range per UTC day the run touched.
    static func expectedSpend(
        daily: Decimal, perSecond: Decimal, seededFirstDay: Date, seededDays: Int, between before: Date, and after: Date
    ) -> [ClosedRange<Decimal>] {
        func value(_ time: Date, today: Date) -> Decimal {
            let billed = daily * Decimal(billedDayCount(seededFirstDay: seededFirstDay, seededDays: seededDays, today: today))
            return billed + perSecond * Decimal(time.timeIntervalSince(today))
        }
        let slack = Decimal(string: "0.0051")!
        var spans = [(before, after)]
        if startOfDay(before) != startOfDay(after) {
            spans = [(before, startOfDay(after)), (startOfDay(after), after)]
        }
        return spans.map { from, to in
            let today = startOfDay(from)
            return (value(from, today: today) - slack)...(value(to, today: today) + slack)
        }
    }

    // MARK: - Running the binary

    /// The built `burnwatch` beside the test bundle (SwiftPM builds it first: it is a dependency).
    static func binary() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("burnwatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/burnwatch")
        guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
            throw RunError("the burnwatch binary was not found beside the tests nor at \(fallback.path); run `swift build`")
        }
        return fallback
    }

    /// A clean environment: fake keys, empty AWS config files, and a home, config, state and
    /// cache of its own, so neither the machine's AWS setup nor an earlier run's cost cache is read.
    static func environment(scratch: URL, secret: String) throws -> [String: String] {
        let awsConfig = scratch.appendingPathComponent("aws-config")
        let awsCredentials = scratch.appendingPathComponent("aws-credentials")
        for file in [awsConfig, awsCredentials] {
            guard FileManager.default.createFile(atPath: file.path, contents: Data()) else { throw RunError("cannot create \(file.path)") }
        }
        var directories: [String: String] = [:]
        for (name, variable) in [("home", "HOME"), ("config", "XDG_CONFIG_HOME"), ("state", "XDG_STATE_HOME"), ("cache", "XDG_CACHE_HOME")] {
            let directory = scratch.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            directories[variable] = directory.path
        }
        return directories.merging([
            "PATH": "/usr/bin:/bin",
            "AWS_ACCESS_KEY_ID": "AKIAE2EREPORTEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_CONFIG_FILE": awsConfig.path,
            "AWS_SHARED_CREDENTIALS_FILE": awsCredentials.path,
            "AWS_EC2_METADATA_DISABLED": "true",
        ]) { _, new in new }
    }

    static func writeConfig(in scratch: URL, endpointURL: URL) throws -> URL {
        var text = """
            [[aws]]
            regions = ["us-east-1", "eu-west-1"]
            cost_tag = "burnwatch:endpoint"
            endpoint_url = "\(endpointURL.absoluteString)"

            [prices]

            """
        for (key, value) in prices.sorted(by: { $0.key < $1.key }) { text += "\"\(key)\" = \"\(value)\"\n" }
        let file = scratch.appendingPathComponent("config.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func runBinary(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, out: String, err: String) {
        let binary = try binary()
        return try await withScratchDirectory { directory in
            let outFile = directory.appendingPathComponent("stdout"), errFile = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
            let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
            defer {
                try? out.close()
                try? err.close()
            }
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = out
            process.standardError = err
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                process.terminationHandler = { _ in continuation.resume() }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
            return (
                process.terminationStatus, String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
                String(decoding: try Data(contentsOf: errFile), as: UTF8.self)
            )
        }
    }

    static func withScratchDirectory<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("burnwatch-moto-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    static func files(under directory: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }
}

// MARK: - The report's JSON (burnwatch.report/v1), as far as these checks read it

extension MotoReportEndToEndTests {
    /// A problem running the report (not a wrong number: those are expectations).
    struct RunError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    typealias ReportMoney = ReportDocument.ReportMoney
    typealias GPU = ReportDocument.GPU
    typealias Replicas = ReportDocument.Replicas
    typealias Ages = ReportDocument.Ages
    typealias Endpoint = ReportDocument.Endpoint
    typealias Account = ReportDocument.Account
    typealias Collector = ReportDocument.Collector
    typealias Report = ReportDocument.Report
}
