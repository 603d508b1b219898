import BurnwatchCollect
import BurnwatchCore
import BurnwatchTerminal
import BurnwatchUI
import Foundation
import Logging

/// The live dashboard: collectors run as tasks under the scheduler; one dedicated thread owns the
/// terminal and the state, so every curses call happens on it and a blocked input wait never
/// holds one of the (two, on a small machine) cooperative threads.
public struct Dashboard: Sendable {
    public var settings: Settings
    public var themes: ThemeCatalog
    public var themeName: String
    public var terminal: TerminalOptions
    /// Messages to show in the status line at start (config warnings, say).
    public var notices: [String]

    public init(settings: Settings, themes: ThemeCatalog, themeName: String, terminal: TerminalOptions, notices: [String] = []) {
        self.settings = settings
        self.themes = themes
        self.themeName = themeName
        self.terminal = terminal
        self.notices = notices
    }

    /// Runs until the user quits or a termination signal arrives; returns the process exit status.
    public func run(
        collectors: [any Collector], transport: any Transport, time: any TimeSource, cache: DiskCache?,
        policy: SchedulerPolicy = SchedulerPolicy()
    ) async throws -> Int32 {
        let inbox = EventInbox()
        let scheduler = Scheduler(collectors: collectors, transport: transport, time: time, policy: policy, cache: cache,
                                  sink: { inbox.push($0) })
        let costRoundPrice = collectors.reduce(Decimal(0)) { $0 + ($1.descriptor.pricePerRound[.cost] ?? 0) }
        let collecting = Task { await scheduler.run() }
        defer { collecting.cancel() }
        let outcome: Result<Int32, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result {
                    try self.uiLoop(inbox: inbox, scheduler: scheduler, time: time, costRoundPrice: costRoundPrice)
                })
            }
            thread.name = "burnwatch-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        return try outcome.get()
    }

    private func uiLoop(inbox: EventInbox, scheduler: Scheduler, time: any TimeSource, costRoundPrice: Decimal) throws -> Int32 {
        let logger = Logger(label: "burnwatch.ui")
        return try CursesTerminal.withTerminal(options: terminal) { screen in
            inbox.attach(screen.waker)
            var state = AppState(settings: settings, now: time.now())
            state.costRoundPrice = costRoundPrice
            if let index = settings.themeNames.firstIndex(of: themeName) { state.ui.themeIndex = index }
            _ = state.apply(.resize(columns: screen.size.columns, rows: screen.size.rows))
            var sheet = StyleSheet(theme: loadTheme(themeName, into: &state), capabilities: screen.capabilities)
            if let note = screen.capabilityNote { logger.info("terminal: \(note)") }
            for notice in notices { _ = state.apply(.notice(notice)) }
            var lastFrame: Frame?
            var lastTick = ContinuousClock.now
            var fullRepaint = true
            while true {
                let untilTick = ContinuousClock.now - lastTick
                let wait = untilTick >= Self.tick ? Duration.zero : Self.tick - untilTick
                var effects: [Effect] = []
                for input in screen.waitForInput(timeout: wait) {
                    switch input {
                    case .key(let key): effects += state.apply(.key(key))
                    case .resize(let columns, let rows):
                        effects += state.apply(.resize(columns: columns, rows: rows))
                        fullRepaint = true
                    case .interrupted(let signal):
                        logger.info("stopping on \(signal)")
                        return signal.exitStatus
                    }
                }
                for event in inbox.drain() { effects += state.apply(event) }
                if ContinuousClock.now - lastTick >= Self.tick {
                    lastTick = ContinuousClock.now
                    effects += state.apply(.tick(time.now()))
                }
                for effect in effects {
                    switch effect {
                    case .quit:
                        return 0
                    case .redraw(let full):
                        fullRepaint = fullRepaint || full
                    case .refresh(let classes, let force):
                        scheduler.refresh(dataClasses: classes, force: force)
                    case .applyTheme(let name):
                        sheet = StyleSheet(theme: loadTheme(name, into: &state), capabilities: screen.capabilities)
                        lastFrame = nil
                    }
                }
                let frame = Renderer.render(state, sheet: sheet)
                // Unchanged frames are not even handed to curses: a quiet dashboard writes nothing.
                if fullRepaint || frame != lastFrame {
                    screen.present(frame, fullRepaint: fullRepaint)
                    lastFrame = frame
                    fullRepaint = false
                }
            }
        }
    }

    /// How often the loop wakes with nothing to do: labels are minute-grained and messages last
    /// seconds, so one wake-up every two seconds keeps an idle dashboard near zero CPU.
    static let tick: Duration = .seconds(2)

    /// Loads a theme by name; a broken file falls back to the built-in theme and says why in the status line.
    private func loadTheme(_ name: String, into state: inout AppState) -> Theme {
        let loaded = themes.loadTheme(named: name)
        // One line for all of it, the file-line-key errors first, so none hides another.
        let ordered = loaded.diagnostics.filter { $0.severity == .error } + loaded.diagnostics.filter { $0.severity != .error }
        if !ordered.isEmpty {
            _ = state.apply(.notice(ordered.map(\.description).joined(separator: "; ")))
        }
        return loaded.theme
    }
}
