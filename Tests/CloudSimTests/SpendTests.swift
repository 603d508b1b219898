import BurnwatchCore
import CloudSim
import Foundation
import Testing

@Suite struct SpendTests {
    static let prices = SimulatedPriceTable(
        instanceHour: ["aws/test.gpu": 1.5, "gcp/n1-standard-4": Decimal(string: "0.2185")!],
        acceleratorHour: ["gcp/T4": Decimal(string: "0.4025")!],
        thousandTokens: ["aws/test-model": .init(input: Decimal(string: "0.001")!, output: Decimal(string: "0.002")!)],
        unitHour: ["azure/test-ptu-model": 2],
        serverlessGBSecond: Decimal(string: "0.00002")!,
        provisionedConcurrencyGBSecond: Decimal(string: "0.000005")!
    )

    /// Two instances, always (min = max = 2), at $1.50 an hour.
    static func twoInstances() -> SimulatedEndpoint {
        .sageMakerRealtime(
            "pair", account: "111122223333", region: "us-east-1", instanceType: "test.gpu", gpu: .a10g,
            replicas: 2...2, traffic: TrafficProfile(peakInvocationsPerMinute: 50), capacityPerInstance: 100, baseLatencyMs: 100
        )
    }

    func model(_ endpoints: [SimulatedEndpoint], start: Date, accounts: [SimulatedAccount] = []) -> FleetModel {
        FleetModel(scenario: FleetScenario(name: "spend", endpoints: endpoints, accounts: accounts, prices: SpendTests.prices), start: start)
    }

    @Test func instanceHoursAccrueAtTheHourlyPrice() {
        // 2 instances × $1.50/h × 3 h = $9.00.
        let start = utc("2025-06-01T00:00:00Z")
        let fleet = model([SpendTests.twoInstances()], start: start)
        let id = fleet.endpointIDs[0]
        #expect(fleet.spend(of: id, from: start, to: start.addingTimeInterval(3 * 3600)) == Money(9, "USD"))
        // Half an hour, across an hour boundary: $1.50.
        #expect(fleet.spend(of: id, from: start.addingTimeInterval(2700), to: start.addingTimeInterval(4500)) == Money(1.5, "USD"))
        let record = fleet.costRecords(cloud: .aws, at: start.addingTimeInterval(3 * 3600)).first { $0.scope == .endpoint(id) }
        #expect(record?.spendToDate == Money(9, "USD"))
    }

    @Test func monthToDateReachesBackToTheFirstOfTheMonth() throws {
        // Start on the 10th at midnight; three hours in, the month so far is 9 days and 3 hours at $3.00/h.
        let start = utc("2025-06-10T00:00:00Z")
        let now = start.addingTimeInterval(3 * 3600)
        let fleet = model([SpendTests.twoInstances()], start: start)
        let id = fleet.endpointIDs[0]
        let records = fleet.costRecords(cloud: .aws, at: now)
        let endpoint = try #require(records.first { $0.scope == .endpoint(id) })
        #expect(endpoint.month == BillingMonth(year: 2025, month: 6))
        #expect(endpoint.spendToDate == Money(657, "USD"))  // (9 × 24 + 3) × 3.00
        // AWS settles through the last whole hour minus 6 h: 2025-06-09T21:00Z.
        #expect(endpoint.billedThrough == utc("2025-06-09T21:00:00Z"))
        #expect(endpoint.billedToDate == Money(639, "USD"))  // (8 × 24 + 21) × 3.00
        #expect(endpoint.estimatedUnbilled == Money(18, "USD"))  // 6 h × 3.00
        #expect(endpoint.burnRatePerHour == Money(3, "USD"))
        #expect(endpoint.trailingDailyAverage == Money(72, "USD"))
        #expect(endpoint.dailySpend.count == 14)
        #expect(endpoint.dailySpend.last == Money(9, "USD"))  // today so far
        #expect(endpoint.dailySpend.dropLast().allSatisfy { $0 == Money(72, "USD") })
        #expect(endpoint.providerForecast == nil, "per-endpoint forecasts come from the config or the run rate")

        let account = try #require(records.first { $0.scope == .account(id.accountID) })
        #expect(account.spendToDate == Money(657, "USD"))
        // AWS forecasts month to date + trailing average × days left: 657 + 72 × 20.875 = 2,160 (= 30 × 72).
        #expect(account.providerForecast == Money(2160, "USD"))
        // The run-rate forecast of the endpoint gives the same month.
        let runRate = BurnCalculator.forecast(record: endpoint, configured: nil, month: endpoint.month)
        #expect(runRate?.0 == Money(2160, "USD"))
        #expect(runRate?.1 == .runRate)
    }

    @Test func billingLagsDifferByCloudAndNeverPrecedeTheMonth() {
        let now = utc("2025-06-10T03:20:00Z")
        let june = BillingMonth(year: 2025, month: 6)
        #expect(FleetModel.billedThrough(now: now, lag: SimulatedAccount.defaultBillingLag(.gcp), month: june) == utc("2025-06-09T23:00:00Z"))
        #expect(FleetModel.billedThrough(now: now, lag: SimulatedAccount.defaultBillingLag(.azure), month: june) == utc("2025-06-09T19:00:00Z"))
        let early = utc("2025-06-01T02:10:00Z")
        #expect(FleetModel.billedThrough(now: early, lag: 6 * 3600, month: june) == june.start)
    }

