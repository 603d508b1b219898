import Foundation
import Testing
@testable import BurnwatchTerminal

struct TerminalWakerTests {
    @Test func wakeWritesToThePipeUntilInvalidated() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        let waker = TerminalWaker(fileDescriptor: pipe.writeDescriptor)
        var byte: UInt8 = 0
        #expect(read(pipe.readDescriptor, &byte, 1) == -1)  // empty, non-blocking

        waker.wake()
        waker.wake()
        #expect(read(pipe.readDescriptor, &byte, 1) == 1)
        pipe.drain()
        #expect(read(pipe.readDescriptor, &byte, 1) == -1)

        waker.invalidate()
        waker.wake()
        #expect(read(pipe.readDescriptor, &byte, 1) == -1)
    }

    @Test func wakeNeverBlocksOnAFullPipe() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        let waker = TerminalWaker(fileDescriptor: pipe.writeDescriptor)
        // A Linux pipe holds 64 KiB; more wake-ups than that must return, not block.
        for _ in 0..<70_000 { waker.wake() }
        pipe.drain()
        var byte: UInt8 = 0
        #expect(read(pipe.readDescriptor, &byte, 1) == -1)
    }
}
