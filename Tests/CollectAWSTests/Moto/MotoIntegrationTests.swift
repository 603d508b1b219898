import BurnwatchCollect
import CollectAWS
import Foundation
import Testing

/// The AWS client against a real moto server (`pip install 'moto[server]'`), seeded by
/// `Fixtures/moto/seed.py`. The nested suites in the `Moto*Tests` files share one server.
@Suite(.motoSeeded) struct MotoIntegrationTests {
    /// A JSON request body from a literal (the wire shapes are the services' own).
    static func body(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Runs `call`, which must fail, and returns its `CollectorError`.
    static func collectorError(_ call: () async throws -> [UInt8]) async -> CollectorError? {
        do {
            _ = try await call()
            return nil
        } catch let error as CollectorError {
            return error
        } catch {
            Issue.record("expected a CollectorError, got \(error)")
            return nil
        }
    }
}
