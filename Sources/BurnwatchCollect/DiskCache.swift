#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Slow, priced data (cost, forecast) kept on disk between runs and shared by every burnwatch
/// process on the host, so that a second process or a restart does not pay for the same query.
///
/// One JSON file per key under the directory (`$XDG_CACHE_HOME/burnwatch/`, else
/// `~/.cache/burnwatch/`), holding the value and the time it was fetched. Files are replaced
/// atomically (temporary file in the same directory, fsync, rename), so a reader sees the old
/// or the new file, never half of one. `fetch` serialises producers with an exclusive `flock`
/// on a per-key lock file and re-reads the cache once it holds the lock: when two processes
/// want the same stale key, the second one waits and then reuses what the first one paid for.
/// flock locks belong to an open file description, so two `DiskCache` values in one process
/// exclude each other just as two processes do.
public struct DiskCache: Sendable {
    public struct Entry<Value: Sendable>: Sendable {
        public var value: Value
        public var fetchedAt: Date
    }

    public let directory: URL
    /// How long `fetch` waits for another holder of the key's lock (wall time) before giving up.
    public var lockTimeout: TimeInterval
    /// An entry stamped further than this in the future (clock change, other time source) is ignored.
    public var futureTolerance: TimeInterval = 300
    /// Called once per `fetch` that finds the lock held by someone else (tests wait on it).
    var lockContentionObserver: (@Sendable () -> Void)?

    private static let format = 1
    private static let logger = Logger(label: "burnwatch.cache")

    public init(directory: URL, lockTimeout: TimeInterval = 120) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    /// `$XDG_CACHE_HOME/burnwatch` when XDG_CACHE_HOME is an absolute path, else `$HOME/.cache/burnwatch`.
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("burnwatch", isDirectory: true)
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".cache", isDirectory: true)
                .appendingPathComponent("burnwatch", isDirectory: true)
        }
        throw DiskCacheError.noCacheDirectory()
    }

    /// Returns a value younger than `maxAge` from the cache, or calls `produce` (which pays),
    /// stores its result and returns it. `produce` runs while this key's lock is held, so no two
    /// fetchers (in any process) produce the same key at once. A failed `produce` stores nothing.
    ///
    /// Storing is best effort: if the file cannot be written the produced value is still
    /// returned (the failure is logged), because it has been paid for.
    public func fetch<Value: Codable & Sendable>(
        key: String,
        maxAge: TimeInterval,
        now: Date,
        produce: () async throws -> Value
    ) async throws -> (value: Value, fromCache: Bool) {
        if let entry = fresh(key: key, maxAge: maxAge, now: now, as: Value.self) {
            return (entry.value, true)
        }
        try createDirectory()
        let lock = try await acquireLock(for: key)
        defer { lock.release() }
        // Someone may have produced the value while we waited for the lock.
        if let entry = fresh(key: key, maxAge: maxAge, now: now, as: Value.self) {
            return (entry.value, true)
        }
        let value = try await produce()
        do {
            try store(value, key: key, fetchedAt: now)
        } catch {
            Self.logger.warning("\(error)")
        }
        return (value, false)
    }

    /// The stored entry for `key`, or nil when there is none or it cannot be decoded.
    public func read<Value: Codable & Sendable>(key: String, as type: Value.Type = Value.self) -> Entry<Value>? {
        guard let data = FileManager.default.contents(atPath: fileURL(forKey: key).path) else { return nil }
        guard let envelope = try? JSONDecoder().decode(Envelope<Value>.self, from: data),
              envelope.format == Self.format, envelope.key == key
        else { return nil }
        return Entry(value: envelope.value, fetchedAt: envelope.fetchedAt)
    }

    /// Writes `value` for `key` atomically.
    public func store<Value: Codable & Sendable>(_ value: Value, key: String, fetchedAt: Date) throws {
        try createDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Envelope(format: Self.format, key: key, fetchedAt: fetchedAt, value: value))
        try writeAtomically(data, to: fileURL(forKey: key))
    }

    /// The cache file of `key`.
    public func fileURL(forKey key: String) -> URL {
        directory.appendingPathComponent(Self.fileName(forKey: key) + ".json")
    }

    /// A file name for any key: the key with everything but `[A-Za-z0-9._-]` replaced by `_`,
    /// shortened, plus a stable hash of the original key so that `aws/x` and `aws_x` differ.
    public static func fileName(forKey key: String) -> String {
        var readable = String(key.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": Character(scalar)
            default: "_"
            }
        })
        if readable.hasPrefix(".") { readable = "_" + readable.dropFirst() }
        let hash = String(stableHash(key), radix: 16)
        return String(readable.prefix(80)) + "-" + String(repeating: "0", count: 16 - hash.count) + hash
    }

    // MARK: - Private

    private struct Envelope<Value: Codable>: Codable {
        var format: Int
        var key: String
        var fetchedAt: Date
        var value: Value
    }

    private func fresh<Value: Codable & Sendable>(key: String, maxAge: TimeInterval, now: Date, as type: Value.Type) -> Entry<Value>? {
        guard let entry = read(key: key, as: type) else { return nil }
        let age = now.timeIntervalSince(entry.fetchedAt)
        guard age < maxAge, age > -futureTolerance else { return nil }
        return entry
    }

    /// FNV-1a, 64 bit: stable across processes and runs, unlike `Hasher`.
    private static func stableHash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    private func createDirectory() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return
        }
        do {
            try FileManager.default.createDirectory(
                at: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw DiskCacheError.cannotCreateDirectory(directory.path, detail: error.localizedDescription)
        }
    }

    private func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        ).path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DiskCacheError.writeFailed(temporary, errno: errno) }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let result = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        guard written, fsync(fd) == 0 else {
            let code = errno
            close(fd)
            throw DiskCacheError.writeFailed(temporary, errno: code)
        }
        close(fd)
        guard rename(temporary, url.path) == 0 else { throw DiskCacheError.writeFailed(url.path, errno: errno) }
        succeeded = true
        // Make the rename itself durable.
        let directoryFD = open(directory.path, O_RDONLY | O_CLOEXEC)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// An exclusive flock on the key's lock file, polled without blocking a thread so that a
    /// long wait for another process does not starve the cooperative pool.
    private func acquireLock(for key: String) async throws -> HeldLock {
        let path = directory.appendingPathComponent(Self.fileName(forKey: key) + ".lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DiskCacheError.cannotOpenLock(path, errno: errno) }
        let started = ContinuousClock.now
        var reportedContention = false
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return HeldLock(fd: fd) }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw DiskCacheError.cannotOpenLock(path, errno: code)
            }
            if code == EWOULDBLOCK, !reportedContention {
                reportedContention = true
                lockContentionObserver?()
            }
            if ContinuousClock.now - started > .seconds(lockTimeout) {
                close(fd)
                throw DiskCacheError.lockTimeout(path, seconds: lockTimeout)
            }
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                close(fd)
                throw error
            }
        }
    }

    private struct HeldLock {
        let fd: Int32

        func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
