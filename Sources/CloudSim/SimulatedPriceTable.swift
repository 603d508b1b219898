import BurnwatchCore
import Foundation

/// List prices the simulator charges, in USD. Approximate public on-demand prices, for the
/// simulation only: the user-facing price table (with `[prices]` overrides) lives elsewhere.
public struct SimulatedPriceTable: Sendable, Hashable {
    /// Per input and per output 1,000 tokens.
    public struct TokenPrice: Sendable, Hashable {
        public var input: Decimal
        public var output: Decimal

        public init(input: Decimal, output: Decimal) {
            self.input = input
            self.output = output
        }
    }

    /// Per instance-hour, keyed `cloud/type` (`aws/ml.g5.2xlarge`, `gcp/a2-highgpu-1g`).
    /// GCP machine types carry their bundled GPUs (A2, A3, G2) in this price.
    public var instanceHour: [String: Decimal]
    /// Per GPU-hour of an accelerator attached to a GCP N1 machine, keyed `gcp/<GPU name>`.
    public var acceleratorHour: [String: Decimal]
    /// Per 1,000 tokens, keyed `cloud/model`.
    public var thousandTokens: [String: TokenPrice]
    /// Per provisioned unit-hour (Bedrock model unit, Azure OpenAI PTU), keyed `cloud/model`.
    public var unitHour: [String: Decimal]
    /// SageMaker Serverless compute, per GB-second of invocation time.
    public var serverlessGBSecond: Decimal
    /// SageMaker Serverless provisioned concurrency, per GB-second kept warm.
    public var provisionedConcurrencyGBSecond: Decimal

    public init(
        instanceHour: [String: Decimal] = [:],
        acceleratorHour: [String: Decimal] = [:],
        thousandTokens: [String: TokenPrice] = [:],
        unitHour: [String: Decimal] = [:],
        serverlessGBSecond: Decimal = 0,
        provisionedConcurrencyGBSecond: Decimal = 0
    ) {
        self.instanceHour = instanceHour
        self.acceleratorHour = acceleratorHour
        self.thousandTokens = thousandTokens
        self.unitHour = unitHour
        self.serverlessGBSecond = serverlessGBSecond
        self.provisionedConcurrencyGBSecond = provisionedConcurrencyGBSecond
    }

    /// The hourly price of one instance or replica of this configuration, if the table knows it.
    public func hourlyPrice(cloud: Cloud, configuration: EndpointConfiguration) -> Decimal? {
        guard let type = configuration.instanceType, let machine = instanceHour["\(cloud.rawValue)/\(type)"] else {
            return nil
        }
        guard cloud == .gcp, let gpu = configuration.gpu, let perGPU = acceleratorHour["gcp/\(gpu.name)"] else {
            return machine
        }
        return machine + perGPU * Decimal(configuration.gpuCount ?? 1)
    }

    public func tokenPrice(cloud: Cloud, model: String?) -> TokenPrice? {
        model.flatMap { thousandTokens["\(cloud.rawValue)/\($0)"] }
    }

    public func unitPrice(cloud: Cloud, model: String?) -> Decimal? {
        model.flatMap { unitHour["\(cloud.rawValue)/\($0)"] }
    }

    private static func d(_ text: String) -> Decimal {
        // Parsed from text so the table holds exactly the digits written here.
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    private static func tokens(_ input: String, _ output: String) -> TokenPrice {
        TokenPrice(input: d(input), output: d(output))
    }

    /// The built-in table (us-east-1 / us-central1 / East US list prices, approximately).
    public static let builtIn = SimulatedPriceTable(
        instanceHour: [
            "aws/ml.g4dn.xlarge": d("0.7364"),
            "aws/ml.g4dn.2xlarge": d("1.0528"),
            "aws/ml.g5.xlarge": d("1.408"),
            "aws/ml.g5.2xlarge": d("1.515"),
            "aws/ml.g5.12xlarge": d("7.09"),
            "aws/ml.inf2.xlarge": d("0.99"),
            "aws/ml.p4d.24xlarge": d("37.688"),
            "aws/ml.p5.48xlarge": d("113.07"),
            "gcp/n1-standard-4": d("0.2185"),
            "gcp/n1-standard-8": d("0.437"),
            "gcp/g2-standard-8": d("1.0179"),
            "gcp/a2-highgpu-1g": d("4.2245"),
            "gcp/a2-ultragpu-1g": d("5.8649"),
            "gcp/a3-highgpu-8g": d("101.0074"),
            "azure/Standard_NC4as_T4_v3": d("0.526"),
            "azure/Standard_NC8as_T4_v3": d("0.752"),
            "azure/Standard_NC24ads_A100_v4": d("3.673"),
            "azure/Standard_NC40ads_H100_v5": d("6.98"),
            "azure/Standard_DS3_v2": d("0.293"),
        ],
        acceleratorHour: [
            "gcp/T4": d("0.4025"),
            "gcp/V100": d("2.852"),
        ],
        thousandTokens: [
            "aws/anthropic.claude-3-haiku-20240307-v1:0": tokens("0.00025", "0.00125"),
            "aws/anthropic.claude-3-5-sonnet-20240620-v1:0": tokens("0.003", "0.015"),
            "aws/anthropic.claude-3-opus-20240229-v1:0": tokens("0.015", "0.075"),
            "aws/meta.llama3-1-70b-instruct-v1:0": tokens("0.00099", "0.00099"),
            "aws/amazon.titan-embed-text-v2:0": tokens("0.00002", "0"),
            "gcp/gemini-1.5-flash-002": tokens("0.000075", "0.0003"),
            "gcp/gemini-1.5-pro-002": tokens("0.00125", "0.005"),
            "gcp/claude-3-5-sonnet@20240620": tokens("0.003", "0.015"),
            "gcp/text-embedding-005": tokens("0.000025", "0"),
            "azure/gpt-4o": tokens("0.0025", "0.01"),
            "azure/gpt-4o-mini": tokens("0.000165", "0.00066"),
            "azure/text-embedding-3-large": tokens("0.00013", "0"),
        ],
        unitHour: [
            "aws/meta.llama3-1-8b-instruct-v1:0": d("24.00"),
            "aws/anthropic.claude-3-haiku-20240307-v1:0": d("88.00"),
            "azure/gpt-4o": d("1.00"),
            "azure/gpt-4o-mini": d("1.00"),
        ],
        serverlessGBSecond: d("0.00002"),
        provisionedConcurrencyGBSecond: d("0.0000048")
    )
}
