import Foundation
import Testing
@testable import BurnwatchTerminal

/// Installs real handlers in the test process, so one test at a time.
@Suite(.serialized)
struct SignalTrapTests {
    private func currentHandlerIsDefault(_ signal: Int32) -> Bool {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return action.__sigaction_handler.sa_handler == nil  // SIG_DFL is the null handler
    }

    /// Raises `signal` on this thread with it unblocked, so the handler has run on return.
    /// (Test threads come from a pool that blocks asynchronous signals.)
    private func raiseHere(_ signal: Int32) {
        var unblock = sigset_t()
        var previous = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        raise(signal)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    @Test func terminationSignalIsRecordedAndWakesTheInputWait() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        SignalTrap.installBeforeCurses(wakeDescriptor: pipe.writeDescriptor)
        defer { SignalTrap.restoreAll() }
        #expect(SignalTrap.pendingTermination == nil)

        raiseHere(SIGTERM)

        #expect(SignalTrap.pendingTermination == .terminate)
        var byte: UInt8 = 0
        #expect(read(pipe.readDescriptor, &byte, 1) == 1)
    }

    @Test func firstTerminationSignalWins() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        SignalTrap.installBeforeCurses(wakeDescriptor: pipe.writeDescriptor)
        defer { SignalTrap.restoreAll() }
        raiseHere(SIGHUP)
        raiseHere(SIGINT)
        #expect(SignalTrap.pendingTermination == .hangup)
    }

    @Test func suspendAndContinueAreRecordedOnce() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        SignalTrap.installBeforeCurses(wakeDescriptor: pipe.writeDescriptor)
        defer { SignalTrap.restoreAll() }
        raiseHere(SIGCONT)
        #expect(SignalTrap.takeContinued())
        #expect(!SignalTrap.takeContinued())
        #expect(SignalTrap.pendingTermination == nil)
    }

    @Test func restoreAllPutsTheDefaultsBack() throws {
        #expect(currentHandlerIsDefault(SIGTERM))
        let pipe = try WakePipe()
        defer { pipe.close() }
        SignalTrap.installBeforeCurses(wakeDescriptor: pipe.writeDescriptor)
        #expect(!currentHandlerIsDefault(SIGTERM))
        #expect(!currentHandlerIsDefault(SIGHUP))
        SignalTrap.restoreAll()
        #expect(currentHandlerIsDefault(SIGTERM))
        #expect(currentHandlerIsDefault(SIGHUP))
        #expect(currentHandlerIsDefault(SIGINT))
    }

    @Test func aNewSessionStartsWithoutTheLastSignal() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        SignalTrap.installBeforeCurses(wakeDescriptor: pipe.writeDescriptor)
        raiseHere(SIGQUIT)
        SignalTrap.restoreAll()
        SignalTrap.installBeforeCurses(wakeDescriptor: pipe.writeDescriptor)
        defer { SignalTrap.restoreAll() }
        #expect(SignalTrap.pendingTermination == nil)
    }
}
