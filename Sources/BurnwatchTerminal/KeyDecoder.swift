import BurnwatchCore
import CNcursesw

/// Turns what `wget_wch` returns into keys. Pure: the table is unit-tested against the
/// numeric key codes of `<curses.h>`.
enum KeyDecoder {
    /// One `wget_wch` result: a character (`OK`) or a function-key code (`KEY_CODE_YES`).
    enum Raw: Sendable, Hashable {
        case character(UInt32)
        case keyCode(Int32)
    }

    enum Decoded: Sendable, Hashable {
        case key(Key)
        /// KEY_RESIZE: curses has already resized its windows; read the new size.
        case resize
        /// Nothing burnwatch binds (function keys, NUL, C1 controls, invalid scalars).
        case ignored
    }

    static func decode(_ raw: Raw) -> Decoded {
        switch raw {
        case .keyCode(let code):
            return decodeKeyCode(code)
        case .character(let value):
            return decodeCharacter(value)
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Decoded {
        switch Int(code) {
        case BW_KEY_UP: .key(.up)
        case BW_KEY_DOWN: .key(.down)
        case BW_KEY_LEFT: .key(.left)
        case BW_KEY_RIGHT: .key(.right)
        case BW_KEY_PPAGE, BW_KEY_A3: .key(.pageUp)
        case BW_KEY_NPAGE, BW_KEY_C3: .key(.pageDown)
        // Keypad corners, and Find/Select, which some terminfo entries use for Home/End.
        case BW_KEY_HOME, BW_KEY_A1, BW_KEY_FIND: .key(.home)
        case BW_KEY_END, BW_KEY_C1, BW_KEY_SELECT: .key(.end)
        case BW_KEY_ENTER: .key(.enter)
        case BW_KEY_BACKSPACE: .key(.backspace)
        case BW_KEY_BTAB: .key(.backTab)
        case BW_KEY_RESIZE: .resize
        default: .ignored
        }
    }

    private static func decodeCharacter(_ value: UInt32) -> Decoded {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26.
            return .key(.control(Character(Unicode.Scalar(UInt8(value) + 0x60))))
        case 0..<32, 0x80..<0xA0:
            return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }
}
