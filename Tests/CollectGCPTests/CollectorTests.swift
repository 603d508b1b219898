import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectGCP

@Suite struct CollectorTests {
    let now = CollectorFakeProject.now
    let project = CollectorFakeProject()

    func id(_ name: String, _ service: Service = .vertexEndpoint, region: String = "us-central1") -> EndpointID {
        EndpointID(account: "ml-prod", region: region, service: service, name: name)
    }

    func value(_ batch: CollectBatch, _ endpoint: EndpointID, _ metric: Metric, _ hhmm: String) -> Double? {
        batch.samples.first { $0.endpoint == endpoint && $0.metric == metric && $0.time == CollectorFakeProject.minute(hhmm) }?.value
    }

    @Test func inventoryListsEveryLocationAndThePublisherModelsInUse() async throws {
        let transport = project.transport()
        let batch = try await project.collector().collect(.inventory, context: CollectContext(now: now, transport: transport))
        let inventory = try #require(batch.inventory)
        #expect(inventory.map(\.id) == [id("gemini-1.5-flash-002", .vertexPublisherModel), id("llm-prod"), id("sdxl")])
        let llm = try #require(inventory.first { $0.id.name == "llm-prod" })
        #expect(llm.configuration.instanceType == "g2-standard-12" && llm.configuration.gpu == .l4)
        #expect(llm.configuration.minReplicas == 1 && llm.configuration.maxReplicas == 4)
        #expect(inventory.first { $0.id.name == "sdxl" }?.kind == .serverless)
        #expect(inventory.first { $0.id.service == .vertexPublisherModel }?.kind == .managedAPI)
        #expect(batch.samples.map(\.value) == [2, 0])
        #expect(batch.samples.allSatisfy { $0.metric == .replicas && $0.time == now })
        #expect(batch.issues.map(\.message) == [
            "europe-west4: Vertex AI endpoints: permission denied; grant permission aiplatform.endpoints.list (role roles/aiplatform.viewer) to the identity in use",
        ])
        #expect(batch.identity == "service account reader@ml-prod.iam.gserviceaccount.com")
        #expect(transport.calls(.endpoints).map(\.host) == ["us-central1-aiplatform.googleapis.com", "europe-west4-aiplatform.googleapis.com"])
        let headers = try #require(transport.calls(.timeSeries).first)
        #expect(headers.query("view") == "HEADERS")
        #expect(headers.query("interval.startTime") == "2025-06-15T09:57:00Z" && headers.query("interval.endTime") == "2025-06-16T09:57:00Z")
    }

    @Test func metricsAreOneCallPerMetricTypeAndBecomeSamples() async throws {
        let collector = project.collector()
        let transport = project.transport()
        _ = try await collector.collect(.inventory, context: CollectContext(now: now, transport: transport))
        let metricsTransport = project.transport()
        let batch = try await collector.collect(.metrics, context: CollectContext(now: now, transport: metricsTransport))
        #expect(metricsTransport.calls.map(\.kind) == Array(repeating: .timeSeries, count: 8))
        for call in metricsTransport.calls {
            #expect(call.query("interval.startTime") == "2025-06-16T09:52:00Z" && call.query("interval.endTime") == "2025-06-16T09:57:00Z")
        }
        let llm = id("llm-prod")
        let sdxl = id("sdxl")
        let flash = id("gemini-1.5-flash-002", .vertexPublisherModel)
        #expect(value(batch, llm, .p99LatencyMs, "09:56") == 812.4)
        #expect(value(batch, llm, .p99LatencyMs, "09:57") == 790)
        #expect(value(batch, llm, .invocationsPerMinute, "09:56") == 120)
        #expect(value(batch, llm, .errorsPerMinute, "09:56") == 2)
        #expect(value(batch, llm, .errorsPerMinute, "09:57") == 0, "a minute with predictions and no error point had no errors")
        #expect(value(batch, llm, .replicas, "09:57") == 3)
        #expect(!batch.samples.contains { $0.endpoint == llm && $0.metric == .coldStartsPerMinute }, "not a scale-to-zero endpoint")
        #expect(value(batch, sdxl, .p99LatencyMs, "09:57") == nil, "no series, no sample")
        #expect(value(batch, sdxl, .invocationsPerMinute, "09:57") == 3)
        #expect(value(batch, sdxl, .coldStartsPerMinute, "09:56") == 1, "target 1, replicas 0: scaling up from zero")
        #expect(value(batch, sdxl, .coldStartsPerMinute, "09:57") == 0)
        #expect(value(batch, flash, .invocationsPerMinute, "09:55") == 44)
        #expect(value(batch, flash, .errorsPerMinute, "09:55") == 4)
        #expect(value(batch, flash, .p99LatencyMs, "09:55") == 950.5)
        #expect(value(batch, flash, .tokensPerMinute, "09:55") == 24_000)
        // A model first called since the inventory (on the global endpoint) joins it.
        let global = id("gemini-2.0-flash-001", .vertexPublisherModel, region: "global")
        #expect(batch.inventory?.map(\.id).contains(global) == true)
        #expect(value(batch, global, .invocationsPerMinute, "09:57") == 7)
        // Nothing from the asia-east1 endpoint the inventory does not know.
        #expect(!batch.samples.contains { $0.endpoint.region == "asia-east1" })
        // llm-prod 8 (p99, invocations, errors, replicas × 2 minutes), sdxl 6 (invocations, errors,
        // replicas × 2, cold starts × 2), Gemini 1.5 Flash 4, Gemini 2.0 Flash 2.
        #expect(batch.samples.count == 20)
        // Next round's calls are priced from the series each query returned this round.
        let descriptor = collector.descriptor
        #expect(descriptor.pricePerRound[.metrics] == GCPClient.monitoringPrice(series: 1 + 3 + 1 + 2 + 2 + 3 + 1 + 2))
    }

    @Test(arguments: [1, 10, 100])
    func monitoringCallsDoNotGrowWithTheEndpoints(endpoints: Int) async throws {
        var fleet = CollectorFakeProject()
        fleet.endpointCount = endpoints
        let collector = fleet.collector()
        _ = try await collector.collect(.inventory, context: CollectContext(now: now, transport: fleet.transport()))
        let transport = fleet.transport()
        let batch = try await collector.collect(.metrics, context: CollectContext(now: now, transport: transport))
        #expect(transport.calls(.timeSeries).count == 8)
        #expect(transport.requests.count == 8)
        // p99, invocations, errors and replicas for each endpoint's one minute.
        #expect(batch.samples.count == 4 * endpoints)
        #expect(Set(batch.samples.map(\.endpoint)).count == endpoints)
    }

    @Test func costIsTheExportMonthToDateWithTheBudgetAndAnUnbilledEstimate() async throws {
        let collector = project.collector()
        _ = try await collector.collect(.inventory, context: CollectContext(now: now, transport: project.transport()))
        let transport = project.transport()
        let batch = try await collector.collect(.cost, context: CollectContext(now: now, transport: transport))
        #expect(transport.calls.map(\.kind) == [.query, .budgets])
        #expect(transport.calls[0].path == "/bigquery/v2/projects/billing-proj/queries")
        #expect(batch.issues.isEmpty)
        #expect(batch.costs.count == 2)
        let projectRecord = try #require(batch.costs.first { $0.scope == .account(AccountID(cloud: .gcp, account: "ml-prod")) })
        let through = Date(timeIntervalSince1970: 1_750_060_830)  // 08:00:30, two hours before now
        #expect(projectRecord.billedToDate == Money(Decimal(string: "247.25")!, "USD"))
        #expect(projectRecord.billedThrough == through)
        #expect(projectRecord.budget == Money(5000, "USD"))
        #expect(projectRecord.providerForecast == nil)
        // 2 replicas × 2 h × $1.1505 (g2-standard-12 with its L4); sdxl had none.
        #expect(projectRecord.estimatedUnbilled == Money(Decimal(string: "4.602")!, "USD"))
        #expect(projectRecord.burnRatePerHour == Money(Decimal(string: "2.301")!, "USD"))
        #expect(projectRecord.dailySpend.count == 14)
        #expect(projectRecord.dailySpend.suffix(3).map(\.amount) == [Decimal(string: "90.25")!, 145, 12])
        #expect(projectRecord.trailingDailyAverage == Money(Decimal(string: "235.25")! / 7, "USD"))
        let endpoint = try #require(batch.costs.first { $0.scope == .endpoint(id("llm-prod")) })
        #expect(endpoint.billedToDate == Money(Decimal(string: "222.25")!, "USD"))
        #expect(endpoint.estimatedUnbilled == Money(Decimal(string: "4.602")!, "USD"))
        #expect(endpoint.budget == nil)
        // The next query is priced from this one's 50 MB.
        #expect(collector.descriptor.pricePerRound[.cost] == GCPClient.bigQueryPrice(bytes: 52_428_800))
    }

    @Test func withoutABillingExportTheCostRoundSaysSo() async throws {
        var configuration = CollectorFakeProject.configuration
        configuration.billingExport = nil
        let transport = project.transport()
        let batch = try await project.collector(configuration: configuration).collect(.cost, context: CollectContext(now: now, transport: transport))
        #expect(batch.costs.isEmpty)
        #expect(batch.issues.contains { $0.message.hasPrefix("no billing_export configured") })
        #expect(transport.calls(.query).isEmpty)
    }

    @Test(arguments: [(429, "RESOURCE_EXHAUSTED"), (503, "UNAVAILABLE")])
    func throttlesAndOutagesAreThrottles(status: Int, canonical: String) async throws {
        var failing = CollectorFakeProject()
        let answer = GCPFixtures.error(status, canonical)
        failing.failures = [.endpoints: answer, .timeSeries: answer, .query: answer, .budgets: answer]
        for dataClass in DataClass.allCases {
            let error = await #expect(throws: CollectorError.self) {
                _ = try await failing.collector().collect(dataClass, context: CollectContext(now: now, transport: failing.transport()))
            }
            #expect(error?.isThrottle == true, "\(dataClass)")
        }
    }

    @Test func aDenialEverywhereFailsTheRoundAndNamesTheRole() async throws {
        let collector = project.collector()
        _ = try await collector.collect(.inventory, context: CollectContext(now: now, transport: project.transport()))
        var denied = CollectorFakeProject()
        denied.failures = [.timeSeries: GCPFixtures.error(403, "PERMISSION_DENIED", message: "Permission denied")]
        let error = await #expect(throws: CollectorError.self) {
            _ = try await collector.collect(.metrics, context: CollectContext(now: now, transport: denied.transport()))
        }
        #expect(error?.hint == "grant role roles/monitoring.viewer to the identity in use")
    }

    @Test func truncatedJSONIsMalformedAndOtherPartsCarryOn() async throws {
        var partial = CollectorFakeProject()
        partial.locationFailures = ["us-central1": GCPFixtures.ok(#"{"endpoints":[{"name":"projects/1"#)]
        let batch = try await partial.collector().collect(.inventory, context: CollectContext(now: now, transport: partial.transport()))
        #expect(batch.inventory?.map(\.id.name) == ["gemini-1.5-flash-002"])
        #expect(batch.issues.contains { $0.message.hasPrefix("us-central1: Vertex AI endpoints: malformed response: aiplatform endpoints.list: not valid JSON") })

        var broken = partial
        broken.failures = [.timeSeries: GCPFixtures.ok(#"{"timeSeries":[{"#)]
        broken.locationFailures["europe-west4"] = GCPFixtures.ok("{\"endpoints\":")
        let error = await #expect(throws: CollectorError.self) {
            _ = try await broken.collector().collect(.inventory, context: CollectContext(now: now, transport: broken.transport()))
        }
        #expect(error?.kind == "malformed response")
    }

    @Test func expiredCredentialsStopTheRoundAtOnce() async throws {
        let client = GCPClient(
            collector: "gcp/ml-prod", tokens: GCPStaticTokenProvider("ya29.old", expiry: now.addingTimeInterval(-1)), clock: ManualTimeSource(start: now),
            loginHint: "run: gcloud auth application-default login"
        )
        let transport = project.transport()
        let error = await #expect(throws: CollectorError.self) {
            _ = try await GCPCollector(configuration: CollectorFakeProject.configuration, client: client)
                .collect(.inventory, context: CollectContext(now: now, transport: transport))
        }
        #expect(error?.hint == "run: gcloud auth application-default login")
        #expect(transport.requests.isEmpty)
    }
}
