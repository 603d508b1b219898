import BurnwatchApp
import Foundation
import Testing

/// Files, directories and permissions held in memory, for loaders and catalogs under test.
struct FakeFileSystem: ConfigFileSystem {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "permission denied" }
    }

    var files: [String: String] = [:]
    var modes: [String: Int] = [:]
    /// Directories that exist even when empty.
    var directories: Set<String> = []
    var unreadable: Set<String> = []

    func readTextFile(atPath path: String) throws -> String? {
        if unreadable.contains(path) { throw Unreadable() }
        return files[path]
    }

    func contentsOfDirectory(atPath path: String) -> [String]? {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let names = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }
        if names.isEmpty, !directories.contains(path) { return nil }
        return names.sorted()
    }

    func permissions(atPath path: String) -> Int? { modes[path] }
}

private let secretConfig = """
    [[azure]]
    subscription = "00000000-0000-0000-0000-000000000000"
    tenant = "contoso.onmicrosoft.com"
    client_id = "11111111-2222-3333-4444-555555555555"
    client_secret = "VeryS3cret~Value"
    """

@Suite struct ConfigLoaderPathTests {
    @Test func defaultPathFollowsXDGConfigHome() {
        let loader = ConfigLoader(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/x"], fileSystem: FakeFileSystem())
        #expect(loader.defaultPath == "/xdg/burnwatch/config.toml")
    }

    @Test func defaultPathFallsBackToDotConfigWhenXDGIsUnsetEmptyOrRelative() {
        for environment in [["HOME": "/home/x"], ["HOME": "/home/x", "XDG_CONFIG_HOME": ""], ["HOME": "/home/x", "XDG_CONFIG_HOME": "rel/dir"]] {
            let loader = ConfigLoader(environment: environment, fileSystem: FakeFileSystem())
            #expect(loader.defaultPath == "/home/x/.config/burnwatch/config.toml")
        }
        let injected = ConfigLoader(environment: [:], homeDirectory: "/h", fileSystem: FakeFileSystem())
        #expect(injected.defaultPath == "/h/.config/burnwatch/config.toml")
    }

    @Test func noFileAtTheDefaultPathIsNotAnError() throws {
        let loader = ConfigLoader(environment: ["HOME": "/home/x"], fileSystem: FakeFileSystem())
        let loaded = try loader.load()
        #expect(loaded.config == nil)
        #expect(loaded.path == "/home/x/.config/burnwatch/config.toml")
        #expect(loaded.warnings.isEmpty)
    }

    @Test func aMissingExplicitPathIsAnError() {
        let loader = ConfigLoader(environment: ["HOME": "/home/x"], fileSystem: FakeFileSystem())
        do {
            _ = try loader.load(explicitPath: "/etc/burnwatch.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.isFileNotFound)
            #expect(error.description == "/etc/burnwatch.toml: config file not found")
        }
    }

    @Test func explicitPathIsReadAndTildeExpanded() throws {
        let files = FakeFileSystem(files: ["/home/x/b.toml": "refresh = \"2m\"", "/home/x/.config/burnwatch/config.toml": "refresh = \"3m\""])
        let loader = ConfigLoader(environment: ["HOME": "/home/x"], fileSystem: files)
        let loaded = try loader.load(explicitPath: "~/b.toml")
        #expect(loaded.path == "/home/x/b.toml")
        #expect(loaded.config?.refresh == 120)
        #expect(try loader.load().config?.refresh == 180)
    }

    @Test func unreadableFileIsAnErrorNamingIt() {
        let path = "/home/x/.config/burnwatch/config.toml"
        let loader = ConfigLoader(environment: ["HOME": "/home/x"], fileSystem: FakeFileSystem(files: [path: ""], unreadable: [path]))
        do {
            _ = try loader.load()
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path): cannot read config file: permission denied")
        }
    }

    @Test func invalidFileErrorsNameThePath() {
        let path = "/home/x/.config/burnwatch/config.toml"
        let text = "theme = \"default\"\n\n\n\n\n\nrefesh = \"60s\"\n"
        let loader = ConfigLoader(environment: ["HOME": "/home/x"], fileSystem: FakeFileSystem(files: [path: text]))
        do {
            _ = try loader.load()
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"/home/x/.config/burnwatch/config.toml:7: unknown key "refesh" (did you mean "refresh"?)"#)
        }
    }
}

@Suite struct ConfigLoaderPermissionTests {
    private let path = "/home/x/.config/burnwatch/config.toml"

