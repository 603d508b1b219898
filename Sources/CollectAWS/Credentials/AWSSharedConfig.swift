import BurnwatchCollect
import Foundation

/// The shared AWS config and credentials files, parsed the way the AWS SDKs read them.
///
/// - `~/.aws/credentials` (or `AWS_SHARED_CREDENTIALS_FILE`) names sections `[name]`; a
///   `[profile name]` header there is ignored, as the SDKs do.
/// - `~/.aws/config` (or `AWS_CONFIG_FILE`) names them `[profile name]`, except `[default]`;
///   `[profile default]` wins over `[default]` when both exist. `[sso-session name]` and
///   `[services name]` are kept; any other section is ignored.
/// - `#` and `;` start a comment at the start of a line, after a section header, or after
///   whitespace in a setting's value. Keys are case-insensitive; section names are not.
/// - A line indented deeper than the setting above continues its value (`s3 =` sub-settings
///   included); other indented lines are read as if they were not indented, as botocore does.
/// - A section repeated in one file merges, the later value winning; a profile in both files
///   merges too, the credentials file winning.
public struct AWSSharedConfig: Sendable, Hashable {
    public let configPath: String
    public let credentialsPath: String
    /// `[profile name]` / `[default]` sections of the config file, by profile name.
    public let configProfiles: [String: [String: String]]
    /// `[name]` sections of the credentials file, by profile name.
    public let credentialsProfiles: [String: [String: String]]
    /// `[sso-session name]` sections of the config file.
    public let ssoSessions: [String: [String: String]]
    /// `[services name]` sections of the config file (kept, not interpreted).
    public let services: [String: [String: String]]

    /// Parses file contents already read; nil text means the file does not exist.
    public init(configText: String?, configPath: String, credentialsText: String?, credentialsPath: String) throws(AWSSharedConfigError) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        var profiles: [String: [String: String]] = [:]
        var plainDefault: [String: String]?
        var sessions: [String: [String: String]] = [:]
        var services: [String: [String: String]] = [:]
        for section in try Self.sections(of: configText ?? "", file: configPath) {
            let words = section.name.split(whereSeparator: \.isWhitespace).map(String.init)
            switch (words.first, words.count) {
            case ("default", 1) where section.name == "default":
                plainDefault = section.values
            case ("profile", 2):
                profiles[words[1], default: [:]].merge(section.values) { $1 }
            case ("sso-session", 2):
                sessions[words[1], default: [:]].merge(section.values) { $1 }
            case ("services", 2):
                services[words[1], default: [:]].merge(section.values) { $1 }
            default:
                continue
            }
        }
        if profiles["default"] == nil, let plainDefault {
            profiles["default"] = plainDefault
        }
        var credentials: [String: [String: String]] = [:]
        for section in try Self.sections(of: credentialsText ?? "", file: credentialsPath) {
            // `[profile x]` is config-file syntax; the SDKs ignore it in the credentials file.
            guard !section.name.contains(where: \.isWhitespace) else { continue }
            credentials[section.name, default: [:]].merge(section.values) { $1 }
        }
        configProfiles = profiles
        credentialsProfiles = credentials
        ssoSessions = sessions
        self.services = services
    }

    /// Reads both files from where the environment says, else from `home/.aws/`.
    /// Missing files are empty; unreadable or malformed ones throw `CollectorError.misconfigured`
    /// naming the file (and line).
    public static func load(environment: [String: String], homeDirectory: String, files: any AWSFileReader) throws -> AWSSharedConfig {
        let paths = Self.paths(environment: environment, homeDirectory: homeDirectory)
        let configText = try files.text(ofFile: paths.config)
        let credentialsText = try files.text(ofFile: paths.credentials)
        do {
            return try AWSSharedConfig(configText: configText, configPath: paths.config, credentialsText: credentialsText, credentialsPath: paths.credentials)
        } catch {
            throw CollectorError.misconfigured(error.description)
        }
    }

    /// Where the two files are: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` (with `~`
    /// expanded) or `home/.aws/config` and `home/.aws/credentials`.
    public static func paths(environment: [String: String], homeDirectory: String) -> (config: String, credentials: String) {
        func path(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                return AWSPath.expand(value, home: homeDirectory)
            }
            return AWSPath.join(AWSPath.join(homeDirectory, ".aws"), fallback)
        }
        return (path("AWS_CONFIG_FILE", "config"), path("AWS_SHARED_CREDENTIALS_FILE", "credentials"))
    }

    /// The profile from both files merged, or nil when neither file has it.
    public func profile(named name: String) -> AWSProfile? {
        let config = configProfiles[name]
        let credentials = credentialsProfiles[name]
        guard config != nil || credentials != nil else { return nil }
        return AWSProfile(name: name, configValues: config ?? [:], credentialsValues: credentials ?? [:])
    }

    /// Every profile name in either file, sorted.
    public var profileNames: [String] {
        Set(configProfiles.keys).union(credentialsProfiles.keys).sorted()
    }

    // MARK: - Lines

    struct RawSection {
        var name: String
        var values: [String: String]
    }

    /// The sections of one file in order, each with its settings (keys lower-cased).
    static func sections(of text: String, file: String) throws(AWSSharedConfigError) -> [RawSection] {
        var sections: [RawSection] = []
        var lastKey: String?
        var lastIndent = 0
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indent = rawLine.prefix { $0 == " " || $0 == "\t" }.count
            if let key = lastKey, indent > lastIndent {
                // A line indented deeper than a setting continues it; elsewhere indentation is ignored.
                let previous = sections[sections.count - 1].values[key] ?? ""
                sections[sections.count - 1].values[key] = previous + "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.firstIndex(of: "]") else {
                    throw AWSSharedConfigError(.unclosedSection, file: file, line: lineNumber)
                }
                let after = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
                guard after.isEmpty || after.hasPrefix("#") || after.hasPrefix(";") else {
                    throw AWSSharedConfigError(.textAfterSection, file: file, line: lineNumber)
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    throw AWSSharedConfigError(.emptySectionName, file: file, line: lineNumber)
                }
                sections.append(RawSection(name: name, values: [:]))
                lastKey = nil
                continue
            }
            guard !sections.isEmpty else {
                throw AWSSharedConfigError(.propertyOutsideSection, file: file, line: lineNumber)
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw AWSSharedConfigError(.missingEquals, file: file, line: lineNumber)
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty else {
                throw AWSSharedConfigError(.emptyKey, file: file, line: lineNumber)
            }
            let value = stripInlineComment(trimmed[trimmed.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            sections[sections.count - 1].values[key] = value
            lastKey = key
            lastIndent = indent
        }
        return sections
    }

    /// A value up to the first `#` or `;` that follows whitespace (`key = a#b` keeps `a#b`).
    static func stripInlineComment(_ value: Substring) -> Substring {
        var previous: Character = " "
        var index = value.startIndex
        // A marker right after `=` (previous is the virtual space) makes the whole value a comment.
        while index < value.endIndex {
            let character = value[index]
            if (character == "#" || character == ";") && (previous == " " || previous == "\t") {
                return value[..<index]
            }
            previous = character
            index = value.index(after: index)
        }
        return value
    }
}
