import Testing
@testable import BurnwatchTerminal

struct TerminalResetSequenceTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func concatenatesCapabilitiesInResetOrder() {
        // xterm-256color's values (infocmp): sgr0, cnorm, rmkx, rmcup.
        let terminfo = [
            "sgr0": "\u{1B}(B\u{1B}[m", "cnorm": "\u{1B}[?12l\u{1B}[?25h", "rmkx": "\u{1B}[?1l\u{1B}>",
            "rmcup": "\u{1B}[?1049l\u{1B}[23;0;0t",
        ]
        let sequence = TerminalResetSequence.make { name in terminfo[name].map(bytes) }
        #expect(sequence == bytes("\u{1B}(B\u{1B}[m\u{1B}[?12l\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l\u{1B}[23;0;0t"))
    }

    @Test func missingCapabilitiesAreLeftOut() {
        // vt100 has sgr0 (with padding) and rmkx, but no cnorm and no alternate screen.
        let terminfo = ["sgr0": "\u{1B}[m\u{0F}$<2>", "rmkx": "\u{1B}[?1l\u{1B}>"]
        let sequence = TerminalResetSequence.make { name in terminfo[name].map(bytes) }
        #expect(sequence == bytes("\u{1B}[m\u{0F}\u{1B}[?1l\u{1B}>"))
    }

    @Test func noCapabilitiesAtAllFallsBackToANSI() {
        #expect(TerminalResetSequence.make { _ in nil } == bytes("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"))
    }

    @Test func paddingIsRemovedButALoneDollarIsKept() {
        #expect(TerminalResetSequence.removingPadding(bytes("a$<5>b$<2*/>c")) == bytes("abc"))
        #expect(TerminalResetSequence.removingPadding(bytes("a$b$<c")) == bytes("a$b$<c"))
    }
}
