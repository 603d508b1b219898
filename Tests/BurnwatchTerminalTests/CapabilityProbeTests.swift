import BurnwatchUI
import Testing
@testable import BurnwatchTerminal

struct CapabilityProbeTests {
    // What Debian's terminfo reports (infocmp): xterm-256color colors#256, screen colors#8,
    // vt100 no colours, xterm-direct colors#0x1000000, xterm-16color colors#16, linux colors#8.
    private func probe(
        term: String?, colors: Int, hasColors: Bool = true, noColor: String? = nil, colorTerm: String? = nil,
        mode: ColorMode = .auto, ascii: Bool = false, utf8: Bool = true
    ) -> CapabilityProbe {
        CapabilityProbe(
            terminfoHasColors: hasColors, terminfoColors: colors, term: term, colorTerm: colorTerm, noColor: noColor,
            colorMode: mode, forceASCII: ascii, localeIsUTF8: utf8
        )
    }

    @Test func xterm256colorIs256ColoursWithUnicode() {
        #expect(probe(term: "xterm-256color", colors: 256).capabilities == TerminalCapabilities(colorDepth: .indexed256, unicode: true))
    }

    @Test func truecolorOnlyWithDirectColourTerminfo() {
        #expect(probe(term: "xterm-direct", colors: 16_777_216).colorDepth == .truecolor)
        // COLORTERM alone cannot make ncurses emit 24-bit colour.
        #expect(probe(term: "xterm-256color", colors: 256, colorTerm: "truecolor").colorDepth == .indexed256)
    }

    @Test func noteExplainsUnusedTruecolor() {
        let note = probe(term: "xterm-256color", colors: 256, colorTerm: "truecolor").note
        #expect(note?.contains("xterm-direct") == true)
        #expect(probe(term: "xterm-256color", colors: 256).note == nil)
        #expect(probe(term: "xterm-direct", colors: 16_777_216, colorTerm: "truecolor").note == nil)
    }

    @Test func screenWithEightColoursCountsAsSixteen() {
        #expect(probe(term: "screen", colors: 8).colorDepth == .ansi16)
        #expect(probe(term: "xterm-16color", colors: 16).colorDepth == .ansi16)
    }

    @Test func vt100IsMonochrome() {
        // vt100's terminfo has no colours: has_colors() is false and tigetnum("colors") is -1.
        #expect(probe(term: "vt100", colors: -1, hasColors: false).capabilities == TerminalCapabilities(colorDepth: .mono, unicode: true))
        #expect(probe(term: "vt100", colors: -1, hasColors: false, mode: .always).colorDepth == .mono)
    }

    @Test func fewerThanEightColoursIsMonochrome() {
        #expect(probe(term: "odd", colors: 2).colorDepth == .mono)
    }

    @Test func dumbOrMissingTermIsMonochrome() {
        #expect(probe(term: "dumb", colors: 256).colorDepth == .mono)
        #expect(probe(term: nil, colors: 256).colorDepth == .mono)
        #expect(probe(term: "", colors: 256).colorDepth == .mono)
    }

    @Test func nonEmptyNoColorMeansMonochromeUnlessAlways() {
        #expect(probe(term: "xterm-256color", colors: 256, noColor: "1").colorDepth == .mono)
        #expect(probe(term: "xterm-256color", colors: 256, noColor: "1", mode: .always).colorDepth == .indexed256)
        // NO_COLOR set but empty is ignored (no-color.org).
        #expect(probe(term: "xterm-256color", colors: 256, noColor: "").colorDepth == .indexed256)
    }

    @Test func colorNeverIsMonochromeEvenWithDirectColour() {
        #expect(probe(term: "xterm-direct", colors: 16_777_216, mode: .never).colorDepth == .mono)
    }

    @Test func cLocaleMeansASCII() {
        #expect(probe(term: "xterm-256color", colors: 256, utf8: false).capabilities == TerminalCapabilities(colorDepth: .indexed256, unicode: false))
    }

    @Test func forceASCIIWinsOverUTF8() {
        #expect(probe(term: "xterm-256color", colors: 256, ascii: true).unicode == false)
    }

    @Test func linuxConsoleGetsASCIIGlyphs() {
        #expect(probe(term: "linux", colors: 8).capabilities == TerminalCapabilities(colorDepth: .ansi16, unicode: false))
        #expect(probe(term: "linux-16color", colors: 16).unicode == false)
        #expect(probe(term: "linuxish", colors: 8).unicode == true)
    }
}
