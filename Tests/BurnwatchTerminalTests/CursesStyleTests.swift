import BurnwatchUI
import Testing
@testable import BurnwatchTerminal

struct CursesStyleTests {
    private func map(_ style: Style, _ palette: ColorTarget.Palette, defaults: Bool = true) -> CursesStyle {
        CursesStyle(style, target: ColorTarget(palette: palette, hasDefaultColors: defaults))
    }

    @Test func monoHasNoColoursAndKeepsAttributes() {
        let style = Style(foreground: .ansi(9), background: .rgb(1, 2, 3), attributes: [.reverse, .underline])
        #expect(map(style, .mono) == CursesStyle(attributes: [.reverse, .underline], foreground: -1, background: -1))
    }

    @Test func terminalDefaultIsMinusOne() {
        #expect(map(Style(attributes: .dim), .indexed256) == CursesStyle(attributes: .dim, foreground: -1, background: -1))
    }

    @Test func withoutDefaultColoursFallsBackToWhiteOnBlack() {
        #expect(map(Style(), .ansi16, defaults: false) == CursesStyle(attributes: [], foreground: 7, background: 0))
    }

    @Test func eightColoursMapBrightToBaseColourPlusBold() {
        let style = Style(foreground: .ansi(9), background: .ansi(12))
        // Bright red (9) → red (1) + bold; a bright background (12, blue) has no bold form → blue (4).
        #expect(map(style, .ansi8) == CursesStyle(attributes: .bold, foreground: 1, background: 4))
        #expect(map(Style(foreground: .ansi(3)), .ansi8) == CursesStyle(attributes: [], foreground: 3, background: -1))
    }

    @Test func sixteenColoursKeepBrightNumbers() {
        #expect(map(Style(foreground: .ansi(9), background: .ansi(12)), .ansi16) == CursesStyle(attributes: [], foreground: 9, background: 12))
    }

    @Test func coloursAboveTheDepthAreSteppedDown() {
        // rgb(255,0,0) is xterm colour 196 (cube 5,0,0) and, in 16 colours, bright red (9).
        #expect(map(Style(foreground: .rgb(255, 0, 0)), .indexed256).foreground == 196)
        #expect(map(Style(foreground: .indexed(196)), .ansi16).foreground == 9)
        #expect(map(Style(foreground: .indexed(196)), .ansi8) == CursesStyle(attributes: .bold, foreground: 1, background: -1))
        #expect(map(Style(foreground: .indexed(4)), .ansi16).foreground == 4)
    }

    @Test func indexedColoursPassThroughAt256() {
        #expect(map(Style(foreground: .indexed(208), background: .ansi(4)), .indexed256) == CursesStyle(attributes: [], foreground: 208, background: 4))
    }

    @Test func directColourIsRGBNumberAboveTheANSIRange() {
        #expect(map(Style(foreground: .rgb(0x12, 0x34, 0x56)), .direct).foreground == 0x123456)
        // 0x000000 would be ANSI black (0) under xterm-direct; it is nudged to 0x000008.
        #expect(map(Style(foreground: .rgb(0, 0, 0)), .direct).foreground == 8)
        #expect(map(Style(foreground: .ansi(3)), .direct).foreground == 3)
        // Bright ANSI colours have no number of their own: use their RGB (9 is 255,0,0).
        #expect(map(Style(foreground: .ansi(9)), .direct).foreground == 0xFF0000)
        // xterm colour 208 is cube (5,2,0) = rgb(255,135,0).
        #expect(map(Style(background: .indexed(208)), .direct).background == 0xFF8700)
        #expect(map(Style(background: .indexed(5)), .direct).background == 5)
    }
}
