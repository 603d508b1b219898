import Testing
@testable import BurnwatchTerminal

struct KeySequenceFallbacksTests {
    @Test func bindsOnlyWhatTerminfoLeftUnbound() {
        // As with TERM=xterm-256color inside tmux: arrows are bound, tmux's ESC[1~ Home is not.
        let bound: Set<String> = ["\u{1B}OA", "\u{1B}OB", "\u{1B}OC", "\u{1B}OD", "\u{1B}OH", "\u{1B}OF", "\u{1B}[5~", "\u{1B}[6~", "\u{1B}[Z"]
        var added: [String: Int] = [:]
        KeySequenceFallbacks.install(isBound: { bound.contains($0) }) { added[$0] = $1 }
        #expect(added.keys.allSatisfy { !bound.contains($0) })
        // KEY_HOME is 0406 (262) and KEY_END 0550 (360) in <curses.h>.
        #expect(added["\u{1B}[1~"] == 262)
        #expect(added["\u{1B}[4~"] == 360)
        #expect(added["\u{1B}[7~"] == 262)
        #expect(added["\u{1B}[A"] == 259)  // KEY_UP 0403
        #expect(added["\u{1B}[Z"] == nil)
    }
}
