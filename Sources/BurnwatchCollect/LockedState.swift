import Foundation

/// A value behind a lock, for state that several tasks share and that callers must read
/// synchronously (health snapshots, the call ledger, the manual clock).
///
/// `Mutex` from Synchronization would do, but needs macOS 15 and the package supports 14.
public final class LockedState<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
