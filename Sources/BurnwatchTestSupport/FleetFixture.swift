import BurnwatchCore
import Foundation

/// A small hand-built fleet for renderer and report tests at a fixed instant, covering every service, band and health state the screens draw.
public enum FleetFixture {
    /// 2026-11-16 14:30 UTC: a little past the middle of a 30-day month.
    public static let now = Date(timeIntervalSince1970: 1_794_839_400)

    public static func usd(_ text: String) -> Money { Money(Decimal(string: text)!, "USD") }

    public static let endpoints: [Endpoint] = [
        Endpoint(id: EndpointID(account: "123456789012", region: "us-east-1", service: .sageMakerRealtime, name: "llm-chat-prod"),
                 configuration: EndpointConfiguration(instanceType: "ml.g5.2xlarge", gpu: .a10g, gpuCount: 1, minReplicas: 2, maxReplicas: 8),
                 status: "InService"),
        Endpoint(id: EndpointID(account: "123456789012", region: "us-east-1", service: .sageMakerRealtime, name: "rerank-p4d-oops"),
                 configuration: EndpointConfiguration(instanceType: "ml.p4d.24xlarge", gpu: .a100_40, gpuCount: 8, minReplicas: 1, maxReplicas: 2),
                 status: "InService"),
        Endpoint(id: EndpointID(account: "123456789012", region: "eu-west-1", service: .sageMakerServerless, name: "embed-serverless"),
                 configuration: EndpointConfiguration(serverlessMemoryMB: 6144, maxConcurrency: 50, provisionedConcurrency: 2)),
        Endpoint(id: EndpointID(account: "123456789012", region: "us-east-1", service: .bedrock, name: "anthropic.claude-3-haiku"),
                 configuration: EndpointConfiguration(model: "anthropic.claude-3-haiku")),
        Endpoint(id: EndpointID(account: "ml-prod-123", region: "us-central1", service: .vertexEndpoint, name: "vision-t4"),
                 configuration: EndpointConfiguration(instanceType: "n1-standard-4", gpu: .t4, gpuCount: 1, minReplicas: 0, maxReplicas: 4)),
        Endpoint(id: EndpointID(account: "ml-prod-123", region: "europe-west4", service: .vertexPublisherModel, name: "gemini-1.5-flash"),
                 configuration: EndpointConfiguration(model: "gemini-1.5-flash")),
        Endpoint(id: EndpointID(account: "4f1c2a9e-0000-4000-8000-00000000abcd", region: "eastus", service: .azureMLOnline, name: "summarise-a100"),
                 configuration: EndpointConfiguration(instanceType: "Standard_NC24ads_A100_v4", gpu: .a100_80, gpuCount: 1, minReplicas: 1, maxReplicas: 3)),
        Endpoint(id: EndpointID(account: "4f1c2a9e-0000-4000-8000-00000000abcd", region: "swedencentral", service: .azureOpenAI, name: "gpt-4o-ptu"),
                 configuration: EndpointConfiguration(provisionedUnits: 100, model: "gpt-4o")),
    ]

    /// Per endpoint: p99 ms, invocations/min, errors/min, replicas or concurrency, spend MTD, trailing daily average, rate per hour.
    static let figures: [(Double, Double, Double, Double?, String, String, String)] = [
        (412, 1830, 4, 4, "2410.50", "160", "6.1"),
        (95, 240, 0, 2, "3120.00", "80", "65.54"),
        (1840, 55, 2, 3, "88.20", "6.5", "0.4"),
        (690, 12_400, 31, nil, "1290.75", "82", "3.8"),
        (240, 310, 0, 1, "402.10", "28", "1.1"),
        (530, 5200, 0, nil, "610.00", "38", "1.7"),
        (380, 900, 12, 3, "1765.30", "110", "4.4"),
        (1240, 2100, 0, nil, "5400.00", "360", "15"),
    ]

