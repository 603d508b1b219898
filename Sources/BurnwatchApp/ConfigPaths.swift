import Foundation

/// Where burnwatch's own files live, by the XDG base directory rules (on macOS too: our users are
/// mostly on SSH and Linux, and `~/.config` is where they look).
public enum ConfigPaths {
    /// `$HOME`, else the account's home directory.
    public static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// `$XDG_CONFIG_HOME`, or `~/.config` when it is unset, empty or relative (the spec says to ignore relative values).
    public static func configHome(environment: [String: String], homeDirectory: String) -> String {
        if let value = environment["XDG_CONFIG_HOME"], value.hasPrefix("/") { return value }
        return join(homeDirectory, ".config")
    }

    /// `<config home>/burnwatch`.
    public static func burnwatchConfigDirectory(environment: [String: String], homeDirectory: String) -> String {
        join(configHome(environment: environment, homeDirectory: homeDirectory), "burnwatch")
    }

    /// `$XDG_STATE_HOME`, or `~/.local/state` when it is unset, empty or relative.
    public static func stateHome(environment: [String: String], homeDirectory: String) -> String {
        if let value = environment["XDG_STATE_HOME"], value.hasPrefix("/") { return value }
        return join(homeDirectory, ".local/state")
    }

    /// `<state home>/burnwatch/burnwatch.log`: the log, never the screen.
    public static func logFile(environment: [String: String], homeDirectory: String) -> String {
        join(stateHome(environment: environment, homeDirectory: homeDirectory), "burnwatch", "burnwatch.log")
    }

    /// Joins path pieces with single slashes.
    public static func join(_ base: String, _ components: String...) -> String {
        var path = base
        for component in components {
            if path.hasSuffix("/") { path.removeLast() }
            path += "/" + (component.hasPrefix("/") ? String(component.dropFirst()) : component)
        }
        return path
    }

    /// `~` and `~/x` relative to `homeDirectory`; other paths unchanged.
    public static func expandingTilde(_ path: String, homeDirectory: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return join(homeDirectory, String(path.dropFirst(2))) }
        return path
    }
}
