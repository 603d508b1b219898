import BurnwatchCollect
import Foundation

/// Reads the local files the credential chain needs (shared config, SSO token cache, web
/// identity and container token files). Injected so tests use temporary directories or
/// in-memory files and nothing reads the real home directory by accident.
public protocol AWSFileReader: Sendable {
    /// The file's bytes, or nil when it does not exist. Throws when it exists but cannot be read.
    func contents(ofFile path: String) throws -> [UInt8]?
}

/// Reads from the local disk.
public struct AWSDiskFileReader: AWSFileReader {
    public init() {}

    public func contents(ofFile path: String) throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CollectorError.misconfigured("cannot read \(path)")
        }
    }
}

/// Files held in memory, keyed by absolute path (tests, and callers that already hold the text).
public struct AWSInMemoryFileReader: AWSFileReader {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public func contents(ofFile path: String) throws -> [UInt8]? {
        files[path].map { Array($0.utf8) }
    }
}

extension AWSFileReader {
    /// The file as UTF-8 text, or nil when it does not exist.
    func text(ofFile path: String) throws -> String? {
        guard let bytes = try contents(ofFile: path) else { return nil }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw CollectorError.misconfigured("\(path) is not UTF-8 text")
        }
        return text
    }
}

/// `~` and `~/…` expanded against the home directory the chain was given (never the process's).
enum AWSPath {
    static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return join(home, String(path.dropFirst(2))) }
        return path
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
