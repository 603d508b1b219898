import Foundation

/// Why the moto harness could not provide a server or seed it. Every case that a missing
/// install explains names the command that fixes it: a missing peer fails the test, never skips it.
struct MotoServerError: Error, CustomStringConvertible {
    private enum Code {
        case pythonMissing(name: String)
        case motoMissing(detail: String)
        case exited(status: Int32, log: String)
        case notReady(seconds: Int, log: String)
        case seedFailed(status: Int32, stderr: String)
        case seedUnreadable(detail: String)
    }

    static let installCommand = "pip install 'moto[server]'"

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func pythonMissing(_ name: String) -> MotoServerError { MotoServerError(.pythonMissing(name: name)) }
    static func motoMissing(_ detail: String) -> MotoServerError { MotoServerError(.motoMissing(detail: detail)) }
    static func exited(status: Int32, log: String) -> MotoServerError { MotoServerError(.exited(status: status, log: log)) }
    static func notReady(seconds: Int, log: String) -> MotoServerError { MotoServerError(.notReady(seconds: seconds, log: log)) }
    static func seedFailed(status: Int32, stderr: String) -> MotoServerError { MotoServerError(.seedFailed(status: status, stderr: stderr)) }
    static func seedUnreadable(_ detail: String) -> MotoServerError { MotoServerError(.seedUnreadable(detail: detail)) }

    /// True when installing moto (and python3) is the fix.
    var isMissingInstall: Bool {
        switch code {
        case .pythonMissing, .motoMissing: true
        default: false
        }
    }

    var description: String {
        switch code {
        case .pythonMissing(let name):
            "\(name) not found on PATH: the AWS integration tests need python3 with moto; install python3, then \(Self.installCommand)"
        case .motoMissing(let detail):
            "moto is not installed for python3 (\(detail)); install it with: \(Self.installCommand)"
        case .exited(let status, let log):
            "moto server exited with status \(status) before answering; its log ends with:\n\(log)"
        case .notReady(let seconds, let log):
            "moto server did not answer /moto-api/ within \(seconds) s; its log ends with:\n\(log)"
        case .seedFailed(let status, let stderr):
            "Fixtures/moto/seed.py exited with status \(status) (boto3 comes with \(Self.installCommand)):\n\(stderr)"
        case .seedUnreadable(let detail):
            "Fixtures/moto/seed.py printed no usable summary: \(detail)"
        }
    }
}
