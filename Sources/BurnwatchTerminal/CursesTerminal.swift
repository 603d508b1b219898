import BurnwatchCore
import BurnwatchUI
import CNcursesw
import Foundation

/// The live terminal: sets curses up, paints frames, reads keys, and gives the terminal back
/// on every exit path.
///
/// Use it only inside `withTerminal`, and only from the thread that called it: curses is not
/// thread-safe, and `waitForInput` blocks in poll(2). That is why the API is synchronous —
/// run the UI loop on a dedicated thread, not on Swift's cooperative pool, and let other
/// tasks reach it through `waker`.
public final class CursesTerminal {
    /// Decided once, at start-up.
    public let capabilities: TerminalCapabilities
    /// A hint worth logging about the capability decision (e.g. 24-bit colour left unused).
    public let capabilityNote: String?
    /// Wakes `waitForInput` early from any thread.
    public let waker: TerminalWaker
    /// The size curses last reported.
    public private(set) var size: TerminalSize
    /// The termination signal (or hang-up) that ended the session, once one has arrived.
    public private(set) var terminationSignal: TerminationSignal?

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let wakePipe: WakePipe
    private let colorTarget: ColorTarget
    private var pairs: ColorPairCache
    private var needsFullRepaint = true
    private var lastFrame: Frame?
    private var isOpen = true
    /// endwin ran for a suspend and nothing has been drawn since: the terminal is the shell's.
    private var isSuspended = false
    /// Consecutive wake-ups where stdin was readable but yielded nothing: an EOF'd terminal.
    private var emptyReadableWakeups = 0

    private static let claim = SingleUseClaim()
    private static let maximumKeysPerWait = 4096
    private static let emptyReadableLimit = 32

    /// Sets the terminal up, runs `body`, and restores the terminal however `body` ends
    /// (return, throw, or a termination signal reported through `waitForInput`).
    public static func withTerminal<Result>(
        options: TerminalOptions = TerminalOptions(), _ body: (CursesTerminal) throws -> Result
    ) throws -> Result {
        guard claim.acquire() else { throw TerminalError.alreadyActive }
        defer { claim.release() }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let terminal = try CursesTerminal(options: options)
        defer { terminal.close() }
        return try body(terminal)
    }

    private init(options: TerminalOptions) throws(TerminalError) {
        // Before newterm, so ncursesw encodes and decodes in the user's codeset.
        _ = bw_setlocale_from_environment()
        let localeIsUTF8 = bw_locale_is_utf8() != 0
        let environment = ProcessInfo.processInfo.environment
        let term = environment["TERM"] ?? ""

        let wakePipe = try WakePipe()
        SignalTrap.installBeforeCurses(wakeDescriptor: wakePipe.writeDescriptor)
        guard !term.isEmpty, let screen = newterm(nil, bw_stdout_file(), bw_stdin_file()) else {
            SignalTrap.restoreAll()
            wakePipe.close()
            throw TerminalError.unknownTerminalType(term)
        }
        self.screen = screen
        self.wakePipe = wakePipe
        window = bw_stdscr()

        _ = cbreak()  // not raw: Ctrl-C, Ctrl-Z and Ctrl-\ still raise signals
        _ = noecho()
        _ = nonl()
        _ = intrflush(window, false)
        _ = keypad(window, true)
        // key_defined: 0 unbound, > 0 bound, -1 a prefix of (or prefixed by) a bound sequence.
        KeySequenceFallbacks.install(isBound: { key_defined($0) != 0 }, bind: { _ = define_key($0, Int32($1)) })
        _ = nodelay(window, true)
        _ = leaveok(window, true)
        _ = curs_set(0)  // ERR on terminals without civis (vt100): harmless
        _ = set_escdelay(Int32(clamping: Self.milliseconds(options.escapeDelay)))
        _ = mousemask(0, nil)

        let probe = CapabilityProbe(
            terminfoHasColors: has_colors(),
            terminfoColors: Int(tigetnum("colors")),
            term: term,
            colorTerm: environment["COLORTERM"],
            noColor: environment["NO_COLOR"],
            colorMode: options.colorMode,
            forceASCII: options.forceASCII,
            localeIsUTF8: localeIsUTF8
        )
        capabilities = probe.capabilities
        capabilityNote = probe.note
        if capabilities.colorDepth == .mono {
            colorTarget = ColorTarget(palette: .mono)
            pairs = ColorPairCache(colorPairs: 0)
        } else {
            _ = start_color()
            let hasDefaultColors = use_default_colors() == bw_ok()
            colorTarget = ColorTarget(depth: capabilities.colorDepth, colors: Int(bw_colors()), hasDefaultColors: hasDefaultColors)
            pairs = ColorPairCache(colorPairs: Int(bw_color_pairs()))
        }

        SignalTrap.installAfterCurses()
        SignalTrap.setResetSequence(TerminalResetSequence.make { name in
            guard let value = bw_terminfo_string(name) else { return nil }
            // Raw bytes: terminfo strings are not necessarily UTF-8.
            return Array(UnsafeRawBufferPointer(start: value, count: strlen(value)))
        })
        waker = TerminalWaker(fileDescriptor: wakePipe.writeDescriptor)
        size = TerminalSize(columns: Int(bw_getmaxx(window)), rows: Int(bw_getmaxy(window)))
    }

