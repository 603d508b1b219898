import Foundation
import Testing

/// Drives the real `burnwatch` binary in tmux, as a person on a bastion host would: 80×24,
/// TERM=screen, LANG=C. tmux is a required peer: a missing tmux fails these tests, it never skips them.
@Suite(.serialized) struct DashboardEndToEndTests {
    /// A private tmux server for one test, killed when the test ends.
    final class TmuxSession {
        let socket = "burnwatch-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let name = "e2e"

        init(columns: Int, rows: Int, command: String) throws {
            // The tmux server this starts inherits the client's open descriptors, and Foundation's
            // Process would then wait for the server to exit: spawn it with every descriptor above
            // stderr closed instead.
            let arguments = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s", name, command]
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap(Int32.init) where fd > 2 && fcntl(fd, F_GETFD) != -1 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
            var pid: pid_t = 0
            let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
            guard spawned == 0 else { throw E2EError("cannot start tmux: error \(spawned)") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            guard status == 0 else { throw E2EError("tmux new-session failed with status \(status)") }
        }

        deinit { _ = try? tmux(["kill-server"]) }

        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
            let pipe = Pipe()
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let output = String(decoding: data, as: UTF8.self)
            guard process.terminationStatus == 0 else {
                throw E2EError("tmux \(arguments.joined(separator: " ")) failed: \(output)")
            }
            return output
        }

        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

        /// Waits up to `timeout` seconds for the screen to satisfy `condition`; returns the last screen.
        @discardableResult
        func waitFor(_ what: String, timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if condition(last) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw E2EError("timed out waiting for \(what); the screen was:\n\(last)")
        }

        @discardableResult
        func waitFor(text: String, timeout: TimeInterval = 20) throws -> String {
            try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
        }

        /// Waits for a screen holding every one of `all` and none of `none`. A capture can catch
        /// curses half-way through an update, so a test waits for the whole picture, not one word.
        @discardableResult
        func waitFor(all: [String], none: [String] = [], timeout: TimeInterval = 20) throws -> String {
            try waitFor("\(all) without \(none)", timeout: timeout) { screen in
                all.allSatisfy { screen.contains($0) } && !none.contains { screen.contains($0) }
            }
        }

        /// The process ids of the pane's shell's children (the burnwatch process).
        func programPIDs() throws -> [Int32] {
            let panePID = try tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let children = (try? String(contentsOfFile: "/proc/\(panePID)/task/\(panePID)/children", encoding: .utf8)) ?? ""
            return children.split(separator: " ").compactMap { Int32($0) }
        }
    }

    struct E2EError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func binary() throws -> String {
        // The test bundle sits beside the products it depends on.
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("burnwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/burnwatch").path
        guard FileManager.default.isExecutableFile(atPath: fallback) else { throw E2EError("burnwatch binary not found") }
        return fallback
    }

