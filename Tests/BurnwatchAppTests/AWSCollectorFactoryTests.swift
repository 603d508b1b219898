import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import BurnwatchApp

@Suite struct AWSCollectorFactoryTests {
    func usd(_ text: String) -> Money { Money(Decimal(string: text)!, "USD") }

    func factory(_ environment: [String: String], home: String = "/nonexistent-home") -> AWSCollectorFactory {
        AWSCollectorFactory(environment: environment, homeDirectory: home, clock: ManualTimeSource(start: Date(timeIntervalSince1970: 1_750_000_000)), cadences: .default)
    }

    @Test func pricesMapToThePriceTablesKeys() {
        let entries = [
            PriceEntry(cloud: .aws, sku: "ml.g5.2xlarge", price: usd("1.515"), unit: .hour),
            PriceEntry(cloud: .aws, sku: "serverless", price: usd("0.00002"), unit: .gigabyteSecond),
            PriceEntry(cloud: .aws, sku: "anthropic.claude-3-opus-20240229-v1:0/input", price: usd("0.015"), unit: .thousandTokens),
            PriceEntry(cloud: .aws, sku: "anthropic.claude-3-opus-20240229-v1:0/output", price: usd("0.075"), unit: .thousandTokens),
            PriceEntry(cloud: .aws, sku: "meta.llama3-8b-instruct-v1:0", price: usd("0.0003"), unit: .thousandTokens),
            PriceEntry(cloud: .aws, sku: "meta.llama3-1-8b-instruct-v1:0/model-unit", price: usd("21.18"), unit: .hour),
            PriceEntry(cloud: .gcp, sku: "n1-standard-4", price: usd("0.19"), unit: .hour),
        ]
        #expect(AWSCollectorFactory.prices(entries) == [
            "ml.g5.2xlarge": usd("1.515"),
            "serverless/gb-second": usd("0.00002"),
            "anthropic.claude-3-opus-20240229-v1:0/input-1k": usd("0.015"),
            "anthropic.claude-3-opus-20240229-v1:0/output-1k": usd("0.075"),
            "meta.llama3-8b-instruct-v1:0/input-1k": usd("0.0003"),
            "meta.llama3-8b-instruct-v1:0/output-1k": usd("0.0003"),
            "meta.llama3-1-8b-instruct-v1:0/model-unit-hour": usd("21.18"),
        ])
    }

    @Test func withoutAConfigTheDefaultChainIsWatchedOnlyWhenAWSCredentialsAreSeen() {
        let none = CredentialProbe(environment: [:], fileExists: { _ in false })
        #expect(factory([:]).accounts(config: nil, probe: none).isEmpty)
        let keys = CredentialProbe(environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE"], fileExists: { _ in false })
        #expect(factory([:]).accounts(config: nil, probe: keys) == [BurnwatchConfig.AWSAccount()])
        // A config without [[aws]] tables watches no AWS account, whatever the environment holds.
        #expect(factory([:]).accounts(config: BurnwatchConfig(), probe: keys).isEmpty)
    }

    @Test func aProfileThatDoesNotExistBecomesACollectorThatSaysSo() async throws {
        let collector = factory(["AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials"])
            .collector(for: BurnwatchConfig.AWSAccount(profile: "ml-prod", regions: ["us-east-1"]), prices: [:])
        #expect(collector.descriptor.id == "aws/ml-prod")
        #expect(collector.descriptor.cloud == .aws)
        do {
            _ = try await collector.collect(.metrics, context: CollectContext(now: Date(), transport: NoNetworkTransport()))
            Issue.record("expected the round to fail")
        } catch let error as CollectorError {
            #expect(error.kind == "misconfigured")
            #expect(error.detail.contains("profile ml-prod"))
        }
    }

    @Test func noRegionAnywhereIsAMisconfigurationNamingTheFix() async throws {
        let collector = factory(["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-a-real-secret-value"])
            .collector(for: BurnwatchConfig.AWSAccount(), prices: [:])
        do {
            _ = try await collector.collect(.inventory, context: CollectContext(now: Date(), transport: NoNetworkTransport()))
            Issue.record("expected the round to fail")
        } catch let error as CollectorError {
            #expect(error.kind == "misconfigured")
            #expect(error.detail.contains("regions = [\"us-east-1\"]"))
            #expect(error.detail.contains("AWS_REGION"))
            #expect(!error.detail.contains("not-a-real-secret-value"))
        }
    }

    @Test func theRegionComesFromTheEnvironmentWhenTheTableHasNone() {
        let collector = factory(["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "eu-west-1"])
            .collector(for: BurnwatchConfig.AWSAccount(), prices: [:])
        #expect(collector.descriptor.id == "aws/default")
        #expect(collector.descriptor.title.contains("eu-west-1"))
    }
}