    private func close() {
        guard isOpen else { return }
        isOpen = false
        waker.invalidate()
        // After a suspend the terminal is already restored, and may belong to the shell again
        // (HUP + CONT to a stopped job): touching its modes from the background would stop us.
        if !isSuspended { _ = endwin() }
        delscreen(screen)
        // After endwin: a signal arriving during it is still only recorded.
        SignalTrap.restoreAll()
        wakePipe.close()
    }

    // MARK: - Output

    /// Paints `frame` and sends only what changed since the last call (curses diffs its
    /// virtual screen against the physical one, so an unchanged frame writes nothing).
    /// `fullRepaint` (Ctrl-L) clears and redraws everything. A frame larger than the terminal
    /// is clipped; the part of the terminal a smaller frame does not cover is blanked.
    public func present(_ frame: Frame, fullRepaint: Bool = false) {
        // Killed while stopped: the terminal is the shell's now, and drawing would stop us.
        guard isOpen, !(isSuspended && terminationSignal != nil) else { return }
        let columns = Int(bw_getmaxx(window))
        let rows = Int(bw_getmaxy(window))
        pairs.beginFrame()
        var lastStyle: Style?
        var lastResolved: (attributes: attr_t, pair: Int32) = (bw_a_normal(), 0)
        var resolved: [Style: (attributes: attr_t, pair: Int32)] = [:]
        var text = [wchar_t](repeating: 0, count: 6)
        FramePainter.paint(frame, columns: columns, rows: rows, columnWidth: Self.columnWidth) { cell in
            if cell.style != lastStyle {
                if let known = resolved[cell.style] {
                    lastResolved = known
                } else {
                    lastResolved = resolve(cell.style)
                    resolved[cell.style] = lastResolved
                }
                lastStyle = cell.style
            }
            Self.fill(&text, with: cell.character)
            _ = bw_put_cell(
                window, Int32(cell.y), Int32(cell.x), text, lastResolved.attributes, lastResolved.pair,
                cell.withoutAdvancing ? 1 : 0
            )
        }
        if fullRepaint || needsFullRepaint {
            _ = clearok(bw_curscr(), true)
            needsFullRepaint = false
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        isSuspended = false
        lastFrame = frame
    }

    /// Attributes and colour pair for a style; defines the pair on first use.
    private func resolve(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        let cursesStyle = CursesStyle(style, target: colorTarget)
        var attributes = bw_a_normal()
        if cursesStyle.attributes.contains(.bold) { attributes |= bw_a_bold() }
        if cursesStyle.attributes.contains(.dim) { attributes |= bw_a_dim() }
        if cursesStyle.attributes.contains(.reverse) { attributes |= bw_a_reverse() }
        if cursesStyle.attributes.contains(.underline) { attributes |= bw_a_underline() }
        guard colorTarget.palette != .mono else { return (attributes, 0) }
        let colors = ColorPairCache.Colors(foreground: cursesStyle.foreground, background: cursesStyle.background)
        switch pairs.pair(for: colors) {
        case .defaultPair, .exhausted:
            return (attributes, 0)
        case .cached(let pair):
            return (attributes, pair)
        case .assigned(let pair):
            let defined = init_extended_pair(pair, cursesStyle.foreground, cursesStyle.background) != bw_err()
            return (attributes, defined ? pair : 0)
        }
    }

    /// The character's spacing scalar plus up to four combining ones, NUL-terminated.
    private static func fill(_ text: inout [wchar_t], with character: Character) {
        var count = 0
        for scalar in character.unicodeScalars {
            if count > 0, bw_wcwidth(wchar_t(bitPattern: scalar.value)) != 0 { break }
            text[count] = wchar_t(bitPattern: scalar.value)
            count += 1
            if count == 5 { break }
        }
        text[count] = 0
    }

    /// The C library's width for a character (its first scalar), as curses will use it.
    private static func columnWidth(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return -1 }
        if scalar.value >= 0x20, scalar.value < 0x7F { return 1 }
        return Int(bw_wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    // MARK: - Input

    /// Waits up to `timeout` (nil: indefinitely) for keys, a resize, a termination signal or a
    /// `waker` call, without busy-looping: poll(2) on stdin and the wake pipe, then drains
    /// curses in no-delay mode. May return early with nothing (woken, or a signal that needed
    /// no answer); callers keep their own deadlines.
    public func waitForInput(timeout: Duration?) -> [TerminalInput] {
        guard isOpen else { return [] }
        if let signal = handleSignals() { return [.interrupted(signal)] }
        var (inputs, _) = drainKeys()
        if !inputs.isEmpty { return inputs }

        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        let milliseconds = timeout.map { Int32(clamping: max(0, Self.milliseconds($0))) } ?? -1
        let ready = poll(&descriptors, 2, milliseconds)
        // ready < 0 is EINTR (a signal landed on this thread): drain below, as for a wake-up.
        if ready > 0, descriptors[1].revents != 0 { wakePipe.drain() }
        let stdinEvents = ready > 0 ? Int32(descriptors[0].revents) : 0
        if stdinEvents & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 {
            return [.interrupted(hangUp())]
        }
        if let signal = handleSignals() { return [.interrupted(signal)] }
        let (keys, readAnything) = drainKeys()
        inputs = keys
        if stdinEvents & Int32(POLLIN) != 0, !readAnything {
            // Readable but nothing to read is what a closed terminal looks like (read returns 0).
            emptyReadableWakeups += 1
            if emptyReadableWakeups >= Self.emptyReadableLimit { return [.interrupted(hangUp())] }
        } else if readAnything {
            emptyReadableWakeups = 0
        }
        return inputs
    }

    private func hangUp() -> TerminationSignal {
        if terminationSignal == nil { terminationSignal = .hangup }
        return terminationSignal ?? .hangup
    }

    /// Acts on what the signal handlers recorded; returns the termination signal if any.
    private func handleSignals() -> TerminationSignal? {
        if let terminationSignal { return terminationSignal }
        if let caught = SignalTrap.pendingTermination {
            terminationSignal = caught
            return caught
        }
        if SignalTrap.takeSuspendRequest() {
            suspend()
        } else if SignalTrap.takeContinued() {
            // Stopped without SIGTSTP (SIGSTOP): the shell may have changed modes and drawn over us.
            _ = reset_prog_mode()
            repaintLastFrame()
        }
        // A termination that arrived while stopped.
        if let caught = SignalTrap.pendingTermination {
            terminationSignal = caught
            return caught
        }
        return nil
    }

    /// Ctrl-Z, done on this thread: give the terminal back, stop, and repaint on `fg`.
    private func suspend() {
        _ = endwin()
        isSuspended = true
        SignalTrap.stopProcess()
        _ = SignalTrap.takeContinued()
        // A shell that exits sends its stopped jobs SIGHUP then SIGCONT: quit without a flash.
        if SignalTrap.pendingTermination != nil { return }
        repaintLastFrame()
    }

    private func repaintLastFrame() {
        if let lastFrame {
            present(lastFrame, fullRepaint: true)
        } else {
            _ = clearok(bw_curscr(), true)
            _ = wnoutrefresh(window)
            _ = doupdate()
            isSuspended = false
        }
    }

    /// Everything curses has decoded so far, and whether it returned anything at all
    /// (keys burnwatch ignores, such as F1, still count as input).
    private func drainKeys() -> (inputs: [TerminalInput], readAnything: Bool) {
        var inputs: [TerminalInput] = []
        var readAnything = false
        var character: wint_t = 0
        for _ in 0..<Self.maximumKeysPerWait {
            let status = wget_wch(window, &character)
            if status == bw_err() { break }
            readAnything = true
            let raw: KeyDecoder.Raw = status == Int32(BW_KEY_CODE_YES)
                ? .keyCode(Int32(bitPattern: UInt32(character)))
                : .character(UInt32(character))
            switch KeyDecoder.decode(raw) {
            case .key(let key):
                inputs.append(.key(key))
            case .resize:
                // Only the latest size matters; the terminal may have moved on since.
                inputs.removeAll { if case .resize = $0 { true } else { false } }
                size = TerminalSize(columns: Int(bw_getmaxx(window)), rows: Int(bw_getmaxy(window)))
                // Emulators reflow or clear on resize; do not trust curses' idea of the screen.
                needsFullRepaint = true
                inputs.append(.resize(columns: size.columns, rows: size.rows))
            case .ignored:
                continue
            }
        }
        return (inputs, readAnything)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        // Round up, so a wait of 0.4 ms does not become a zero-timeout spin.
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return seconds.multipliedReportingOverflow(by: 1000).overflow ? Int64.max : seconds * 1000 + fraction
    }
}

/// One `withTerminal` at a time: curses here drives a single screen per process.
private final class SingleUseClaim: @unchecked Sendable {
    // @unchecked: `taken` is only touched under `lock`.
    private let lock = NSLock()
    private var taken = false

    func acquire() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if taken { return false }
        taken = true
        return true
    }

    func release() {
        lock.lock()
        defer { lock.unlock() }
        taken = false
    }
}
