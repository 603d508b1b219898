import Foundation

/// Reads the local files credential chains need (shared configs, key files, token caches).
/// Injected so tests use temporary directories or in-memory files, and nothing reads the real
/// home directory by accident.
public protocol LocalFileReader: Sendable {
    /// The file's bytes, or nil when it does not exist. Throws when it exists but cannot be read.
    func contents(ofFile path: String) throws -> [UInt8]?
}

extension LocalFileReader {
    /// The file as UTF-8 text, or nil when it does not exist.
    public func text(ofFile path: String) throws -> String? {
        guard let bytes = try contents(ofFile: path) else { return nil }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw CollectorError.misconfigured("\(path) is not UTF-8 text")
        }
        return text
    }
}

/// Reads from the local disk.
public struct DiskFileReader: LocalFileReader {
    public init() {}

    public func contents(ofFile path: String) throws -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else { throw CollectorError.misconfigured("\(path) is a directory, not a file") }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CollectorError.misconfigured("cannot read \(path)")
        }
    }
}

/// Files held in memory, keyed by absolute path (tests, and callers that already hold the text).
public struct InMemoryFileReader: LocalFileReader {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public func contents(ofFile path: String) throws -> [UInt8]? {
        files[path].map { Array($0.utf8) }
    }
}

/// `~` and `~/…` expanded against the home directory a chain was given (never the process's).
public enum HomePath {
    public static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return join(home, String(path.dropFirst(2))) }
        return path
    }

    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
