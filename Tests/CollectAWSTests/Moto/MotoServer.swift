import BurnwatchCollect
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A moto server (`python3 -m moto.server`) on 127.0.0.1, started for a scope and stopped after it.
///
/// The server picks its own free port (`-p 0`) and the port is read from its log, so two test
/// processes never race for one. A watchdog thread in the server exits when this process goes
/// away, so a crashed test run leaves no server behind.
struct MotoServer: Sendable {
    struct Configuration: Sendable {
        /// `python3` looked up on PATH, or an absolute path.
        var python = "python3"
        /// The module to run; only the harness's own tests change it.
        var module = "moto.server"
        /// Generous: the first request loads moto's service models, on a machine shared with builds.
        var startupDeadline: Duration = .seconds(90)

        init() {}
    }

    /// `http://127.0.0.1:<port>`: where every AWS service and `/moto-api/` answer.
    let url: URL
    let port: Int
    /// The resolved interpreter, reused to run the seed script.
    let python: String
    /// The real transport, for calls to this server.
    let transport: AsyncHTTPClientTransport

    /// Starts a server, runs `body` with it and stops the server on every exit path. Throws
    /// `MotoServerError` (with the install command when python3 or moto is missing).
    static func withMotoServer<Result>(
        configuration: Configuration = Configuration(),
        _ body: (MotoServer) async throws -> Result
    ) async throws -> Result {
        let python = try resolve(configuration.python)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("burnwatch-moto-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", bootstrap(module: configuration.module)]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        // A file, not a pipe: moto logs every request and a full pipe would stall it.
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()

        return try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
            let result: Result
            do {
                let port = try await waitUntilReady(process, log: log, transport: transport, deadline: configuration.startupDeadline)
                let server = MotoServer(
                    url: URL(string: "http://127.0.0.1:\(port)")!, port: port, python: python, transport: transport
                )
                result = try await body(server)
            } catch {
                await stop(process)
                throw error
            }
            await stop(process)
            return result
        }
    }

    /// Runs the module as `python3 -m` would, with a thread that ends the server once its parent
    /// (this test process) is gone.
    static func bootstrap(module: String) -> String {
        """
        import os, runpy, sys, threading, time
        parent = os.getppid()
        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
        sys.argv = ["\(module)", "-H", "127.0.0.1", "-p", "0"]
        runpy.run_module("\(module)", run_name="__main__", alter_sys=True)
        """
    }

    /// The interpreter's path: as given when it contains a slash, else the first match on PATH.
    static func resolve(_ python: String) throws -> String {
        let fileManager = FileManager.default
        if python.contains("/") {
            guard fileManager.isExecutableFile(atPath: python) else { throw MotoServerError.pythonMissing(python) }
            return python
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(python)"
            if fileManager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw MotoServerError.pythonMissing(python)
    }

    /// Waits for the "Running on http://127.0.0.1:<port>" line, then for `/moto-api/` to answer.
    private static func waitUntilReady(
        _ process: Process, log: URL, transport: AsyncHTTPClientTransport, deadline: Duration
    ) async throws -> Int {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while clock.now < end {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard process.isRunning else {
                if let line = text.split(separator: "\n").last(where: { $0.contains("No module named") }) {
                    throw MotoServerError.motoMissing(String(line))
                }
                throw MotoServerError.exited(status: process.terminationStatus, log: tail(text))
            }
            if let port = announcedPort(in: text), await answers(port: port, transport: transport) {
                return port
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw MotoServerError.notReady(seconds: Int(deadline.components.seconds), log: tail(text))
    }

    /// The port in werkzeug's "Running on http://127.0.0.1:<port>" line.
    static func announcedPort(in log: String) -> Int? {
        let marker = "Running on http://127.0.0.1:"
        guard let range = log.range(of: marker) else { return nil }
        let digits = log[range.upperBound...].prefix { $0.isNumber }
        return Int(digits).flatMap { $0 > 0 ? $0 : nil }
    }

    private static func answers(port: Int, transport: AsyncHTTPClientTransport) async -> Bool {
        let probe = HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/moto-api/")!, collector: "moto-harness", timeout: 5)
        return (try? await transport.send(probe).status) == 200
    }

    /// SIGTERM, a few seconds' grace, then SIGKILL; always reaps the child.
    private static func stop(_ process: Process) async {
        guard process.isRunning else { return }
        process.terminate()
        let clock = ContinuousClock()
        let end = clock.now + .seconds(5)
        while process.isRunning, clock.now < end {
            do { try await Task.sleep(for: .milliseconds(50)) } catch { break }  // cancelled: kill now
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    private static func tail(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(15).joined(separator: "\n")
    }
}
