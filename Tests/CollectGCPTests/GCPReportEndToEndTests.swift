import BurnwatchCollect
import BurnwatchCore
import CloudSim
import BurnwatchTestSupport
import Foundation
import Testing

/// The built `burnwatch report --format json` against the simulated Google Cloud: the binary
/// reads a temporary config with one `[[gcp]]` table pointed at `SimulatedGCPServer` (running
/// in this process on the real clock, over the demo fleet started an hour ago) and a
/// service-account key file made for this run, and every number in its JSON is checked against
/// the fleet model.
///
/// Prices are pinned by the config so the unbilled estimate can be bounded by hand: one replica
/// of each Vertex endpoint costs `replicaHourPrice` per hour; Gemini's tokens cost nothing.
@Suite struct GCPReportEndToEndTests {
    static let project = FleetScenario.demoGCPProject
    /// The demo's Vertex endpoints and publisher models are in these three locations.
    static let locations = ["europe-west4", "us-central1", "us-east5"]

    static let prices: [String: String] = [
        "gcp/n1-standard-4": "0.60 USD/h",
        "gcp/NVIDIA_TESLA_T4": "0.40 USD/h",
        "gcp/a2-highgpu-1g": "3 USD/h",
        "gcp/a3-highgpu-8g": "90 USD/h",
        "gcp/g2-standard-8": "2 USD/h",
        "gcp/gemini-1.5-flash/input-1k": "0 USD/1k-tokens",
        "gcp/gemini-1.5-flash/output-1k": "0 USD/1k-tokens",
    ]

    /// What the demo's Vertex endpoints are, written out from `FleetScenario.demo`, with the price
    /// of one replica under `prices`: n1-standard-4 with one T4 (0.60 + 0.40); the A2, A3 and G2
    /// machine prices include their GPUs.
    struct VertexExpectation {
        var name: String
        var location: String
        var kind: String
        var machine: String
        var gpu: GPU
        var minReplicas: Int
        var maxReplicas: Int
        var replicaHourPrice: Decimal
    }

    static let vertexEndpoints: [VertexExpectation] = [
        VertexExpectation(
            name: "image-tagger-t4", location: "us-central1", kind: "dedicated", machine: "n1-standard-4",
            gpu: GPU(name: "T4", memory_gb: 16, count: 1), minReplicas: 1, maxReplicas: 6, replicaHourPrice: 1
        ),
        VertexExpectation(
            name: "search-llm-a100", location: "europe-west4", kind: "dedicated", machine: "a2-highgpu-1g",
            gpu: GPU(name: "A100", memory_gb: 40, count: 1), minReplicas: 1, maxReplicas: 4, replicaHourPrice: 3
        ),
        VertexExpectation(
            name: "llama-405b-h100", location: "us-central1", kind: "dedicated", machine: "a3-highgpu-8g",
            gpu: GPU(name: "H100", memory_gb: 80, count: 8), minReplicas: 1, maxReplicas: 2, replicaHourPrice: 90
        ),
        // minReplicaCount = 0 (left out of the JSON by proto3): scale to zero, shown as serverless.
        VertexExpectation(
            name: "sdxl-scale-to-zero", location: "us-central1", kind: "serverless", machine: "g2-standard-8",
            gpu: GPU(name: "L4", memory_gb: 24, count: 1), minReplicas: 0, maxReplicas: 2, replicaHourPrice: 2
        ),
    ]

    /// Model Garden models in use: rows named by the model id as called, in their locations.
    static let publisherModels: [(name: String, location: String)] = [
        ("gemini-1.5-flash-002", "us-central1"), ("claude-3-5-sonnet@20240620", "us-east5"),
    ]

    /// Cloud Monitoring publishes a minute 3 minutes after it ends; a round reads 5 minutes.
    static let ingestDelay: TimeInterval = 180
    static let lookbackMinutes = 5
    /// The simulated project's billing export settles 4 hours behind the last whole hour.
    static let billingLag: TimeInterval = 4 * 3600

