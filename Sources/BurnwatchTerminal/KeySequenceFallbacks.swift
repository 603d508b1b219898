import CNcursesw

/// Key sequences terminals send whether or not `TERM` describes them: tmux always sends
/// `ESC[1~` for Home, whatever `TERM` says inside it, and xterm-256color's terminfo does not
/// know that sequence, so curses would hand over Escape, `[`, `1`, `~` — four keystrokes
/// burnwatch binds. Only sequences terminfo leaves unbound are added (htop's `define_key` list
/// serves the same purpose).
enum KeySequenceFallbacks {
    static let table: [(sequence: String, keyCode: Int)] = [
        ("\u{1B}[A", BW_KEY_UP), ("\u{1B}[B", BW_KEY_DOWN), ("\u{1B}[C", BW_KEY_RIGHT), ("\u{1B}[D", BW_KEY_LEFT),
        ("\u{1B}OA", BW_KEY_UP), ("\u{1B}OB", BW_KEY_DOWN), ("\u{1B}OC", BW_KEY_RIGHT), ("\u{1B}OD", BW_KEY_LEFT),
        ("\u{1B}[H", BW_KEY_HOME), ("\u{1B}[F", BW_KEY_END), ("\u{1B}OH", BW_KEY_HOME), ("\u{1B}OF", BW_KEY_END),
        ("\u{1B}[1~", BW_KEY_HOME), ("\u{1B}[4~", BW_KEY_END), ("\u{1B}[7~", BW_KEY_HOME), ("\u{1B}[8~", BW_KEY_END),
        ("\u{1B}[5~", BW_KEY_PPAGE), ("\u{1B}[6~", BW_KEY_NPAGE), ("\u{1B}[Z", BW_KEY_BTAB),
    ]

    /// Binds each unbound sequence; `isBound` and `bind` are `key_defined` and `define_key`.
    static func install(isBound: (String) -> Bool, bind: (String, Int) -> Void) {
        for (sequence, keyCode) in table where !isBound(sequence) {
            bind(sequence, keyCode)
        }
    }
}
