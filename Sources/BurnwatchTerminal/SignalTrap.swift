import CNcursesw
import Foundation

/// Signal handling for the terminal's lifetime. The handlers live in the CNcursesw shim (C,
/// async-signal-safe: flags and write(2) only); this is the one Swift file that calls them.
///
/// - SIGINT, SIGTERM, SIGHUP, SIGQUIT: recorded, and the input wait is woken; the UI loop
///   returns from `withTerminal`, which restores the terminal.
/// - SIGTSTP (when not ignored): recorded and woken; the UI loop itself calls endwin, stops,
///   and repaints on resume, so no curses call runs in signal context or on another thread.
/// - SIGCONT: recorded, so a stop that bypassed SIGTSTP (SIGSTOP) also ends in a repaint.
/// - SIGWINCH: ncurses' own handler still runs (KEY_RESIZE); ours then wakes the wait.
/// - Crash signals: write the precomputed reset bytes, restore the shell's termios, and
///   re-raise under the previous disposition.
/// - SIGPIPE: ignored.
enum SignalTrap {
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Installs everything that must be in place before `newterm`: ncurses installs its own
    /// SIGINT/SIGTERM/SIGTSTP handlers only where it finds SIG_DFL, so ours come first.
    static func installBeforeCurses(wakeDescriptor: Int32) {
        bw_signal_clear_termination()
        _ = bw_signal_take_suspend()
        _ = bw_signal_take_continued()
        bw_signal_save_shell_termios()
        bw_signal_set_wake_fd(wakeDescriptor)
        for signal in terminationSignals {
            _ = bw_signal_install(signal, Int32(BW_HANDLER_TERMINATION))
        }
        for signal in crashSignals {
            _ = bw_signal_install(signal, Int32(BW_HANDLER_CRASH))
        }
        _ = bw_signal_install(SIGPIPE, Int32(BW_HANDLER_IGNORE))
        _ = bw_signal_install(SIGCONT, Int32(BW_HANDLER_CONTINUE))
        // A shell without job control starts us with SIGTSTP ignored: keep it that way.
        if bw_signal_is_default(SIGTSTP) != 0 {
            _ = bw_signal_install(SIGTSTP, Int32(BW_HANDLER_SUSPEND))
        }
        // Remember SIGWINCH's disposition now, to put it back after ncurses has replaced it.
        bw_signal_remember(SIGWINCH)
    }

    /// Chains onto the SIGWINCH handler ncurses installed in `newterm`.
    static func installAfterCurses() {
        _ = bw_signal_install(SIGWINCH, Int32(BW_HANDLER_WINDOW_CHANGE))
    }

    /// The bytes the crash handler writes to standard output.
    static func setResetSequence(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                bw_signal_set_reset_bytes(chars.baseAddress, Int32(chars.count))
            }
        }
    }

    /// Puts back every disposition changed by `installBeforeCurses`/`installAfterCurses`.
    static func restoreAll() {
        for signal in terminationSignals + crashSignals + [SIGPIPE, SIGCONT, SIGTSTP, SIGWINCH] {
            bw_signal_restore(signal)
        }
        bw_signal_set_wake_fd(-1)
        bw_signal_forget_shell_termios()
        bw_signal_set_reset_bytes(nil, 0)
    }

    /// The first termination signal caught since `installBeforeCurses`, if any.
    static var pendingTermination: TerminationSignal? {
        let number = bw_signal_termination()
        return number == 0 ? nil : TerminationSignal(number: number)
    }

    static func takeSuspendRequest() -> Bool { bw_signal_take_suspend() != 0 }

    static func takeContinued() -> Bool { bw_signal_take_continued() != 0 }

    /// Stops the process as SIGTSTP's default action would; returns once continued.
    static func stopProcess() {
        bw_signal_stop_self()
    }
}
