import BurnwatchCore
import Foundation

/// What AWS charges for the things burnwatch estimates unbilled spend from, and what GPU each
/// SageMaker instance type carries.
///
/// The built-in figures are on-demand list prices for us-east-1 as published on
/// aws.amazon.com/sagemaker/pricing and aws.amazon.com/bedrock/pricing, taken on
/// `builtInDate`. Other regions, savings plans and later price changes differ: the config's
/// `[prices]` table overrides any key. Keys:
///
/// - an instance type (`ml.g5.2xlarge`): USD per instance-hour;
/// - `serverless/gb-second`: SageMaker Serverless compute per GB-second;
/// - `<bedrock model id>/input-1k` and `/output-1k`: per 1,000 input or output tokens.
public struct AWSPriceTable: Sendable, Hashable {
    /// The day the built-in prices were read.
    public static let builtInDate = "2025-06-01"
    public static let serverlessGBSecondKey = "serverless/gb-second"

    public private(set) var prices: [String: Money]

    public init(overrides: [String: Money] = [:]) {
        prices = Self.builtIn.merging(overrides) { _, override in override }
    }

    public subscript(key: String) -> Money? { prices[key] }

    /// USD per instance-hour of a SageMaker instance type.
    public func hourly(instanceType: String) -> Money? { prices[instanceType] }

    public var serverlessPerGBSecond: Money? { prices[Self.serverlessGBSecondKey] }

    /// Per 1,000 input and output tokens of a Bedrock model. Cross-region inference profile ids
    /// (`us.anthropic…`) fall back to the model's own id; a versioned id falls back to the
    /// longest priced id that begins it (`…-v1:0` → `…-v1`).
    public func tokenPrices(modelID: String) -> (input: Money, output: Money)? {
        for candidate in Self.candidates(modelID) {
            if let input = prices[candidate + "/input-1k"], let output = prices[candidate + "/output-1k"] {
                return (input, output)
            }
        }
        let stripped = Self.candidates(modelID).last ?? modelID
        let prefixes = prices.keys.filter { $0.hasSuffix("/input-1k") }.map { String($0.dropLast("/input-1k".count)) }
            .filter { stripped.hasPrefix($0) }.sorted { $0.count > $1.count }
        for prefix in prefixes {
            if let input = prices[prefix + "/input-1k"], let output = prices[prefix + "/output-1k"] { return (input, output) }
        }
        return nil
    }

    private static func candidates(_ modelID: String) -> [String] {
        var result = [modelID]
        for geo in ["us.", "eu.", "apac.", "us-gov.", "global.", "jp.", "au.", "ca."] where modelID.hasPrefix(geo) {
            result.append(String(modelID.dropFirst(geo.count)))
        }
        return result
    }

    // MARK: GPUs

    /// The accelerator of an instance type and how many one instance has; nil for CPU types.
    public static func accelerator(instanceType: String) -> (gpu: GPUModel, count: Int)? {
        let parts = instanceType.split(separator: ".")
        guard parts.count == 3, parts[0] == "ml" else { return nil }
        let family = String(parts[1])
        let size = String(parts[2])
        switch family {
        case "g4dn":
            return (.t4, size == "12xlarge" ? 4 : 1)
        case "g5":
            return (.a10g, ["12xlarge": 4, "24xlarge": 4, "48xlarge": 8][size] ?? 1)
        case "g6":
            return (.l4, ["12xlarge": 4, "24xlarge": 4, "48xlarge": 8][size] ?? 1)
        case "g6e":
            return (GPUModel(name: "L40S", memoryGB: 48), ["12xlarge": 4, "24xlarge": 4, "48xlarge": 8][size] ?? 1)
        case "p3":
            // Still offered for hosting (and the only GPU family besides g4dn that moto accepts).
            return (GPUModel(name: "V100", memoryGB: 16), ["8xlarge": 4, "16xlarge": 8][size] ?? 1)
        case "p4d":
            return (.a100_40, 8)
        case "p4de":
            return (.a100_80, 8)
        case "p5", "p5e", "p5en":
            return (family == "p5" ? .h100 : GPUModel(name: "H200", memoryGB: 141), size == "4xlarge" ? 1 : 8)
        case "inf2":
            return (.inferentia2, ["24xlarge": 6, "48xlarge": 12][size] ?? 1)
        default:
            return nil
        }
    }

    // MARK: Built-in prices

    private static func usd(_ text: String) -> Money {
        Money(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!, "USD")
    }

    static let builtIn: [String: Money] = {
        let hourly: [String: String] = [
            "ml.g4dn.xlarge": "0.7364", "ml.g4dn.2xlarge": "0.94", "ml.g4dn.4xlarge": "1.505", "ml.g4dn.8xlarge": "2.72",
            "ml.g4dn.12xlarge": "4.89", "ml.g4dn.16xlarge": "5.44",
            "ml.g5.xlarge": "1.408", "ml.g5.2xlarge": "1.515", "ml.g5.4xlarge": "2.03", "ml.g5.8xlarge": "3.06",
            "ml.g5.12xlarge": "7.09", "ml.g5.16xlarge": "5.12", "ml.g5.24xlarge": "10.18", "ml.g5.48xlarge": "20.36",
            "ml.g6.xlarge": "1.0064", "ml.g6.2xlarge": "1.2224", "ml.g6.4xlarge": "1.6576", "ml.g6.8xlarge": "2.5296",
            "ml.g6.12xlarge": "5.752", "ml.g6.16xlarge": "4.2736", "ml.g6.24xlarge": "8.3776", "ml.g6.48xlarge": "16.7552",
            "ml.p4d.24xlarge": "37.688", "ml.p4de.24xlarge": "47.11", "ml.p5.48xlarge": "113.068",
            "ml.inf2.xlarge": "0.99", "ml.inf2.8xlarge": "2.36", "ml.inf2.24xlarge": "7.79", "ml.inf2.48xlarge": "15.58",
        ]
        // Per 1,000 tokens, input then output.
        let tokens: [String: (String, String)] = [
            "anthropic.claude-3-haiku-20240307-v1:0": ("0.00025", "0.00125"),
            "anthropic.claude-3-5-haiku-20241022-v1:0": ("0.0008", "0.004"),
            "anthropic.claude-3-sonnet-20240229-v1:0": ("0.003", "0.015"),
            "anthropic.claude-3-opus-20240229-v1:0": ("0.015", "0.075"),
            "anthropic.claude-3-5-sonnet-20240620-v1:0": ("0.003", "0.015"),
            "anthropic.claude-3-5-sonnet-20241022-v2:0": ("0.003", "0.015"),
            "meta.llama3-8b-instruct-v1:0": ("0.0003", "0.0006"),
            "meta.llama3-70b-instruct-v1:0": ("0.00265", "0.0035"),
            "mistral.mistral-7b-instruct-v0:2": ("0.00015", "0.0002"),
            "amazon.titan-text-express-v1": ("0.0002", "0.0006"),
            "amazon.nova-micro-v1:0": ("0.000035", "0.00014"),
            "amazon.nova-lite-v1:0": ("0.00006", "0.00024"),
            "amazon.nova-pro-v1:0": ("0.0008", "0.0032"),
        ]
        var table = hourly.mapValues(usd)
        table[serverlessGBSecondKey] = usd("0.00002")
        for (model, (input, output)) in tokens {
            table[model + "/input-1k"] = usd(input)
            table[model + "/output-1k"] = usd(output)
        }
        return table
    }()
}