    private func warnings(text: String, mode: Int) throws -> [ConfigDiagnostic] {
        let files = FakeFileSystem(files: [path: text], modes: [path: mode])
        return try ConfigLoader(environment: ["HOME": "/home/x"], fileSystem: files).load().warnings
    }

    @Test func secretReadableByOthersIsWarnedAbout() throws {
        let found = try warnings(text: secretConfig, mode: 0o644)
        #expect(found.map(\.description) == [
            "\(path): holds a client_secret but is readable by others; run: chmod 600 \(path)",
        ])
        #expect(found.first?.severity == .warning)
        #expect(!found.description.contains("VeryS3cret"))
    }

    @Test func secretReadableByGroupIsWarnedAbout() throws {
        #expect(try warnings(text: secretConfig, mode: 0o640).map(\.message) == [
            "holds a client_secret but is readable by its group; run: chmod 600 \(path)",
        ])
    }

    @Test func privateFileOrNoSecretIsFine() throws {
        #expect(try warnings(text: secretConfig, mode: 0o600).isEmpty)
        #expect(try warnings(text: secretConfig, mode: 0o400).isEmpty)
        #expect(try warnings(text: "refresh = \"60s\"", mode: 0o644).isEmpty)
        // An empty secret is no secret.
        #expect(try warnings(text: secretConfig.replacingOccurrences(of: "\"VeryS3cret~Value\"", with: "\"\""), mode: 0o644).isEmpty)
    }

    @Test func realFileWithOpenPermissionsIsWarnedAbout() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.toml")
        try secretConfig.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)

        let loader = ConfigLoader(environment: ["HOME": directory.path])
        let open = try loader.load(explicitPath: file.path)
        #expect(open.warnings.count == 1)
        #expect(open.warnings.first?.message.contains("chmod 600") == true)
        #expect(open.config?.azure.first?.clientSecret?.reveal() == "VeryS3cret~Value")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try loader.load(explicitPath: file.path).warnings.isEmpty)
    }

    @Test func realSymlinkIsFollowedForContentsAndPermissions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("burnwatch-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.toml")
        try secretConfig.write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let link = directory.appendingPathComponent("config.toml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        let loaded = try ConfigLoader(environment: ["HOME": directory.path]).load(explicitPath: link.path)
        #expect(loaded.config?.holdsSecret == true)
        // The link itself is 0777; the file behind it is private, so there is nothing to warn about.
        #expect(loaded.warnings.isEmpty)
    }

    @Test func realDirectoryInsteadOfAFileIsUnreadable() {
        let loader = ConfigLoader(environment: ["HOME": "/tmp"])
        do {
            _ = try loader.load(explicitPath: FileManager.default.temporaryDirectory.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasSuffix(": cannot read config file: is a directory"))
        }
    }
}

@Suite struct LogPathTests {
    @Test func logFollowsXDGStateHome() {
        #expect(ConfigPaths.logFile(environment: ["XDG_STATE_HOME": "/s"], homeDirectory: "/h") == "/s/burnwatch/burnwatch.log")
        // Relative values are ignored, as the XDG spec says.
        #expect(ConfigPaths.logFile(environment: ["XDG_STATE_HOME": "rel"], homeDirectory: "/h") == "/h/.local/state/burnwatch/burnwatch.log")
    }
}
