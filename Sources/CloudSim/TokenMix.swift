/// Tokens per invocation of a managed model API, input and output priced apart.
public struct TokenMix: Sendable, Hashable {
    public var input: Int
    public var output: Int

    public init(input: Int, output: Int) {
        self.input = input
        self.output = output
    }

    public var total: Int { input + output }
}
