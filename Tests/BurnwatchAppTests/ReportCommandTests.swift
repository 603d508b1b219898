import BurnwatchApp
import BurnwatchCore
import BurnwatchReport
import BurnwatchTestSupport
import Foundation
import Testing

@Suite struct ReportCommandTests {
    /// Runs the real binary with a clean environment and an empty home; returns status, stdout and stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try DashboardEndToEndTests.binary())
        process.arguments = arguments
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-report-home-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func demoReportCrossesTheAlarmLineAndExitsTwo() throws {
        let result = try Self.run(["report", "--demo", "--format", "json"])
        #expect(result.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "burnwatch.report/v1")
        #expect((object["endpoints"] as? [Any])?.count == 18)
        #expect(object["alarm"] as? Bool == true)
    }

    @Test func outputFileIsWrittenAndNothingGoesToStdout() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-report-\(getpid()).csv").path
        let result = try Self.run(["report", "--demo", "--format", "csv", "--output", path])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        #expect(csv.hasPrefix("cloud,account,region,service,kind,name,"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 19)
    }

    @Test func anUnwritableOutputIsAnErrorWithStatusOne() throws {
        let result = try Self.run(["report", "--demo", "--output", "/nonexistent-dir/report.txt"])
        #expect(result.status == 1)
        #expect(result.err.contains("/nonexistent-dir/report.txt"))
    }

    @Test func withoutAccountsTheReportSaysWhereItLookedAndExitsOne() throws {
        let result = try Self.run(["report"])
        #expect(result.status == 1)
        #expect(result.err.contains("nothing to watch"))
        #expect(result.err.contains("burnwatch report --demo"))
    }

    @Test func anAccountThatCannotBePolledIsListedWithItsFixAndTheStatusIsOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-report-config-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config.toml")
        try "[[aws]]\nprofile = \"ml-prod\"\nregions = [\"us-east-1\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try Self.run(["report", "--config", config.path, "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let collectors = try #require(object["collectors"] as? [[String: Any]])
        let aws = try #require(collectors.first { $0["id"] as? String == "aws/ml-prod" })
        #expect(aws["state"] as? String == "misconfigured")
        #expect((aws["last_error"] as? String)?.contains("profile ml-prod") == true)
    }

    @Test func exitStatusFollowsTheAlarm() {
        let runner = ReportRunner(settings: Settings(), format: .table, colour: false)
        let alarmed = FleetFixture.state(columns: 120, rows: 40)
        #expect(runner.render(alarmed).status == 2)
        var calm = AppState(now: FleetFixture.now)
        _ = calm.apply(.tick(FleetFixture.now))
        #expect(runner.render(calm).status == 0)
    }

    @Test func atomicWriteReplacesTheWholeFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-atomic-\(getpid()).txt").path
        try ReportRunner.writeAtomically("first version, longer than the second\n", to: path)
        try ReportRunner.writeAtomically("second\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.contains("burnwatch-atomic-\(getpid()).txt.") && $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
