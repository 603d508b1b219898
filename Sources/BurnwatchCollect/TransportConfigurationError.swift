/// A proxy, CA bundle or other transport setting from the environment that cannot be used.
/// Names the variable; never repeats a proxy password.
public struct TransportConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let variable: String
    public let detail: String

    init(variable: String, _ detail: String) {
        self.variable = variable
        self.detail = detail
    }

    public var description: String { "\(variable): \(detail)" }
}
