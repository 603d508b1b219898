import Foundation
import Testing

/// The harness's own failure paths: a machine without python3 or moto must fail loudly with the
/// install command, never pass or skip.
@Suite struct MotoHarnessTests {
    @Test func missingPythonFailsWithTheInstallCommand() async throws {
        let configuration = {
            var configuration = MotoServer.Configuration()
            configuration.python = "/nonexistent/burnwatch-test/python3"
            return configuration
        }()
        let error = await #expect(throws: MotoServerError.self) {
            try await MotoServer.withMotoServer(configuration: configuration) { _ in
                Issue.record("a server started without python")
            }
        }
        #expect(error?.isMissingInstall == true)
        #expect(error?.description.contains("pip install 'moto[server]'") == true)
        #expect(error?.description.contains("/nonexistent/burnwatch-test/python3") == true)
    }

    @Test func pythonWithoutTheModuleFailsWithTheInstallCommand() async throws {
        let configuration = {
            var configuration = MotoServer.Configuration()
            configuration.module = "burnwatch_no_such_moto.server"
            return configuration
        }()
        let error = await #expect(throws: MotoServerError.self) {
            try await MotoServer.withMotoServer(configuration: configuration) { _ in
                Issue.record("a server started from a module that does not exist")
            }
        }
        #expect(error?.isMissingInstall == true)
        #expect(error?.description.contains("No module named 'burnwatch_no_such_moto'") == true)
        #expect(error?.description.contains("pip install 'moto[server]'") == true)
    }

    @Test func portIsReadFromWerkzeugsStartupLine() {
        let log = """
            WARNING: This is a development server. Do not use it in a production deployment.
             * Running on http://127.0.0.1:33617
            Press CTRL+C to quit
            """
        #expect(MotoServer.announcedPort(in: log) == 33617)
        #expect(MotoServer.announcedPort(in: "Press CTRL+C to quit") == nil)
        #expect(MotoServer.announcedPort(in: " * Running on http://127.0.0.1:0") == nil)
    }

    @Test func pythonIsFoundOnPathOrRefusedByName() throws {
        #expect(throws: MotoServerError.self) { try MotoServer.resolve("burnwatch-no-such-python") }
        #expect(try MotoServer.resolve("/bin/sh") == "/bin/sh")
    }
}
