import BurnwatchCore
import Testing
@testable import BurnwatchTerminal

struct KeyDecoderTests {
    // Key codes as written (in octal) in ncurses 6.4's <curses.h>, converted by hand.
    @Test(arguments: [
        (Int32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right),
        (0o523, .pageUp), (0o522, .pageDown), (0o406, .home), (0o550, .end),
        (0o527, .enter), (0o407, .backspace), (0o541, .backTab),
        // Keypad corners and Find/Select, which some terminals send for Home/End/PgUp/PgDn.
        (0o534, .home), (0o537, .end), (0o535, .pageUp), (0o540, .pageDown), (0o552, .home), (0o601, .end),
    ])
    func functionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(.keyCode(code)) == .key(key))
    }

    @Test func resizeIsNotAKey() {
        #expect(KeyDecoder.decode(.keyCode(0o632)) == .resize)
    }

    @Test func unboundFunctionKeysAreIgnored() {
        #expect(KeyDecoder.decode(.keyCode(0o411)) == .ignored)  // KEY_F(1)
        #expect(KeyDecoder.decode(.keyCode(0o512)) == .ignored)  // KEY_DC
    }

    @Test(arguments: [
        (UInt32(9), Key.tab), (10, .enter), (13, .enter), (27, .escape), (8, .backspace), (127, .backspace),
        (1, .control("a")), (12, .control("l")), (26, .control("z")), (3, .control("c")),
    ])
    func controlCharacters(value: UInt32, key: Key) {
        #expect(KeyDecoder.decode(.character(value)) == .key(key))
    }

    @Test func printableCharacters() {
        #expect(KeyDecoder.decode(.character(0x71)) == .key(.character("q")))
        #expect(KeyDecoder.decode(.character(0x47)) == .key(.character("G")))
        #expect(KeyDecoder.decode(.character(0x2F)) == .key(.character("/")))
        #expect(KeyDecoder.decode(.character(0x20)) == .key(.character(" ")))
        #expect(KeyDecoder.decode(.character(0xE9)) == .key(.character("é")))
        #expect(KeyDecoder.decode(.character(0x1F600)) == .key(.character("😀")))
    }

    @Test func nonCharactersAreIgnored() {
        #expect(KeyDecoder.decode(.character(0)) == .ignored)  // Ctrl-Space / Ctrl-@
        #expect(KeyDecoder.decode(.character(28)) == .ignored)  // Ctrl-\ when it is not SIGQUIT
        #expect(KeyDecoder.decode(.character(31)) == .ignored)
        #expect(KeyDecoder.decode(.character(0x85)) == .ignored)  // C1 control
        #expect(KeyDecoder.decode(.character(0xD800)) == .ignored)  // lone surrogate
        #expect(KeyDecoder.decode(.character(0x11_0000)) == .ignored)  // beyond Unicode
    }
}
