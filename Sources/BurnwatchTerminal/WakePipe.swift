import Foundation

/// The self-pipe that interrupts the input wait: written by `TerminalWaker` and by the
/// signal handlers, read (drained) by the UI loop's poll(2).
struct WakePipe {
    let readDescriptor: Int32
    let writeDescriptor: Int32

    init() throws(TerminalError) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw TerminalError.systemCall("pipe", errno: errno)
        }
        // pipe2 is Linux-only; set the flags by hand so macOS builds too.
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    /// Empties the pipe; however many wake-ups were written, one wait returns.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }

    func close() {
        _ = Foundation.close(readDescriptor)
        _ = Foundation.close(writeDescriptor)
    }
}