    @Test func reportCarriesTheDemoProjectsEndpointsMetricsSpendAndBudget() async throws {
        let model = FleetModel(scenario: .demo, start: Date().addingTimeInterval(-3600))
        let account = try SimulatedGCPServiceAccount.generate(project: Self.project)
        let options = SimulatedGCPOptions(serviceAccounts: [account.registration])
        try await withSimulatedGCPServer(model: model, clock: SystemTimeSource(), options: options) { server in
            try await Self.withScratchDirectory { scratch in
                let keyText = account.keyFileJSON(tokenURI: server.tokenURL)
                let keyFile = try Self.writeKeyFile(keyText, in: scratch)
                let config = try Self.writeConfig(in: scratch, server: server)
                let before = Date()
                let result = try await Self.runBinary(
                    ["report", "--format", "json", "--config", config.path],
                    environment: try Self.environment(scratch: scratch, keyFile: keyFile)
                )
                let after = Date()
                let context = "stderr: \(result.err)"

                #expect(result.status == 0, "no alarm line is crossed, so the report exits 0; \(context)")
                try Self.checkNoSecretLeaks(result, keyText: keyText, scratch: scratch, keyFile: keyFile)

                let report = try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
                #expect(report.schema == "burnwatch.report/v1")
                #expect(report.alarm == false)
                let generatedAt = try #require(ISO8601DateFormatter().date(from: report.generated_at))

                try Self.checkInventory(report)
                try Self.checkMetrics(report, model: model, generatedAt: generatedAt, between: before, and: after)
                try Self.checkSpend(report, model: model, between: before, and: after)
                try Self.checkCollector(report, server: server, clientEmail: account.clientEmail)
            }
        }
    }

    /// A key the token endpoint does not know: the token exchange is refused, the collector says
    /// its credentials failed and how to fix it, the report still prints, and the run exits 1
    /// (no collector returned anything).
    @Test func unknownKeyShowsAuthFailedWithAHintAndExitsOne() async throws {
        let model = FleetModel(scenario: .demo, start: Date().addingTimeInterval(-3600))
        let known = try SimulatedGCPServiceAccount.generate(project: Self.project)
        // Same identity, another key: generated but never registered with the simulator.
        let stranger = try SimulatedGCPServiceAccount.generate(project: Self.project)
        let options = SimulatedGCPOptions(serviceAccounts: [known.registration])
        try await withSimulatedGCPServer(model: model, clock: SystemTimeSource(), options: options) { server in
            try await Self.withScratchDirectory { scratch in
                let keyText = stranger.keyFileJSON(tokenURI: server.tokenURL)
                let keyFile = try Self.writeKeyFile(keyText, in: scratch)
                let config = try Self.writeConfig(in: scratch, server: server)
                let result = try await Self.runBinary(
                    ["report", "--format", "json", "--config", config.path],
                    environment: try Self.environment(scratch: scratch, keyFile: keyFile)
                )
                #expect(result.status == 1, "nothing arrived: exit 1; stderr: \(result.err)")
                try Self.checkNoSecretLeaks(result, keyText: keyText, scratch: scratch, keyFile: keyFile)

                let report = try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
                #expect(report.schema == "burnwatch.report/v1")
                #expect(report.endpoints.isEmpty)
                let collector = try #require(report.collectors.first)
                #expect(report.collectors.count == 1)
                #expect(collector.id == "gcp/\(Self.project)")
                #expect(collector.state == "auth failed")
                let error = try #require(collector.last_error, "the refusal is shown")
                #expect(error.contains("Invalid JWT Signature"), "Google's reason is passed on: \(error)")
                let hint = try #require(collector.hint, "the fix is shown")
                #expect(hint.contains("check the service account key \(keyFile.path)"), "the hint names the key file: \(hint)")
                // Only the token endpoint was asked, and refused: no API call went out without a token.
                #expect(server.callCount(.token) >= 1)
                for operation in GCPOperation.allCases where operation != .token {
                    #expect(server.callCount(operation) == 0, "\(operation) was called without a token")
                }
            }
        }
    }

    // MARK: - Checks

