import Foundation

/// Where the tests find the providers' published definitions (copied under `Fixtures/specs`).
enum SpecFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let sigV4Suite = directory.appendingPathComponent("specs/aws/sigv4")
    static let botocoreModels = directory.appendingPathComponent("specs/aws/models")

    /// One botocore model (`cloudwatch`, `ce`, `budgets`, `sagemaker.service-2.trimmed` …) as JSON.
    static func botocoreModel(_ name: String) throws -> [String: Any] {
        let file = name.hasSuffix(".json") ? name : (name.contains("trimmed") ? "\(name).json" : "\(name).service-2.json")
        let data = try Data(contentsOf: botocoreModels.appendingPathComponent(file))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
