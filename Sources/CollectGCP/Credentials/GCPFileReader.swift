import BurnwatchCollect
import Foundation

/// Reads the local files Application Default Credentials use (key files, gcloud's ADC file,
/// external-account subject tokens). Injected so tests use temporary directories or in-memory
/// files, and nothing reads the real home directory by accident.
public protocol GCPFileReader: Sendable {
    /// The file's bytes, or nil when it does not exist. Throws when it exists but cannot be read.
    func contents(ofFile path: String) throws -> [UInt8]?
}

/// Reads from the local disk.
public struct GCPDiskFileReader: GCPFileReader {
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

/// Files held in memory, keyed by absolute path.
public struct GCPInMemoryFileReader: GCPFileReader {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public func contents(ofFile path: String) throws -> [UInt8]? {
        files[path].map { Array($0.utf8) }
    }
}

/// Paths as the chain builds them: `~` expands against the home directory it was given.
enum GCPPath {
    static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return join(home, String(path.dropFirst(2))) }
        return path
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
