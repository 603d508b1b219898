import BurnwatchCore
import Foundation

/// What Vertex AI charges for the things burnwatch estimates unbilled spend from, and what GPU
/// each accelerator type (or GPU machine family) carries.
///
/// Keys (the config's `[prices]` entries `"gcp/<key>"` override any of them):
/// - a machine type (`n1-standard-4`, `a2-highgpu-1g`): USD per node-hour. For the A2, A3 and
///   G2 families, whose GPUs come with the machine, the price includes the GPUs;
/// - an accelerator type (`NVIDIA_TESLA_T4`): USD per GPU-hour, added per attached GPU on
///   machine families that do not bundle them (N1);
/// - `<publisher model id>/input-1k` and `/output-1k`: per 1,000 input or output tokens.
///
/// The built-in figures are approximate on-demand Vertex AI prediction prices for us-central1
/// (the same figures the simulator charges), noted on `builtInDate`. Other regions, committed
/// use and later price changes differ: override them.
public struct GCPPriceTable: Sendable, Hashable {
    /// The day the built-in prices were noted.
    public static let builtInDate = "2025-06-01"

    public private(set) var prices: [String: Money]

    public init(overrides: [String: Money] = [:]) {
        prices = Self.builtIn.merging(overrides) { _, override in override }
    }

    public subscript(key: String) -> Money? { prices[key] }

    /// The price of one replica (node) per hour: the machine, plus its attached accelerators
    /// when the machine family does not include them. Nil when any part has no price, or the
    /// parts are priced in different currencies.
    public func hourly(machineType: String, acceleratorType: String?, acceleratorCount: Int?) -> Money? {
        guard let machine = prices[machineType] else { return nil }
        guard let accelerator = acceleratorType, Self.isAccelerator(accelerator), !Self.bundlesGPUs(machineType: machineType) else {
            return machine
        }
        guard let gpu = prices[accelerator], gpu.currency == machine.currency else { return nil }
        return Money(machine.amount + gpu.amount * Decimal(max(1, acceleratorCount ?? 1)), machine.currency)
    }

    /// Per 1,000 input and output tokens of a publisher model; a versioned id (`…-002`) falls
    /// back to the longest priced id that begins it.
    public func tokenPrices(model: String) -> (input: Money, output: Money)? {
        if let input = prices[model + "/input-1k"], let output = prices[model + "/output-1k"] { return (input, output) }
        let prefixes = prices.keys.filter { $0.hasSuffix("/input-1k") }.map { String($0.dropLast("/input-1k".count)) }
            .filter { model.hasPrefix($0) }.sorted { $0.count > $1.count }
        for prefix in prefixes {
            if let input = prices[prefix + "/input-1k"], let output = prices[prefix + "/output-1k"] { return (input, output) }
        }
        return nil
    }

    // MARK: GPUs

    static func isAccelerator(_ type: String) -> Bool { type != "ACCELERATOR_TYPE_UNSPECIFIED" && !type.isEmpty }

    /// Machine families whose GPUs are part of the machine type (and of its price).
    public static func bundlesGPUs(machineType: String) -> Bool {
        ["a2-", "a3-", "a4-", "g2-", "g4-"].contains { machineType.hasPrefix($0) }
    }

    /// The GPU of a Vertex accelerator type (`NVIDIA_L4` → L4, 24 GB); nil for TPUs and unknown types.
    public static func gpu(acceleratorType: String) -> GPUModel? {
        switch acceleratorType {
        case "NVIDIA_TESLA_T4": .t4
        case "NVIDIA_L4": .l4
        case "NVIDIA_TESLA_A100": .a100_40
        case "NVIDIA_A100_80GB": .a100_80
        case "NVIDIA_H100_80GB", "NVIDIA_H100_MEGA_80GB": .h100
        case "NVIDIA_H200_141GB": GPUModel(name: "H200", memoryGB: 141)
        case "NVIDIA_B200": GPUModel(name: "B200", memoryGB: 180)
        case "NVIDIA_TESLA_V100": GPUModel(name: "V100", memoryGB: 16)
        case "NVIDIA_TESLA_P100": GPUModel(name: "P100", memoryGB: 16)
        case "NVIDIA_TESLA_P4": GPUModel(name: "P4", memoryGB: 8)
        case "NVIDIA_TESLA_K80": GPUModel(name: "K80", memoryGB: 12)
        case "NVIDIA_RTX_PRO_6000": GPUModel(name: "RTX PRO 6000", memoryGB: 96)
        default: nil
        }
    }

