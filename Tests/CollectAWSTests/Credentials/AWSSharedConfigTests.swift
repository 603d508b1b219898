import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

@Suite struct AWSSharedConfigTests {
    func parse(config: String? = nil, credentials: String? = nil) throws(AWSSharedConfigError) -> AWSSharedConfig {
        try AWSSharedConfig(configText: config, configPath: "/h/.aws/config", credentialsText: credentials, credentialsPath: "/h/.aws/credentials")
    }

    @Test func configUsesProfilePrefixAndCredentialsDoesNot() throws {
        let config = try parse(
            config: """
            [default]
            region = us-west-2
            [profile ml-prod]
            region = eu-west-1
            [ml-dev]
            region = ap-south-1
            """,
            credentials: """
            [ml-dev]
            aws_access_key_id = AKIDDEV
            [profile ml-prod]
            aws_access_key_id = AKIDIGNORED
            """
        )
        #expect(config.profile(named: "default")?["region"] == "us-west-2")
        #expect(config.profile(named: "ml-prod")?["region"] == "eu-west-1")
        // `[ml-dev]` is not a profile in the config file; `[profile ml-prod]` not one in the credentials file.
        #expect(config.profile(named: "ml-dev")?["region"] == nil)
        #expect(config.profile(named: "ml-dev")?["aws_access_key_id"] == "AKIDDEV")
        #expect(config.profile(named: "ml-prod")?["aws_access_key_id"] == nil)
        #expect(config.profile(named: "profile ml-prod") == nil)
        #expect(config.profileNames == ["default", "ml-dev", "ml-prod"])
    }

    @Test func profileDefaultBeatsPlainDefault() throws {
        let config = try parse(config: """
            [profile default]
            region = eu-central-1
            [default]
            region = us-east-2
            output = json
            """)
        #expect(config.profile(named: "default")?["region"] == "eu-central-1")
        // `[default]` is dropped entirely, not merged.
        #expect(config.profile(named: "default")?["output"] == nil)
    }

    @Test func commentsWhitespaceAndKeyCase() throws {
        let config = try parse(config: """
            # a comment
            ; another comment
               [ profile  spaced ]   # trailing comment
            \tRegion\t=\tus-west-1   ; inline comment
            Output=json#not-a-comment
            empty =
            sso_start_url = https://example.awsapps.com/start#frag
            \r
            """)
        let profile = try #require(config.profile(named: "spaced"))
        #expect(profile["region"] == "us-west-1")
        #expect(profile["REGION"] == "us-west-1")
        #expect(profile["output"] == "json#not-a-comment")
        #expect(profile["empty"] == nil)
        #expect(profile.configValues["empty"] == "")
        #expect(profile["sso_start_url"] == "https://example.awsapps.com/start#frag")
    }

    @Test func windowsLineEndings() throws {
        let config = try parse(credentials: "[default]\r\naws_access_key_id = AKIDCRLF\r\naws_secret_access_key = s3cr3t\r\n")
        #expect(config.profile(named: "default")?["aws_access_key_id"] == "AKIDCRLF")
        #expect(config.profile(named: "default")?["aws_secret_access_key"] == "s3cr3t")
    }

    @Test func indentedLinesContinueTheSettingAbove() throws {
        let config = try parse(config: """
            [profile x]
            s3 =
              max_concurrent_requests = 20
            region = us-east-1
            """)
        #expect(config.profile(named: "x")?["s3"] == "\nmax_concurrent_requests = 20")
        #expect(config.profile(named: "x")?["region"] == "us-east-1")
    }

    @Test func indentedLinesOutsideASettingAreReadNormally() throws {
        let config = try parse(config: "  [profile indented]\n    region = us-east-2\n    output = json\n      more")
        #expect(config.profile(named: "indented")?["region"] == "us-east-2")
        #expect(config.profile(named: "indented")?["output"] == "json\nmore")
        let plain = try parse(config: "[profile p]\n  region = us-east-2\noutput = json")
        #expect(plain.profile(named: "p")?["region"] == "us-east-2")
        #expect(plain.profile(named: "p")?["output"] == "json")
    }

