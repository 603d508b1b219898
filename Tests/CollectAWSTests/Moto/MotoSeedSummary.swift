import Foundation

/// What `Fixtures/moto/seed.py` created and the values a reader must get back (its stdout).
struct MotoSeedSummary: Decodable, Sendable {
    /// The ten whole minutes of metric data: `start` inclusive, `end` exclusive, epoch seconds.
    struct Window: Decodable, Sendable {
        var start: Int
        var end: Int
        var periodSeconds: Int
    }

    /// Sum and SampleCount over the window, as CloudWatch's statistics of those names.
    struct Statistic: Decodable, Sendable, Hashable {
        var sum: Double
        var sampleCount: Double
    }

    /// One whole minute of datapoints: `start` (epoch seconds) and the value put per metric name.
    struct Minute: Decodable, Sendable, Hashable {
        var start: Int
        var values: [String: Double]
    }

    struct ServerlessConfig: Decodable, Sendable, Hashable {
        var MemorySizeInMB: Int
        var MaxConcurrency: Int
    }

    struct SageMakerEndpoint: Decodable, Sendable {
        var name: String
        var region: String
        var variant: String
        /// nil for the serverless endpoint.
        var instanceType: String?
        var instanceCount: Int?
        var serverless: ServerlessConfig?
        /// By CloudWatch metric name: Invocations, Invocation4XXErrors, ModelLatency (µs).
        var metrics: [String: Statistic]
        /// Invocations and Invocation4XXErrors minute by minute, newest first.
        var minutes: [Minute]
    }

    struct BedrockModel: Decodable, Sendable {
        var modelId: String
        var region: String
        /// Invocations, InvocationLatency (ms), InputTokenCount, OutputTokenCount.
        var metrics: [String: Statistic]
        /// Invocations, InputTokenCount and OutputTokenCount minute by minute, newest first.
        var minutes: [Minute]
    }

    /// One queued GetCostAndUsage answer; moto hands them out in queue order.
    struct CostGrouping: Decodable, Sendable {
        /// The group definitions (`Type`, `Key`), one or two.
        var groupBy: [[String: String]]
        /// Amount per group key per day, as the decimal strings CE returns; a two-key group's
        /// keys are joined with `|` (`burnwatch:endpoint$llm-prod|Amazon SageMaker`).
        var daily: [String: String]
        var monthToDate: [String: String]
    }

    struct CostExplorer: Decodable, Sendable {
        var metric: String
        var timePeriod: [String: String]
        var days: Int
        var queue: [CostGrouping]
    }

    struct Budget: Decodable, Sendable {
        var name: String
        var limit: String
        var unit: String
        var timeUnit: String
        var actualSpend: String
        var forecastedSpend: String
    }

    var motoVersion: String
    var accountId: String
    var window: Window
    var sageMakerEndpoints: [SageMakerEndpoint]
    var bedrockModels: [BedrockModel]
    var costExplorer: CostExplorer
    var budgets: [Budget]

    func endpoint(_ name: String) -> SageMakerEndpoint? {
        sageMakerEndpoints.first { $0.name == name }
    }

    func bedrockModel(_ modelId: String) -> BedrockModel? {
        bedrockModels.first { $0.modelId == modelId }
    }
}
