import Foundation

/// Runs `Tests/CollectAWSTests/Fixtures/moto/seed.py` against a server and decodes its summary.
enum MotoSeed {
    /// The script, found next to this file so any working directory works.
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/moto/seed.py")

    /// Seeds `server` (SageMaker, CloudWatch, Cost Explorer queue, Budgets) and returns what
    /// was created. `costOrder` is the order the Cost Explorer answers are queued in: moto binds
    /// them to the first distinct GetCostAndUsage bodies it receives, in that order.
    static func run(against server: MotoServer, costOrder: [String] = ["tag", "service"]) async throws -> MotoSeedSummary {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("burnwatch-moto-seed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutFile = directory.appendingPathComponent("stdout")
        let stderrFile = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutFile)
        let stderrHandle = try FileHandle(forWritingTo: stderrFile)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: server.python)
        process.arguments = [
            script.path, "--endpoint-url", server.url.absoluteString, "--ce-order", costOrder.joined(separator: ","),
        ]
        var environment = ProcessInfo.processInfo.environment
        // The script passes fake keys itself; a profile or endpoint override here must not interfere.
        for name in environment.keys where name.hasPrefix("AWS_") { environment[name] = nil }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }

        let output = (try? Data(contentsOf: stdoutFile)) ?? Data()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            if let line = errors.split(separator: "\n").last(where: { $0.contains("No module named") }) {
                throw MotoServerError.motoMissing(String(line))
            }
            let tail = errors.split(separator: "\n").suffix(15).joined(separator: "\n")
            throw MotoServerError.seedFailed(status: process.terminationStatus, stderr: tail)
        }
        do {
            return try JSONDecoder().decode(MotoSeedSummary.self, from: output)
        } catch {
            throw MotoServerError.seedUnreadable(String(describing: error))
        }
    }
}