    static func requireTmux() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-V"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw E2EError("tmux is required for the end-to-end tests (apt-get install tmux): \(error)")
        }
        guard process.terminationStatus == 0 else { throw E2EError("tmux is required for the end-to-end tests (apt-get install tmux)") }
    }

    /// The pane runs burnwatch, then prints its exit status and the terminal modes, so the test can
    /// check what the shell got back.
    static func command(_ environment: String, arguments: String) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-e2e-home-\(getpid())").path
        return "env -i HOME=\(home) PATH=/usr/bin:/bin \(environment) \(try binary()) \(arguments); "
            + "echo EXIT=$?; echo MODES: $(stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?icanon\\|-\\?echo'); sleep 120"
    }

    @Test func bastionHostSessionDrivesEveryScreenAndRestoresTheTerminalOnSIGTERM() throws {
        try Self.requireTmux()
        let session = try TmuxSession(columns: 80, rows: 24, command: try Self.command("TERM=screen LANG=C", arguments: "demo --speed 20"))
        // The first inventory and metrics arrive within a few seconds.
        var screen = try session.waitFor("the fleet table") { $0.contains("ENDPOINT") && $0.contains("18 endpoints") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let widest = lines.map(\.count).max() ?? 0
        #expect(widest <= 80)
        let asciiOnly = screen.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(asciiOnly, "LANG=C must give ASCII glyphs only")
        #expect(screen.contains(">"), "the selection marker")

        // Movement: j moves the marker to the next row.
        let firstSelected = lines.first { $0.hasPrefix(">") }
        try session.keys("j")
        screen = try session.waitFor("the selection to move") { $0.split(separator: "\n").first { $0.hasPrefix(">") } != firstSelected }

        // Filter: "/" then text then Enter narrows the table; Esc clears it.
        try session.keys("/", "l", "l", "m", "Enter")
        try session.waitFor(all: ["filter \"llm\"", "llm-chat-prod", "llm-70b-prod"], none: ["gpt-4o-ptu", "ner-t4"])
        try session.keys("Escape")
        try session.waitFor(all: ["gpt-4o-ptu", "llm-chat-prod"], none: ["filter \""])

        // Detail, and back.
        try session.keys("Enter")
        try session.waitFor(all: ["Configuration", "Spend this month", "alarm"], none: ["ENDPOINT"])
        try session.keys("Escape")
        try session.waitFor(all: ["ENDPOINT", "18 endpoints"], none: ["Configuration"])

        // Budgets, Collectors, Help.
        try session.keys("2")
        try session.waitFor(all: ["ACCOUNT", "123456789012", "ml-prod-123"], none: ["ENDPOINT"])
        try session.keys("3")
        try session.waitFor(all: ["COLLECTOR", "AWS demo account", "GCP demo project"], none: ["ACCOUNT"])
        try session.keys("?")
        try session.waitFor(all: ["Everywhere", "Screens"], none: ["COLLECTOR"])
        try session.keys("1")
        try session.waitFor(all: ["ENDPOINT", "18 endpoints"], none: ["Everywhere"])

        // Shrink below the minimum and back: a clear message, then the dashboard again.
        try session.tmux(["resize-window", "-t", session.name, "-x", "60", "-y", "20"])
        try session.waitFor(all: ["terminal too small"], none: ["ENDPOINT"])
        try session.tmux(["resize-window", "-t", session.name, "-x", "80", "-y", "24"])
        try session.waitFor(all: ["ENDPOINT", "18 endpoints"], none: ["too small"])

        // SIGTERM: the terminal comes back in cooked mode with echo, and the exit status says why.
        let pids = try session.programPIDs()
        let running = !pids.isEmpty
        #expect(running)
        for pid in pids { kill(pid, SIGTERM) }
        screen = try session.waitFor(text: "MODES:")
        #expect(screen.contains("EXIT=143"), "128 + SIGTERM")
        #expect(screen.contains("MODES: icanon echo"), "canonical mode and echo restored")
    }

    @Test func quitKeyExitsCleanlyInColour() throws {
        try Self.requireTmux()
        let session = try TmuxSession(columns: 200, rows: 50, command: try Self.command("TERM=xterm-256color LANG=C.UTF-8", arguments: "demo"))
        let screen = try session.waitFor("the fleet table") { $0.contains("ENDPOINT") && $0.contains("INVOCATIONS 1H") }
        #expect(screen.contains("│"), "UTF-8 glyphs in a UTF-8 locale")
        try session.keys("q")
        let after = try session.waitFor(text: "MODES:")
        #expect(after.contains("EXIT=0"))
        #expect(after.contains("MODES: icanon echo"))
    }

    @Test func noConfigAndNoCredentialsExplainsAndSuggestsTheDemo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-empty-home-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(output.contains("\(home.path)/.config/burnwatch/config.toml"))
        #expect(output.contains("burnwatch demo"))
        #expect(output.contains("AWS_PROFILE"))
    }
}
