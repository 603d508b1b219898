import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Sends signed requests to AWS services in the three protocols burnwatch uses, and turns error
/// answers into `CollectorError`s the scheduler can act on.
///
/// One client serves one configured account (one credential chain). It corrects clock skew from
/// `Date` headers, retries once when a signature was refused for its time or its credentials
/// expired mid-flight, and leaves every other retry to the scheduler.
public struct AWSClient: Sendable {
    public let collector: CollectorID
    public let credentials: any AWSCredentialProvider
    public let endpoints: AWSEndpointResolver
    public let clock: any TimeSource
    public let skew: AWSClockSkew
    /// The fix to suggest when credentials are refused, e.g. `aws sso login --profile ml-prod`.
    public let profileHint: String
    public let timeout: TimeInterval

    public init(
        collector: CollectorID, credentials: any AWSCredentialProvider, endpoints: AWSEndpointResolver,
        clock: any TimeSource = SystemTimeSource(), skew: AWSClockSkew = AWSClockSkew(), profileHint: String, timeout: TimeInterval = 10
    ) {
        self.collector = collector
        self.credentials = credentials
        self.endpoints = endpoints
        self.clock = clock
        self.skew = skew
        self.profileHint = profileHint
        self.timeout = timeout
    }

    /// A JSON-protocol call (`POST /`, `X-Amz-Target`). Returns the answer's body.
    public func json(
        _ service: AWSService, region: String, operation: String, body: [UInt8], price: Decimal = 0, transport: any Transport
    ) async throws -> [UInt8] {
        guard case .json(let version, let prefix) = service.wireProtocol else {
            throw CollectorError.misconfigured("\(service) is not a JSON-protocol service")
        }
        let resolved = endpoints.resolve(service, region: region)
        var headers = [
            HTTPHeader("Content-Type", "application/x-amz-json-\(version)"),
            HTTPHeader("X-Amz-Target", "\(prefix).\(operation)"),
        ]
        if service == .cloudWatch {
            // CloudWatch's model is query-compatible: this asks for the legacy error codes in a header.
            headers.append(HTTPHeader("x-amzn-query-mode", "true"))
        }
        let request = HTTPRequest(
            method: "POST", url: Self.join(resolved.baseURL, path: "/", query: []), headers: headers, body: body,
            collector: collector, estimatedPrice: price, timeout: timeout
        )
        return try await send(request, service: service, signingRegion: resolved.signingRegion, action: service.iamAction(operation), transport: transport)
    }

    /// A REST-JSON call: method and path from the model, parameters in the query string.
    public func rest(
        _ service: AWSService, region: String, method: String = "GET", path: String, query: [(String, String)] = [],
        operation: String, price: Decimal = 0, transport: any Transport
    ) async throws -> [UInt8] {
        let resolved = endpoints.resolve(service, region: region)
        let request = HTTPRequest(
            method: method, url: Self.join(resolved.baseURL, path: path, query: query), headers: [HTTPHeader("Accept", "application/json")],
            collector: collector, estimatedPrice: price, timeout: timeout
        )
        return try await send(request, service: service, signingRegion: resolved.signingRegion, action: service.iamAction(operation), transport: transport)
    }

    /// A query-protocol call (STS): form-encoded `Action`, `Version` and parameters; XML answer.
    public func query(
        _ service: AWSService, region: String, action: String, parameters: [(String, String)], transport: any Transport
    ) async throws -> [UInt8] {
        guard case .query(let version) = service.wireProtocol else {
            throw CollectorError.misconfigured("\(service) is not a query-protocol service")
        }
        let resolved = endpoints.resolve(service, region: region)
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(SigV4Encoding.encode($0.0))=\(SigV4Encoding.encode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(
            method: "POST", url: Self.join(resolved.baseURL, path: "/", query: []),
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(form.utf8),
            collector: collector, timeout: timeout
        )
        return try await send(request, service: service, signingRegion: resolved.signingRegion, action: service.iamAction(action), transport: transport)
    }

    /// Signs and sends; on a refusal for skew or expiry, corrects and tries once more.
    func send(_ unsigned: HTTPRequest, service: AWSService, signingRegion: String, action: String, transport: any Transport) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            let localNow = clock.now()
            let signingTime = localNow.addingTimeInterval(skew.correction)
            let credentials = try await self.credentials.credentials(at: signingTime, transport: transport)
            var request = unsigned
            SigV4Signer(credentials: credentials, region: signingRegion, service: service.signingName).sign(&request, at: signingTime)
            let response = try await transport.send(request)
            let skewChanged = skew.observe(dateHeader: response.header("Date"), localNow: localNow)
            if response.status < 300 { return response }
            let error = AWSServiceError.decode(status: response.status, headers: response.headers, body: response.body, action: action)
            if attempt == 1, error.isClockSkew, skewChanged { continue }
            throw error.collectorError(retryAfter: Self.retryAfter(response), profileHint: profileHint)
        }
    }

    func send(_ request: HTTPRequest, service: AWSService, signingRegion: String, action: String, transport: any Transport) async throws -> [UInt8] {
        let response: HTTPResponse = try await send(request, service: service, signingRegion: signingRegion, action: action, transport: transport)
        return response.body
    }

    /// `x-amz-retry-after` is in milliseconds; plain `Retry-After` (seconds) is honoured when present.
    static func retryAfter(_ response: HTTPResponse) -> TimeInterval? {
        if let value = response.header("x-amz-retry-after").flatMap(Double.init), value >= 0 { return value / 1000 }
        if let value = response.header("Retry-After").flatMap(Double.init), value >= 0 { return value }
        return nil
    }

    /// Appends a path (already encoded) and query to a base URL that may carry a path of its own.
    static func join(_ base: URL, path: String, query: [(String, String)]) -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
        var basePath = components.percentEncodedPath
        if basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + (path.hasPrefix("/") ? path : "/" + path)
        if !query.isEmpty {
            components.percentEncodedQuery = query.map { "\(SigV4Encoding.encode($0.0))=\(SigV4Encoding.encode($0.1))" }.joined(separator: "&")
        }
        return components.url ?? base
    }
}