    @Test func repeatedSectionsMergeAndCredentialsWin() throws {
        let config = try parse(
            config: """
            [profile p]
            region = us-east-1
            aws_access_key_id = FROMCONFIG
            [profile p]
            output = text
            region = us-west-2
            """,
            credentials: """
            [p]
            aws_access_key_id = FROMCREDENTIALS
            """
        )
        let profile = try #require(config.profile(named: "p"))
        #expect(profile["region"] == "us-west-2")
        #expect(profile["output"] == "text")
        #expect(profile["aws_access_key_id"] == "FROMCREDENTIALS")
        #expect(profile.values["aws_access_key_id"] == "FROMCREDENTIALS")
        #expect(profile.configValues["aws_access_key_id"] == "FROMCONFIG")
    }

    @Test func ssoSessionAndServicesSections() throws {
        let config = try parse(config: """
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            [services local]
            sts =
              endpoint_url = http://localhost:4566
            [profile dev]
            sso_session = corp
            """)
        #expect(config.ssoSessions["corp"]?["sso_region"] == "us-east-1")
        #expect(config.services["local"]?["sts"] == "\nendpoint_url = http://localhost:4566")
        #expect(config.profile(named: "corp") == nil)
    }

    @Test(arguments: [
        ("[profile x\nregion = a", 1, "section header has no closing ']'"),
        ("[profile x]\nregion", 2, "expected 'key = value'"),
        ("region = us-east-1", 1, "setting before any [section] header"),
        ("[x]\n = value", 2, "setting has no name before '='"),
        ("[]\n", 1, "section header has no name"),
        ("[x] junk\n", 1, "unexpected text after the section header's ']' (comments start with # or ;)"),
        ("[x]\n\n  indented", 3, "expected 'key = value'"),
    ])
    func malformedLinesNameFileAndLine(text: String, line: Int, reason: String) {
        #expect(throws: AWSSharedConfigError.self) { try parse(config: text) }
        do {
            _ = try parse(config: text)
        } catch {
            #expect(error.line == line)
            #expect(error.description == "/h/.aws/config:\(line): \(reason)")
        }
    }

    @Test func malformedLineNeverEchoesItsText() {
        let text = "[default]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG"
        do {
            _ = try parse(credentials: text)
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error) == "/h/.aws/credentials:2: expected 'key = value'")
            #expect(!String(describing: error).contains("wJalr"))
        }
    }

    @Test func environmentMovesTheFilesAndHomeIsExpanded() throws {
        let home = "/home/tester"
        let environment = ["AWS_CONFIG_FILE": "~/alt/config", "AWS_SHARED_CREDENTIALS_FILE": "/etc/aws/creds"]
        let paths = AWSSharedConfig.paths(environment: environment, homeDirectory: home)
        #expect(paths.config == "/home/tester/alt/config")
        #expect(paths.credentials == "/etc/aws/creds")
        #expect(AWSSharedConfig.paths(environment: [:], homeDirectory: home + "/") == ("/home/tester/.aws/config", "/home/tester/.aws/credentials"))

        let files = AWSInMemoryFileReader([
            "/home/tester/alt/config": "[profile moved]\nregion = sa-east-1",
            "/home/tester/.aws/config": "[profile ignored]\nregion = us-east-1",
        ])
        let loaded = try AWSSharedConfig.load(environment: environment, homeDirectory: home, files: files)
        #expect(loaded.profileNames == ["moved"])
        #expect(loaded.credentialsPath == "/etc/aws/creds")
    }

    @Test func loadReportsMalformedFilesAsMisconfigured() {
        let files = AWSInMemoryFileReader(["/home/tester/.aws/credentials": "[default]\noops"])
        do {
            _ = try AWSSharedConfig.load(environment: [:], homeDirectory: "/home/tester", files: files)
            Issue.record("expected an error")
        } catch let error as CollectorError {
            #expect(error.kind == "misconfigured")
            #expect(error.detail == "/home/tester/.aws/credentials:2: expected 'key = value'")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func diskReaderReadsTempFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bw-creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[profile disk]\nregion = us-west-2\n".write(to: directory.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let loaded = try AWSSharedConfig.load(environment: [:], homeDirectory: directory.path, files: AWSDiskFileReader())
        #expect(loaded.profile(named: "disk")?["region"] == "us-west-2")
        #expect(loaded.credentialsProfiles.isEmpty)
    }
}
