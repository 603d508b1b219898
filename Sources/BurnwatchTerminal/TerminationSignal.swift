import Foundation

/// A signal that asked burnwatch to quit (SIGINT, SIGTERM, SIGHUP, SIGQUIT). The terminal is
/// restored before the caller sees it; the caller then exits with `exitStatus`.
public struct TerminationSignal: Sendable, Hashable, CustomStringConvertible {
    public let number: Int32

    public init(number: Int32) {
        self.number = number
    }

    public static let interrupt = TerminationSignal(number: SIGINT)
    public static let terminate = TerminationSignal(number: SIGTERM)
    public static let hangup = TerminationSignal(number: SIGHUP)
    public static let quit = TerminationSignal(number: SIGQUIT)

    /// The shell convention for "killed by signal N": 128 + N.
    public var exitStatus: Int32 { 128 + number }

    public var description: String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(number)"
        }
    }
}