    /// The GPU and count a machine type implies when the spec names no accelerator
    /// (`a2-highgpu-2g` → 2 × A100 40 GB, `g2-standard-24` → 2 × L4); nil for CPU machines.
    public static func accelerator(machineType: String) -> (gpu: GPUModel, count: Int)? {
        let parts = machineType.split(separator: "-").map(String.init)
        guard parts.count == 3 else { return nil }
        let count = parts[2].hasSuffix("g") ? Int(parts[2].dropLast()) : nil
        switch (parts[0], parts[1]) {
        case ("a2", "highgpu"), ("a2", "megagpu"): return (.a100_40, count ?? 1)
        case ("a2", "ultragpu"): return (.a100_80, count ?? 1)
        case ("a3", "highgpu"), ("a3", "megagpu"), ("a3", "edgegpu"): return (.h100, count ?? 8)
        case ("a3", "ultragpu"): return (GPUModel(name: "H200", memoryGB: 141), count ?? 8)
        case ("g2", "standard"):
            let vCPUs = Int(parts[2]) ?? 4
            return (.l4, [24: 2, 48: 4, 96: 8][vCPUs] ?? 1)
        default: return nil
        }
    }

    // MARK: Built-in prices

    private static func usd(_ text: String) -> Money {
        Money(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!, "USD")
    }

    static let builtIn: [String: Money] = {
        let hourly: [String: String] = [
            "n1-standard-2": "0.1093", "n1-standard-4": "0.2185", "n1-standard-8": "0.437", "n1-standard-16": "0.874",
            "n1-standard-32": "1.748", "n1-highmem-4": "0.2724", "n1-highmem-8": "0.5449",
            "g2-standard-4": "0.8129", "g2-standard-8": "1.0179", "g2-standard-12": "1.1505", "g2-standard-16": "1.3194",
            "g2-standard-24": "2.3009", "g2-standard-32": "1.9941", "g2-standard-48": "4.6019", "g2-standard-96": "9.2038",
            "a2-highgpu-1g": "4.2245", "a2-highgpu-2g": "8.449", "a2-highgpu-4g": "16.898", "a2-highgpu-8g": "33.796",
            "a2-ultragpu-1g": "5.8649", "a2-ultragpu-2g": "11.7298", "a2-ultragpu-4g": "23.4596", "a2-ultragpu-8g": "46.9192",
            "a3-highgpu-1g": "12.6259", "a3-highgpu-2g": "25.2519", "a3-highgpu-4g": "50.5037", "a3-highgpu-8g": "101.0074",
            // Per GPU-hour, attached to N1 machines.
            "NVIDIA_TESLA_T4": "0.4025", "NVIDIA_TESLA_V100": "2.852", "NVIDIA_TESLA_P4": "0.69", "NVIDIA_TESLA_P100": "1.679",
        ]
        // Per 1,000 tokens, input then output.
        let tokens: [String: (String, String)] = [
            "gemini-1.5-flash": ("0.000075", "0.0003"),
            "gemini-1.5-pro": ("0.00125", "0.005"),
            "gemini-2.0-flash": ("0.00015", "0.0006"),
            "gemini-2.0-flash-lite": ("0.000075", "0.0003"),
            "gemini-2.5-flash": ("0.0003", "0.0025"),
            "gemini-2.5-pro": ("0.00125", "0.01"),
        ]
        var table = hourly.mapValues(usd)
        for (model, (input, output)) in tokens {
            table[model + "/input-1k"] = usd(input)
            table[model + "/output-1k"] = usd(output)
        }
        return table
    }()
}
