import Foundation

/// Where the tests find the providers' published definitions (copied under `Fixtures/specs`).
enum SpecFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let sigV4Suite = directory.appendingPathComponent("specs/aws/sigv4")
    static let botocoreModels = directory.appendingPathComponent("specs/aws/models")

}
