import Foundation

/// Wakes a `CursesTerminal.waitForInput` early, from any thread or task: call it after
/// handing the UI loop something new (a collector batch, a tick). Safe to keep after the
/// terminal closes; it then does nothing.
public final class TerminalWaker: @unchecked Sendable {
    // @unchecked: `fileDescriptor` is only read or written under `lock`.
    private let lock = NSLock()
    private var fileDescriptor: Int32

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public func wake() {
        lock.lock()
        defer { lock.unlock() }
        guard fileDescriptor >= 0 else { return }
        var byte: UInt8 = 1
        // Non-blocking pipe: EAGAIN means a wake-up is already pending, which is enough.
        _ = write(fileDescriptor, &byte, 1)
    }

    /// Called before the pipe closes, so a late `wake()` never writes to a reused descriptor.
    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        fileDescriptor = -1
    }
}
