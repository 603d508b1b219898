import BurnwatchCollect
import Foundation

/// What a finished process left: its exit status and standard output. Standard error is read
/// (so the process never blocks on a full pipe) and dropped: it may carry secrets.
public struct AWSProcessResult: Sendable, Hashable {
    public var status: Int32
    public var standardOutput: [UInt8]

    public init(status: Int32, standardOutput: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
    }
}

/// Runs a `credential_process` command line. Injected so tests need not spawn processes.
public protocol AWSProcessRunner: Sendable {
    /// Runs `command` through `/bin/sh -c`. Throws `CollectorError.timeout` when it outlives
    /// `timeout` seconds (the process is terminated) and `.misconfigured` when it cannot start.
    func run(command: String, timeout: TimeInterval) async throws -> AWSProcessResult
}

/// Runs commands with Foundation's `Process` and `/bin/sh -c`.
public struct AWSShellProcessRunner: AWSProcessRunner {
    public init() {}

    public func run(command: String, timeout: TimeInterval) async throws -> AWSProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CollectorError.misconfigured("credential_process could not be started")
        }
        let box = ProcessBox(process)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AWSProcessResult, any Error>) in
            // Exactly one of "finished" and "timed out" resumes the continuation.
            let once = ResumeOnce(continuation)
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) {
                if box.process.isRunning { box.process.terminate() }
                once.resume(with: .failure(CollectorError.timeout("credential_process did not finish within \(Int(timeout.rounded())) s")))
            }
            // Drain stderr on its own thread so a chatty command cannot fill the pipe and stall.
            DispatchQueue.global().async {
                _ = errors.fileHandleForReading.readDataToEndOfFile()
            }
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                box.process.waitUntilExit()
                once.resume(with: .success(AWSProcessResult(status: box.process.terminationStatus, standardOutput: Array(data))))
            }
        }
    }
}

/// A continuation that only the first of several racing callers resumes.
private final class ResumeOnce: Sendable {
    private let continuation: LockedState<CheckedContinuation<AWSProcessResult, any Error>?>

    init(_ continuation: CheckedContinuation<AWSProcessResult, any Error>) {
        self.continuation = LockedState(continuation)
    }

    func resume(with result: Result<AWSProcessResult, any Error>) {
        let pending = continuation.withLock { value in
            defer { value = nil }
            return value
        }
        pending?.resume(with: result)
    }
}

/// `Process` is not Sendable; it is only touched from the dispatch blocks above, which
/// Foundation documents as safe for `isRunning`, `terminate` and `waitUntilExit`.
private final class ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}
