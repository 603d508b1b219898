import Foundation

/// Why the disk cache could not be used. The path is included; nothing in it is secret.
public struct DiskCacheError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case noCacheDirectory
        case cannotCreateDirectory
        case cannotOpenLock
        case lockTimeout
        case writeFailed
    }

    private let code: Code
    public let path: String
    public let detail: String

    private init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    static func noCacheDirectory() -> DiskCacheError {
        DiskCacheError(.noCacheDirectory, path: "", detail: "neither XDG_CACHE_HOME (absolute) nor HOME is set")
    }
    static func cannotCreateDirectory(_ path: String, detail: String) -> DiskCacheError {
        DiskCacheError(.cannotCreateDirectory, path: path, detail: detail)
    }
    static func cannotOpenLock(_ path: String, errno code: Int32) -> DiskCacheError {
        DiskCacheError(.cannotOpenLock, path: path, detail: String(cString: strerror(code)))
    }
    static func lockTimeout(_ path: String, seconds: TimeInterval) -> DiskCacheError {
        DiskCacheError(.lockTimeout, path: path, detail: "another process held the lock for more than \(Int(seconds)) s")
    }
    static func writeFailed(_ path: String, errno code: Int32) -> DiskCacheError {
        DiskCacheError(.writeFailed, path: path, detail: String(cString: strerror(code)))
    }

    public var isLockTimeout: Bool { code == .lockTimeout }

    public var description: String {
        switch code {
        case .noCacheDirectory: "no cache directory: \(detail)"
        case .cannotCreateDirectory: "cannot create cache directory \(path): \(detail)"
        case .cannotOpenLock: "cannot open cache lock \(path): \(detail)"
        case .lockTimeout: "cache lock \(path): \(detail)"
        case .writeFailed: "cannot write cache file \(path): \(detail)"
        }
    }
}
