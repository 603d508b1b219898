import BurnwatchCore
import Foundation

/// One HTTP request, as a collector builds it.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Who makes the call, for accounting.
    public var collector: CollectorID
    /// Estimated price of this call in USD (CloudWatch: $0.01 per 1,000 metrics requested).
    public var estimatedPrice: Decimal
    public var timeout: TimeInterval

    public init(
        method: String = "GET",
        url: URL,
        headers: [HTTPHeader] = [],
        body: [UInt8] = [],
        collector: CollectorID,
        estimatedPrice: Decimal = 0,
        timeout: TimeInterval = 10
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.collector = collector
        self.estimatedPrice = estimatedPrice
        self.timeout = timeout
    }
}

public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The only way a collector reaches the network. Tests swap in the simulator or recorded fixtures.
/// Implementations throw `CollectorError` for transport failures (unreachable, timeout); HTTP
/// error statuses come back as responses for the collector to interpret.
public protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