    public static func state(columns: Int, rows: Int, screen: Screen = .fleet) -> AppState {
        var state = AppState(settings: Settings(themeNames: ["default", "light"]), now: now)
        _ = state.apply(.resize(columns: columns, rows: rows))
        let month = BillingMonth.containing(now)
        var samples: [MetricSample] = []
        var costs: [CostRecord] = []
        for (index, endpoint) in endpoints.enumerated() {
            let (p99, invocations, errors, replicas, spend, daily, rate) = figures[index]
            // An hour of history with a gentle wave, ending two minutes ago (the ingest delay).
            for minute in 0..<60 {
                let time = now.addingTimeInterval(Double(-120 - 60 * (59 - minute)))
                let wave = 1 + 0.25 * sin(Double(minute + index * 7) / 9)
                if index == 4 && minute > 40 { continue }  // vision-t4 went quiet: a gap, not zeros.
                samples.append(MetricSample(endpoint: endpoint.id, metric: .p99LatencyMs, time: time, value: p99 * wave))
                samples.append(MetricSample(endpoint: endpoint.id, metric: .invocationsPerMinute, time: time, value: (invocations * wave).rounded()))
                samples.append(MetricSample(endpoint: endpoint.id, metric: .errorsPerMinute, time: time, value: errors))
                if let replicas {
                    let metric: Metric = endpoint.kind == .serverless ? .concurrency : .replicas
                    samples.append(MetricSample(endpoint: endpoint.id, metric: metric, time: time, value: replicas))
                }
                if endpoint.kind == .managedAPI {
                    samples.append(MetricSample(endpoint: endpoint.id, metric: .tokensPerMinute, time: time, value: invocations * 850 * wave))
                }
            }
            costs.append(CostRecord(
                scope: .endpoint(endpoint.id), month: month, billedToDate: usd(spend), billedThrough: now.addingTimeInterval(-3 * 3600),
                estimatedUnbilled: usd(rate).multiplied(by: 3), burnRatePerHour: usd(rate), trailingDailyAverage: usd(daily),
                dailySpend: (0..<14).map { day in usd(daily).multiplied(by: Decimal(1 + (day % 5)) / 3) }, fetchedAt: now.addingTimeInterval(-1800)))
        }
        let accounts: [(String, Cloud, String, String?, String?)] = [
            ("123456789012", .aws, "6909.45", "11800", "15000"),
            ("ml-prod-123", .gcp, "1012.10", nil, "3000"),
            ("4f1c2a9e-0000-4000-8000-00000000abcd", .azure, "7165.30", "13500", "12000"),
        ]
        for (account, cloud, spend, forecast, budget) in accounts {
            costs.append(CostRecord(
                scope: .account(AccountID(cloud: cloud, account: account)), month: month, billedToDate: usd(spend),
                billedThrough: now.addingTimeInterval(-3 * 3600), estimatedUnbilled: usd("31.40"),
                providerForecast: forecast.map(usd), budget: budget.map(usd), burnRatePerHour: usd("22"),
                trailingDailyAverage: usd("64"), dailySpend: (0..<14).map { usd(String(300 + ($0 * 37) % 120)) },
                fetchedAt: now.addingTimeInterval(cloud == .azure ? -9 * 3600 : -1800)))
        }
        _ = state.apply(.batch(CollectBatch(collector: "sim/aws", dataClass: .inventory, fetchedAt: now, inventory: Array(endpoints[0..<4]))))
        _ = state.apply(.batch(CollectBatch(collector: "sim/gcp", dataClass: .inventory, fetchedAt: now, inventory: Array(endpoints[4..<6]))))
        _ = state.apply(.batch(CollectBatch(collector: "sim/azure", dataClass: .inventory, fetchedAt: now, inventory: Array(endpoints[6..<8]))))
        _ = state.apply(.batch(CollectBatch(collector: "sim/aws", dataClass: .metrics, fetchedAt: now, samples: samples, costs: costs)))
        _ = state.apply(.health(CollectorHealth(
            id: "sim/aws", cloud: .aws, title: "Simulated AWS (123456789012)",
            identity: "arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/demo", state: .ok,
            lastSuccess: [.metrics: now.addingTimeInterval(-20), .inventory: now.addingTimeInterval(-200), .cost: now.addingTimeInterval(-1800)],
            nextPoll: [.metrics: now.addingTimeInterval(40), .inventory: now.addingTimeInterval(100), .cost: now.addingTimeInterval(12_600)],
            callsToday: 412, spendToday: Decimal(string: "0.184")!)))
        _ = state.apply(.health(CollectorHealth(
            id: "sim/gcp", cloud: .gcp, title: "Simulated GCP (ml-prod-123)", identity: "burnwatch@ml-prod-123.iam.gserviceaccount.com",
            state: .ok, lastSuccess: [.metrics: now.addingTimeInterval(-35)], nextPoll: [.metrics: now.addingTimeInterval(25)],
            callsToday: 96, spendToday: Decimal(string: "0.012")!)))
        _ = state.apply(.health(CollectorHealth(
            id: "sim/azure", cloud: .azure, title: "Simulated Azure (4f1c2a9e…abcd)", identity: "tenant 72f988bf… client 0e3c…",
            state: .throttled(until: now.addingTimeInterval(95)), lastSuccess: [.metrics: now.addingTimeInterval(-300)],
            nextPoll: [.metrics: now.addingTimeInterval(95)], callsToday: 58, spendToday: 0,
            lastError: "HTTP 529: metrics:getBatch throttled (Retry-After 95)", retries: 2)))
        _ = state.apply(.tick(now))
        switch screen {
        case .detail:
            _ = state.apply(.key(.enter))
        case .budgets:
            _ = state.apply(.key(.character("2")))
        case .collectors:
            _ = state.apply(.key(.character("3")))
            _ = state.apply(.key(.character("G")))
        case .help:
            _ = state.apply(.key(.character("?")))
        case .fleet:
            break
        }
        return state
    }
}
