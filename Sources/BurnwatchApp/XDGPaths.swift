import Foundation

/// Where burnwatch keeps its files, following the XDG base directory rules (also on macOS).
public struct XDGPaths: Sendable, Equatable {
    public var configHome: URL
    public var cacheHome: URL
    public var stateHome: URL

    public init(environment: [String: String]) {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        func directory(_ variable: String, fallback: String) -> URL {
            // The spec says relative values are invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return home.appendingPathComponent(fallback)
        }
        configHome = directory("XDG_CONFIG_HOME", fallback: ".config")
        cacheHome = directory("XDG_CACHE_HOME", fallback: ".cache")
        stateHome = directory("XDG_STATE_HOME", fallback: ".local/state")
    }

    public var configFile: URL { configHome.appendingPathComponent("burnwatch/config.toml") }
    public var userThemes: URL { configHome.appendingPathComponent("burnwatch/themes") }
    public var cacheDirectory: URL { cacheHome.appendingPathComponent("burnwatch") }
    public var logFile: URL { stateHome.appendingPathComponent("burnwatch/burnwatch.log") }
}
