import BurnwatchCore
import Foundation
import Logging

/// A swift-log handler that appends lines to `$XDG_STATE_HOME/burnwatch/burnwatch.log`, never to the screen.
/// Messages pass through the sanitiser so an API string cannot put escape sequences into the log either.
public struct FileLogHandler: LogHandler {
    final class Sink: @unchecked Sendable {
        // The file handle is only touched under the lock.
        private let lock = NSLock()
        private let handle: FileHandle?

        init(url: URL) {
            let manager = FileManager.default
            try? manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                         attributes: [.posixPermissions: 0o700])
            if !manager.fileExists(atPath: url.path) {
                _ = manager.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = try? FileHandle(forWritingTo: url)
            _ = try? handle?.seekToEnd()
        }

        func write(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            try? handle?.write(contentsOf: Data(line.utf8))
        }
    }

    private let sink: Sink
    private let label: String
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public init(label: String, url: URL) {
        self.label = label
        self.sink = Sink(url: url)
    }

    private init(label: String, sink: Sink) {
        self.label = label
        self.sink = sink
    }

    /// A factory for `LoggingSystem.bootstrap` that shares one open file between loggers.
    public static func factory(url: URL, level: Logger.Level) -> @Sendable (String) -> any LogHandler {
        let sink = Sink(url: url)
        return { label in
            var handler = FileLogHandler(label: label, sink: sink)
            handler.logLevel = level
            return handler
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        var line = "\(stamp) \(event.level) \(label): \(Self.clean(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty {
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.clean($0.value.description))" }.joined(separator: " ")
        }
        sink.write(line + "\n")
    }

    static func clean(_ text: String) -> String { Sanitizer.clean(text) }
}