    @Test func gcpGivesNoForecastButAWSAndAzureDo() {
        let start = utc("2025-06-16T14:30:00Z")
        let fleet = FleetModel(start: start)
        for cloud in Cloud.allCases {
            let accounts = fleet.costRecords(cloud: cloud, at: start).filter {
                if case .account = $0.scope { return true } else { return false }
            }
            #expect(accounts.count == 1)
            #expect((accounts.first?.providerForecast != nil) == (cloud != .gcp), "\(cloud)")
            #expect(accounts.first?.budget != nil)
            #expect(accounts.first?.trailingDailyAverage != nil)
        }
    }

    @Test func vertexMachinesAddTheirAttachedGPU() {
        // n1-standard-4 ($0.2185/h) + one T4 ($0.4025/h) = $0.621/h; one replica for 10 h = $6.21.
        let endpoint = SimulatedEndpoint.vertexEndpoint(
            "tagger", project: "test-project", region: "us-central1", machineType: "n1-standard-4", gpu: .t4,
            replicas: 1...1, traffic: .flat(10), capacityPerReplica: 100, baseLatencyMs: 50
        )
        let start = utc("2025-06-01T00:00:00Z")
        let fleet = model([endpoint], start: start)
        #expect(fleet.spend(of: fleet.endpointIDs[0], from: start, to: start.addingTimeInterval(36_000)) == Money(Decimal(string: "6.21")!, "USD"))
    }

    @Test func serverlessAccruesGBSecondsOfInvocationTime() {
        // 6 GB × 0.5 s per call × $0.00002 per GB-s = $0.00006 per call, plus provisioned concurrency:
        // 1 × 6 GB × 3600 s × $0.000005 = $0.108 per hour.
        let endpoint = SimulatedEndpoint.sageMakerServerless(
            "sls", account: "111122223333", region: "us-east-1", memoryMB: 6144, maxConcurrency: 10, provisionedConcurrency: 1,
            traffic: .flat(40), invocationSeconds: 0.5, baseLatencyMs: 100, coldStartMs: 5000
        )
        let start = utc("2025-06-01T00:00:00Z")
        let fleet = model([endpoint], start: start)
        let id = fleet.endpointIDs[0]
        let calls = fleet.minutes(of: id, from: start, count: 180).map(\.invocations).reduce(0, +)
        let expected = Double(calls) * 0.000_06 + 3 * 0.108
        let spent = fleet.spend(of: id, from: start, to: start.addingTimeInterval(3 * 3600)).amount
        #expect(abs(NSDecimalNumber(decimal: spent).doubleValue - expected) < 0.000_002)
        #expect(calls > 180 * 30)
    }

    @Test func managedAPIsAccrueTokensOrUnits() {
        let onDemand = SimulatedEndpoint.bedrock(
            "tokens", account: "111122223333", region: "us-east-1", model: "test-model", traffic: .flat(30),
            tokens: TokenMix(input: 1000, output: 200), baseLatencyMs: 900
        )
        let provisioned = SimulatedEndpoint.azureOpenAI(
            "ptu", subscription: "00000000-0000-0000-0000-000000000001", region: "eastus", model: "test-ptu-model", ptu: 3,
            traffic: .flat(30), tokens: TokenMix(input: 1000, output: 200), baseLatencyMs: 900
        )
        let start = utc("2025-06-01T00:00:00Z")
        let fleet = model([onDemand, provisioned], start: start)
        let tokensID = fleet.id(named: "tokens")
        let hour = fleet.minutes(of: tokensID, from: start, count: 60)
        let input = hour.compactMap(\.inputTokens).reduce(0, +)
        let output = hour.compactMap(\.outputTokens).reduce(0, +)
        #expect(input > 0 && output > 0)
        // $0.001 per 1k input tokens, $0.002 per 1k output tokens.
        let expected = Double(input) * 0.000_001 + Double(output) * 0.000_002
        let spent = NSDecimalNumber(decimal: fleet.spend(of: tokensID, from: start, to: start.addingTimeInterval(3600)).amount).doubleValue
        #expect(abs(spent - expected) < 0.000_002)
        // 3 PTUs × $2 per hour, whatever the traffic.
        #expect(fleet.spend(of: fleet.id(named: "ptu"), from: start, to: start.addingTimeInterval(7200)) == Money(12, "USD"))
        #expect(fleet.minute(of: fleet.id(named: "ptu"), containing: start)?.replicas == 3)
    }

    @Test func accountSpendIsTheSumOfItsEndpoints() {
        let start = utc("2025-06-16T14:30:00Z")
        let fleet = FleetModel(start: start)
        let records = fleet.costRecords(at: start.addingTimeInterval(600))
        for account in fleet.accounts {
            guard let total = records.first(where: { $0.scope == .account(account.id) }) else {
                Issue.record("no record for \(account.id)")
                continue
            }
            let parts = records.filter { if case .endpoint(let id) = $0.scope { id.accountID == account.id } else { false } }
            let sum = parts.reduce(Decimal(0)) { $0 + $1.spendToDate.amount }
            #expect(abs(NSDecimalNumber(decimal: sum - total.spendToDate.amount).doubleValue) < 0.0001 * Double(parts.count))
            #expect(total.dailySpend.count == 14)
        }
    }
}
