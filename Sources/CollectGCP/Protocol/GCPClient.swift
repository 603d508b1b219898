import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Sends authenticated requests to Google APIs and turns error answers into `CollectorError`s.
///
/// One client serves one configured project (one credential source). A 401 gets one retry with
/// a fresh token (tokens can be revoked early); every other retry is the scheduler's.
public struct GCPClient: Sendable {
    public let collector: CollectorID
    public let tokens: any GCPTokenProvider
    public let endpoints: GCPEndpoints
    public let clock: any TimeSource
    /// The fix to suggest when the login is refused, e.g. `run: gcloud auth application-default login`.
    public let loginHint: String
    public let timeout: TimeInterval
    /// The `source` of the last token used (a service account, a user), for the Collectors screen.
    private let lastTokenSource = LockedState<String?>(nil)

    public init(
        collector: CollectorID, tokens: any GCPTokenProvider, endpoints: GCPEndpoints = .google, clock: any TimeSource = SystemTimeSource(),
        loginHint: String, timeout: TimeInterval = 15
    ) {
        self.collector = collector
        self.tokens = tokens
        self.endpoints = endpoints
        self.clock = clock
        self.loginHint = loginHint
        self.timeout = timeout
    }

    /// Who the calls are made as (the last token's source; never the token), once one was used.
    public var identity: String? { lastTokenSource.withLock { $0 } }

    /// A GET; returns the body of a 2xx answer.
    public func get(_ url: URL, api: GCPAPI, price: Decimal = 0, transport: any Transport) async throws -> [UInt8] {
        try await send(method: "GET", url: url, body: [], api: api, price: price, transport: transport)
    }

    /// A POST of a JSON body; returns the body of a 2xx answer.
    public func post(_ url: URL, json body: [UInt8], api: GCPAPI, price: Decimal = 0, transport: any Transport) async throws -> [UInt8] {
        try await send(method: "POST", url: url, body: body, api: api, price: price, transport: transport)
    }

    func send(method: String, url: URL, body: [UInt8], api: GCPAPI, price: Decimal, transport: any Transport) async throws -> [UInt8] {
        var attempt = 0
        while true {
            attempt += 1
            let token = try await tokens.token(at: clock.now(), transport: transport)
            lastTokenSource.withLock { $0 = token.source }
            var headers = [HTTPHeader("Authorization", "Bearer \(token.value)"), HTTPHeader("Accept", "application/json")]
            if !body.isEmpty || method == "POST" { headers.append(HTTPHeader("Content-Type", "application/json")) }
            if let project = token.quotaProject { headers.append(HTTPHeader("x-goog-user-project", project)) }
            let request = HTTPRequest(
                method: method, url: url, headers: headers, body: body, collector: collector, estimatedPrice: price, timeout: timeout
            )
            let response = try await transport.send(request)
            if (200..<300).contains(response.status) { return response.body }
            let error = GCPServiceError.decode(status: response.status, body: response.body, api: api)
            if attempt == 1, response.status == 401, let refreshable = tokens as? any GCPRefreshableTokenProvider {
                await refreshable.invalidate()
                continue
            }
            let retryAfter = response.header("Retry-After").flatMap(Double.init)
            throw error.collectorError(retryAfter: retryAfter, loginHint: loginHint)
        }
    }
}

/// A token provider that caches, and can be told its token was refused.
public protocol GCPRefreshableTokenProvider: GCPTokenProvider {
    func invalidate() async
}
