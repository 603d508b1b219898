import BurnwatchCollect
import CollectAWS
import Foundation
import Testing

/// A seeded moto server shared by every test under a suite marked `.motoSeeded`: one server and
/// one seeding per suite run instead of one per test, stopped when the suite ends. If python3 or
/// moto is missing the trait throws, and the suite's tests fail with the install command.
struct MotoHarness: Sendable {
    let server: MotoServer
    let seed: MotoSeedSummary

    /// The harness of the enclosing `.motoSeeded` suite (read it with `try #require`).
    @TaskLocal static var current: MotoHarness?

    /// The real client, signing with fake keys and sending every service to the server.
    func client() -> AWSClient {
        AWSClient(
            collector: "aws-moto", credentials: MotoStaticCredentials(),
            endpoints: AWSEndpointResolver(forcedURL: server.url), profileHint: "moto test keys"
        )
    }

    var transport: any Transport { server.transport }
}

/// Starts and seeds a moto server around a whole suite (see `MotoHarness`).
struct MotoSeededTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await MotoServer.withMotoServer { server in
            let seed = try await MotoSeed.run(against: server)
            try await MotoHarness.$current.withValue(MotoHarness(server: server, seed: seed)) {
                try await function()
            }
        }
    }
}

extension Trait where Self == MotoSeededTrait {
    /// One seeded moto server for the suite and everything nested in it.
    static var motoSeeded: MotoSeededTrait { MotoSeededTrait() }
}
