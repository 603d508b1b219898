import Foundation

/// Where the tests find Google's published definitions (copied under `Fixtures/specs`).
enum SpecFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let discoveryDocuments = directory.appendingPathComponent("specs/gcp/discovery")
}
