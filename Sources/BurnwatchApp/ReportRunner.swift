import BurnwatchCollect
import BurnwatchCore
import BurnwatchReport
import Foundation

/// `burnwatch report`: every collector once, folded into the same state the dashboard shows, encoded once.
public struct ReportRunner: Sendable {
    public var settings: Settings
    public var format: ReportFormat
    public var colour: Bool

    public init(settings: Settings, format: ReportFormat, colour: Bool) {
        self.settings = settings
        self.format = format
        self.colour = colour
    }

    /// The state after one round of every collector, within `timeout` seconds.
    public func collect(collectors: [any Collector], transport: any Transport, time: any TimeSource, cache: DiskCache?, timeout: TimeInterval = 60) async -> AppState {
        let scheduler = Scheduler(collectors: collectors, transport: transport, time: time, cache: cache)
        let events = await scheduler.runOnce(deadline: time.now().addingTimeInterval(timeout))
        var state = AppState(settings: settings, now: time.now())
        _ = state.apply(.resize(columns: 200, rows: 50))
        for event in events { _ = state.apply(event.appEvent) }
        _ = state.apply(.tick(time.now()))
        return state
    }

    /// The report text and the exit status: 0 ok, 2 when an alarm line is crossed, 1 when no
    /// collector returned anything at all (the report then lists why each failed).
    public func render(_ state: AppState) -> (text: String, status: Int32) {
        let text = ReportEncoder.encode(state, format: format, colour: colour)
        let nothingArrived = !state.collectors.isEmpty && state.collectors.values.allSatisfy { $0.lastSuccess.isEmpty }
        return (text, nothingArrived ? 1 : state.alarmCrossed ? 2 : 0)
    }

    /// Writes `text` to `path` atomically: a temporary file in the same directory, then a rename.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// A report file that could not be written, naming the file.
    public struct WriteError: Error, CustomStringConvertible, LocalizedError {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
        public var errorDescription: String? { description }
    }
}
