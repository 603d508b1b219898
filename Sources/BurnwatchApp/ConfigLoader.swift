import Foundation

/// Finds, reads and validates the config file.
///
/// The path is `--config PATH` when given, else `$XDG_CONFIG_HOME/burnwatch/config.toml`, else
/// `~/.config/burnwatch/config.toml`. No file at the default path is not an error (every key is
/// optional, and burnwatch then uses each cloud's standard environment); a missing explicit path is.
public struct ConfigLoader: Sendable {
    /// The outcome of a load that did not fail.
    public struct Loaded: Sendable {
        /// Nil when there is no file at the default path.
        public var config: BurnwatchConfig?
        /// The path that was (or would have been) read.
        public var path: String
        /// Problems worth showing that do not stop burnwatch, such as a secret readable by others.
        public var warnings: [ConfigDiagnostic]
    }

    public let environment: [String: String]
    public let homeDirectory: String
    private let fileSystem: any ConfigFileSystem

    /// - Parameters:
    ///   - environment: the process environment (`XDG_CONFIG_HOME`, `HOME`).
    ///   - homeDirectory: the home directory; nil: `$HOME`, else the account's.
    ///   - fileSystem: where files are read from.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil,
        fileSystem: any ConfigFileSystem = LocalConfigFileSystem()
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory ?? ConfigPaths.homeDirectory(environment: environment)
        self.fileSystem = fileSystem
    }

    /// `$XDG_CONFIG_HOME/burnwatch/config.toml` (or under `~/.config`).
    public var defaultPath: String {
        ConfigPaths.join(ConfigPaths.burnwatchConfigDirectory(environment: environment, homeDirectory: homeDirectory), "config.toml")
    }

    /// Reads the config.
    /// - Parameter explicitPath: `--config PATH`, if given (`~` is expanded).
    /// - Returns: the config (nil when no file exists at the default path), its path, and warnings.
    /// - Throws: `ConfigError` when an explicit file is missing, a file cannot be read, or it is invalid.
    public func load(explicitPath: String? = nil) throws(ConfigError) -> Loaded {
        let path = explicitPath.map { ConfigPaths.expandingTilde($0, homeDirectory: homeDirectory) } ?? defaultPath
        let text: String?
        do {
            text = try fileSystem.readTextFile(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: String(describing: error))
        }
        guard let text else {
            if explicitPath != nil { throw .fileNotFound(path: path) }
            return Loaded(config: nil, path: path, warnings: [])
        }
        let config = try BurnwatchConfig(parsing: text, fileName: path)
        var warnings: [ConfigDiagnostic] = []
        if config.holdsSecret, let mode = fileSystem.permissions(atPath: path), mode & 0o044 != 0 {
            warnings.append(ConfigDiagnostic(
                severity: .warning, file: path, line: nil,
                message: "holds a client_secret but is readable by \(mode & 0o004 != 0 ? "others" : "its group"); run: chmod 600 \(path)"
            ))
        }
        return Loaded(config: config, path: path, warnings: warnings)
    }
}
