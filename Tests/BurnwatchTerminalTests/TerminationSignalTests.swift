import Foundation
import Testing
@testable import BurnwatchTerminal

struct TerminationSignalTests {
    @Test func exitStatusIs128PlusTheSignal() {
        // Linux numbers: SIGHUP 1, SIGINT 2, SIGQUIT 3, SIGTERM 15.
        #expect(TerminationSignal.hangup.exitStatus == 129)
        #expect(TerminationSignal.interrupt.exitStatus == 130)
        #expect(TerminationSignal.quit.exitStatus == 131)
        #expect(TerminationSignal.terminate.exitStatus == 143)
    }

    @Test func describesItselfByName() {
        #expect(TerminationSignal.terminate.description == "SIGTERM")
        #expect(TerminationSignal(number: 42).description == "signal 42")
    }

    @Test func waitTimeoutsRoundUpToWholeMilliseconds() {
        #expect(CursesTerminal.milliseconds(.milliseconds(50)) == 50)
        #expect(CursesTerminal.milliseconds(.microseconds(400)) == 1)
        #expect(CursesTerminal.milliseconds(.seconds(2)) == 2000)
        #expect(CursesTerminal.milliseconds(.zero) == 0)
    }
}
