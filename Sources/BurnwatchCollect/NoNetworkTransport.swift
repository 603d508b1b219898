/// A transport for runs that must not touch the network (the demo, whose collectors are
/// in-process, and tests and benchmarks of them): every call fails as unreachable.
public struct NoNetworkTransport: Transport {
    public init() {}

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw CollectorError.unreachable("this run makes no network calls")
    }
}