    /// Four Vertex endpoints and two publisher models, in their locations, with machine, GPU and
    /// replica bounds as the demo scenario defines them.
    static func checkInventory(_ report: Report) throws {
        #expect(report.endpoints.count == vertexEndpoints.count + publisherModels.count)
        #expect(report.endpoints.allSatisfy { $0.cloud == "gcp" && $0.account == project })
        let listed = Set(report.endpoints.map { "\($0.region) \($0.service) \($0.kind) \($0.name)" })
        #expect(listed == [
            "us-central1 vertex-endpoint dedicated image-tagger-t4",
            "europe-west4 vertex-endpoint dedicated search-llm-a100",
            "us-central1 vertex-endpoint dedicated llama-405b-h100",
            "us-central1 vertex-endpoint serverless sdxl-scale-to-zero",
            "us-central1 vertex-publisher-model managed-api gemini-1.5-flash-002",
            "us-east5 vertex-publisher-model managed-api claude-3-5-sonnet@20240620",
        ])
        for expected in vertexEndpoints {
            let row = try #require(report.endpoint(expected.name))
            #expect(row.region == expected.location)
            #expect(row.kind == expected.kind)
            #expect(row.instance_type == expected.machine, "\(expected.name): machine")
            #expect(row.gpu == expected.gpu, "\(expected.name): GPU")
            #expect(row.replicas.min == expected.minReplicas, "\(expected.name): min replicas")
            #expect(row.replicas.max == expected.maxReplicas, "\(expected.name): max replicas")
        }
        for model in publisherModels {
            let row = try #require(report.endpoint(model.name))
            #expect(row.region == model.location)
            #expect(row.instance_type == nil)
            #expect(row.gpu == nil)
            #expect(row.replicas == Replicas(current: nil, min: nil, max: nil))
        }
    }

    /// p99, invocations and error rate of the newest minute with calls in the window the metrics
    /// round read, equal to the model's values for that minute; replicas as the inventory saw them.
    static func checkMetrics(_ report: Report, model: FleetModel, generatedAt: Date, between before: Date, and after: Date) throws {
        let newestEarliest = newestSettledMinute(at: before), newestLatest = newestSettledMinute(at: after)
        let oldest = newestEarliest.addingTimeInterval(-Double(lookbackMinutes - 1) * 60)
        func minute(_ age: Int?, _ what: String) throws -> Date {
            let age = try #require(age, "\(what) has no age")
            // generated_at has whole seconds and the age is rounded: the nearest whole minute is exact.
            let start = ((generatedAt.timeIntervalSince1970 - Double(age)) / 60).rounded() * 60
            return Date(timeIntervalSince1970: start)
        }
        /// The model's minutes the round could have read, oldest first.
        func window(_ id: EndpointID) -> [EndpointMinute] {
            let count = Int(newestLatest.timeIntervalSince(oldest) / 60) + 1
            return model.minutes(of: id, from: oldest, count: count)
        }

        for expected in vertexEndpoints {
            let id = EndpointID(account: project, region: expected.location, service: .vertexEndpoint, name: expected.name)
            let row = try #require(report.endpoint(expected.name))
            try checkTraffic(row, minutes: window(id), newestEarliest: newestEarliest, minute: minute, p99: { reported, truth in
                // Grouped by endpoint, ALIGN_DELTA + REDUCE_PERCENTILE_99 is the model's own p99 (six digits in the report).
                #expect(abs(reported - truth) <= 1e-5 * truth, "\(expected.name): p99 \(reported), model \(truth)")
            })
            // Replicas: the inventory's availableReplicaCount at its round (the newest sample).
            let current = try #require(row.replicas.current, "\(expected.name): replicas")
            let seen = try minute(row.age_s.replicas, expected.name)
            let ageSeconds = Double(try #require(row.age_s.replicas))
            let observed = generatedAt.addingTimeInterval(-ageSeconds)
            let candidates = [observed.addingTimeInterval(-1), observed, observed.addingTimeInterval(1)]
                .compactMap { model.minute(of: id, containing: $0)?.replicas }.map(Double.init)
            #expect(candidates.contains(current), "\(expected.name): replicas \(current) (seen \(seen)), model \(candidates)")
            #expect(current >= Double(expected.minReplicas) && current <= Double(expected.maxReplicas))
        }
        for expected in publisherModels {
            let name = expected.name
            let key = model.endpointIDs.first { $0.service == .vertexPublisherModel && $0.region == expected.location && model.endpoint($0)?.configuration.model == name }
            let id = try #require(key, "the demo has no publisher model \(name)")
            let row = try #require(report.endpoint(name))
            try checkTraffic(row, minutes: window(id), newestEarliest: newestEarliest, minute: minute, p99: { reported, truth in
                // Publisher latency series mix latency_type model and overhead: the merged p99 lies
                // above the overhead's and below the total's.
                #expect(reported > 0 && reported < truth, "\(name): p99 \(reported), model's total \(truth)")
            })
        }
    }

    /// One row's traffic figures against the model's minutes.
    static func checkTraffic(
        _ row: Endpoint, minutes: [EndpointMinute], newestEarliest: Date, minute: (Int?, String) throws -> Date,
        p99: (Double, Double) -> Void
    ) throws {
        let busy = minutes.filter { $0.invocations > 0 }
        guard row.invocations_per_min != nil || !busy.filter({ $0.start <= newestEarliest }).isEmpty else {
            // No call in any minute the round read: no data, not zero.
            #expect(row.p99_ms == nil && row.error_rate == nil, "\(row.name): figures without calls")
            return
        }
        let invocations = try #require(row.invocations_per_min, "\(row.name): the model has calls in the window")
        let start = try minute(row.age_s.invocations_per_min, row.name)
        let truth = try #require(minutes.first { $0.start == start }, "\(row.name): minute \(start) is outside the window read")
        #expect(invocations == Double(truth.invocations), "\(row.name): invocations of minute \(start)")
        // It is the newest minute with calls that the round certainly read.
        #expect(!busy.contains { $0.start > start && $0.start <= newestEarliest }, "\(row.name): a newer minute with calls was skipped")
        let errorRate = try #require(row.error_rate, "\(row.name): error rate")
        #expect(try minute(row.age_s.error_rate, row.name) == start)
        let expectedRate = Double(truth.errors) / Double(truth.invocations)
        #expect(abs(errorRate - expectedRate) <= 1e-5 * max(expectedRate, 1e-9), "\(row.name): error rate \(errorRate), model \(expectedRate)")
        let latency = try #require(row.p99_ms, "\(row.name): p99")
        #expect(try minute(row.age_s.p99_ms, row.name) == start)
        p99(latency, try #require(truth.p99LatencyMs))
    }

    /// Month-to-date spend per Vertex endpoint: the billing export's settled spend (worked out
    /// from the model, day by day in micro-dollars, as the export rows are) plus burnwatch's
    /// estimate since the export's last row, which is bounded by the replicas the model had in
    /// the rounds' minutes × the pinned price × the hours since then. The run-rate forecast comes
    /// from the export's complete days alone, so it checks the billed figures to the cent.
    static func checkSpend(_ report: Report, model: FleetModel, between before: Date, and after: Date) throws {
        let oldest = newestSettledMinute(at: before).addingTimeInterval(-Double(lookbackMinutes - 1) * 60)
        let replicaMinutes = Int(after.timeIntervalSince(oldest) / 60) + 1
        // One expectation per instant the cost round may have run at (the hour or the day may turn).
        let instants = [before, after]
        var accountLow: [Decimal] = instants.map { _ in 0 }, accountHigh: [Decimal] = instants.map { _ in 0 }

        for expected in vertexEndpoints {
            let id = EndpointID(account: project, region: expected.location, service: .vertexEndpoint, name: expected.name)
            let row = try #require(report.endpoint(expected.name))
            let spend = try #require(row.spend_mtd, "\(expected.name): spend")
            #expect(spend.currency == "USD")
            #expect(row.includes_estimate, "\(expected.name): the unbilled hours are estimated")
            let replicas = model.minutes(of: id, from: oldest, count: replicaMinutes).compactMap(\.replicas)
            let fewest = Decimal(try #require(replicas.min())), most = Decimal(try #require(replicas.max()))
            var ranges: [ClosedRange<Decimal>] = []
            for (index, instant) in instants.enumerated() {
                let settled = billedThrough(at: instant)
                let billed = billedSpend(model: model, id: id, month: BillingMonth.containing(instant), settled: settled)
                let hoursLow = Decimal(max(0, before.timeIntervalSince(settled)) / 3600), hoursHigh = Decimal(after.timeIntervalSince(settled) / 3600)
                let low = expected.replicaHourPrice * fewest * hoursLow, high = expected.replicaHourPrice * most * hoursHigh
                accountLow[index] += low
                accountHigh[index] += high
                // The estimate is rounded to four places, the report's amount to two.
                ranges.append((billed + low - Decimal(string: "0.0051")!)...(billed + high + Decimal(string: "0.0051")!))
            }
            #expect(ranges.contains { $0.contains(spend.value) }, "\(expected.name): spend \(spend.value) not in \(ranges)")
            // Google gives no forecast: the run rate of the export's complete days this month.
            let forecasts = instants.map { runRateForecast(model: model, ids: [id], at: $0) }
            if let forecast = row.forecast_month {
                #expect(row.forecast_source == "run-rate")
                #expect(forecasts.contains { $0 == forecast.amount }, "\(expected.name): forecast \(forecast.amount), expected one of \(forecasts)")
            } else {
                #expect(forecasts.contains { $0 == nil }, "\(expected.name): the run-rate forecast is missing")
            }
        }

        // Model Garden models: the export's rows for `…/publishers/{p}/models/{model}` are theirs.
        // Their estimate since the last row is tokens × price, so the billed part is a floor; the
        // run-rate forecast comes from the export's complete days alone and checks it exactly.
        for expected in publisherModels {
            let key = model.endpointIDs.first {
                $0.service == .vertexPublisherModel && $0.region == expected.location && model.endpoint($0)?.configuration.model == expected.name
            }
            let id = try #require(key, "the demo has no publisher model \(expected.name)")
            let row = try #require(report.endpoint(expected.name))
            let spend = try #require(row.spend_mtd, "\(expected.name): spend")
            let floors = instants.map { billedSpend(model: model, id: id, month: BillingMonth.containing($0), settled: billedThrough(at: $0)) }
            #expect(floors.contains { spend.value >= $0 - Decimal(string: "0.0051")! }, "\(expected.name): spend \(spend.value), billed \(floors)")
            let forecasts = instants.map { runRateForecast(model: model, ids: [id], at: $0) }
            if let forecast = row.forecast_month {
                #expect(forecasts.contains { $0 == forecast.amount }, "\(expected.name): forecast \(forecast.amount), expected one of \(forecasts)")
            } else {
                #expect(forecasts.contains { $0 == nil }, "\(expected.name): the run-rate forecast is missing")
            }
        }

        #expect(report.accounts.count == 1)
        let account = try #require(report.accounts.first)
        #expect(account.cloud == "gcp")
        #expect(account.account == project)
        // The project's only budget: 140,000 USD a month from the Budget API.
        #expect(account.budget == ReportMoney(amount: "140000.00", currency: "USD"))
        // All the project's settled spend (publisher models included) plus the endpoints' estimates
        // (Gemini's tokens are priced at 0; Claude on Vertex has no price).
        let all = model.endpointIDs.filter { $0.account == project }
        let spend = try #require(account.spend_mtd)
        let ranges = instants.enumerated().map { index, instant in
            let settled = billedThrough(at: instant)
            let billed = all.reduce(Decimal(0)) { $0 + billedSpend(model: model, id: $1, month: BillingMonth.containing(instant), settled: settled) }
            return (billed + accountLow[index] - Decimal(string: "0.0051")!)...(billed + accountHigh[index] + Decimal(string: "0.0051")!)
        }
        #expect(ranges.contains { $0.contains(spend.value) }, "project spend \(spend.value) not in \(ranges)")
        let forecasts = instants.map { runRateForecast(model: model, ids: all, at: $0) }
        #expect(forecasts.contains { $0 == account.forecast_month?.amount }, "project forecast \(String(describing: account.forecast_month)), expected one of \(forecasts)")
        // Spend to date follows the run rate it is measured against: well under the 1.5× line.
        if account.forecast_month != nil { #expect(account.state == "ok") }
    }

    /// Health, identity, the calls made and their price.
    static func checkCollector(_ report: Report, server: SimulatedGCPServer, clientEmail: String) throws {
        #expect(report.collectors.count == 1)
        let collector = try #require(report.collectors.first)
        #expect(collector.id == "gcp/\(project)")
        #expect(collector.state == "ok")
        #expect(collector.identity == "service account \(clientEmail)")
        #expect(collector.last_error == nil)
        #expect(collector.hint == nil)
        #expect(collector.issues.isEmpty, "nothing went wrong: \(collector.issues)")
        // By hand: one token exchange (the token lasts the run); inventory: endpoints.list in each of
        // the 3 locations and one timeSeries.list for the publisher models in use; metrics: one
        // timeSeries.list per metric type (8: 5 endpoint, 3 publisher), single pages; cost: one
        // jobs.query (complete at once) and one budgets.list. 1 + 3 + 1 + 8 + 1 + 1 = 15.
        #expect(server.callCount(.token) == 1)
        #expect(server.callCount(.listEndpoints) == 3)
        #expect(server.callCount(.listTimeSeries) == 9)
        #expect(server.callCount(.query) == 1)
        #expect(server.callCount(.getQueryResults) == 0)
        #expect(server.callCount(.listBudgets) == 1)
        #expect(collector.calls_today == 15)
        // Priced before sending: the first metrics round guesses one series per endpoint and query,
        // 5 × 4 + 3 × 2 = 26 series at $0.50 per million ($0.000013); the publisher-model inventory
        // guesses 0; BigQuery's 10 MiB minimum at $6.25 per TiB is $0.0000596. $0.0000726 in all,
        // shown to four places.
        #expect(collector.api_spend_today_usd == "0.0001")
    }

    /// stdout, stderr and every file the run left (config, cache, state) hold neither the private
    /// key, nor the key file, nor an access token (`ya29.`), nor a signed assertion.
    static func checkNoSecretLeaks(_ result: (status: Int32, out: String, err: String), keyText: String, scratch: URL, keyFile: URL) throws {
        let keyJSON = try #require(try JSONSerialization.jsonObject(with: Data(keyText.utf8)) as? [String: Any])
        let pem = try #require(keyJSON["private_key"] as? String)
        // The PEM's base64 lines, each long enough to be unmistakable.
        let pemLines = pem.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count >= 40 }
        #expect(!pemLines.isEmpty)
        var texts = [("stdout", result.out), ("stderr", result.err)]
        for file in files(under: scratch) where file.standardizedFileURL.path != keyFile.standardizedFileURL.path {
            texts.append((file.lastPathComponent, String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)))
        }
        for (name, text) in texts {
            #expect(!text.contains(keyText), "the key file's contents reach \(name)")
            #expect(!text.contains("PRIVATE KEY"), "a private key reaches \(name)")
            for line in pemLines { #expect(!text.contains(line), "the private key reaches \(name)") }
            #expect(!text.contains("ya29."), "an access token reaches \(name)")
            #expect(!text.contains("eyJhbGciOi"), "a signed JWT assertion reaches \(name)")
        }
    }

    // MARK: - Expectations worked out from the model and the clock

    /// The start of the newest minute Cloud Monitoring has published at `time` (3 minutes'
    /// delay): the newest minute a metrics round at `time` reads.
    static func newestSettledMinute(at time: Date) -> Date {
        Date(timeIntervalSince1970: (((time.timeIntervalSince1970 - ingestDelay) / 60).rounded(.down) - 1) * 60)
    }

    /// The end of the export's settled spend at `time`: the last whole hour minus 4 hours.
    static func billedThrough(at time: Date) -> Date {
        let month = BillingMonth.containing(time)
        let hour = (time.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        return max(month.start, Date(timeIntervalSince1970: hour - billingLag))
    }

    /// The export's net spend of one endpoint on each UTC day of `month` up to `settled`, as its
    /// rows carry it (micro-dollars per day), in `[from, before)`; days without spend are zero.
    static func exportedDays(model: FleetModel, id: EndpointID, month: BillingMonth, settled: Date) -> [(day: Date, net: Decimal)] {
        var days: [(Date, Decimal)] = []
        var day = month.start
        while day < settled {
            let end = min(day.addingTimeInterval(86_400), month.end)
            days.append((day, model.spend(of: id, from: day, to: min(end, settled)).amount))
            day = end
        }
        return days
    }

    static func billedSpend(model: FleetModel, id: EndpointID, month: BillingMonth, settled: Date) -> Decimal {
        exportedDays(model: model, id: id, month: month, settled: settled).reduce(Decimal(0)) { $0 + $1.net }
    }

    /// The month's run-rate forecast at `time`, as the report shows it: the mean of the export's
    /// complete days of the last week this month (before today) × the days of the month; nil on
    /// the 1st. Rounded to cents.
    static func runRateForecast(model: FleetModel, ids: [EndpointID], at time: Date) -> String? {
        let month = BillingMonth.containing(time)
        let today = Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let from = max(month.start, today.addingTimeInterval(-7 * 86_400))
        let count = Int((today.timeIntervalSince(from) / 86_400).rounded())
        guard count > 0 else { return nil }
        let settled = billedThrough(at: time)
        var total = Decimal(0)
        for id in ids {
            total += exportedDays(model: model, id: id, month: month, settled: settled)
                .filter { $0.day >= from && $0.day < today }.reduce(Decimal(0)) { $0 + $1.net }
        }
        return Money(total / Decimal(count) * Decimal(month.days), "USD").decimalString
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
            .deletingLastPathComponent().appendingPathComponent(".build/debug/burnwatch")
        guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
            throw RunError("the burnwatch binary was not found beside the tests nor at \(fallback.path); run `swift build`")
        }
        return fallback
    }

    /// A clean environment: the key file as Application Default Credentials, no metadata server,
    /// no AWS variables, and a home, config, state and cache of its own, so neither the machine's
    /// gcloud setup nor an earlier run's cost cache is read.
    static func environment(scratch: URL, keyFile: URL) throws -> [String: String] {
        var variables: [String: String] = [
            "PATH": "/usr/bin:/bin",
            "GOOGLE_APPLICATION_CREDENTIALS": keyFile.path,
            "NO_GCE_CHECK": "true",
        ]
        for (name, variable) in [("home", "HOME"), ("config", "XDG_CONFIG_HOME"), ("state", "XDG_STATE_HOME"), ("cache", "XDG_CACHE_HOME")] {
            let directory = scratch.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            variables[variable] = directory.path
        }
        return variables
    }

    /// The key file, readable by its owner only (as `gcloud iam service-accounts keys create` leaves it).
    static func writeKeyFile(_ text: String, in scratch: URL) throws -> URL {
        let directory = scratch.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("burnwatch-sa.json")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw RunError("cannot create \(file.path)")
        }
        return file
    }

    static func writeConfig(in scratch: URL, server: SimulatedGCPServer) throws -> URL {
        let base = server.baseURL.absoluteString
        var text = """
            [[gcp]]
            project = "\(project)"
            locations = [\(locations.map { "\"\($0)\"" }.joined(separator: ", "))]
            billing_export = "\(SimulatedGCPOptions.defaultBillingExportTable)"
            billing_account = "\(SimulatedGCPOptions.defaultBillingAccount)"

            [gcp.endpoints]
            aiplatform = "\(base)"
            monitoring = "\(base)"
            bigquery = "\(base)"
            billingbudgets = "\(base)"
            token = "\(server.tokenURL.absoluteString)"

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
            .appendingPathComponent("burnwatch-gcp-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    static func files(under directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }
}

// MARK: - The report's JSON (burnwatch.report/v1), as far as these checks read it

extension GCPReportEndToEndTests {
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
