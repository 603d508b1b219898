/// A secret from the config file (an Azure client secret). It prints, dumps and reflects as
/// `<redacted>`, so it cannot reach a log, a screen, a report or an error by accident; only the
/// credential code calls `reveal()`.
public struct ConfigSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself. For the code that builds a token request, and nothing else.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
