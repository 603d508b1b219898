import BurnwatchCollect
import BurnwatchCore
import Foundation

@testable import CloudSim

/// Sends requests to a `SimulatedGCPServer` over real HTTP, the way a collector would.
struct GCPTestClient {
    let server: SimulatedGCPServer
    let transport: any Transport
    let clock: ManualTimeSource
    let signer: GCPTestSigner

    static let cloudPlatform = "https://www.googleapis.com/auth/cloud-platform"

    struct Answer {
        var status: Int
        var headers: [HTTPHeader]
        var body: [UInt8]

        var json: AWSJSONValue? { AWSJSONValue.parse(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        /// `error.status` of a google.rpc.Status error.
        var errorStatus: String? { json?["error"]?["status"]?.stringValue }
        var errorMessage: String? { json?["error"]?["message"]?.stringValue }
        /// `reason` of the first ErrorInfo detail.
        var errorReason: String? { json?["error"]?["details"]?.arrayValue?.first?["reason"]?.stringValue }
        /// `error` of an OAuth error.
        var oauthError: String? { json?["error"]?.stringValue }
        var oauthDescription: String? { json?["error_description"]?.stringValue }
    }

    func send(
        method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> Answer {
        let queryText = query.isEmpty ? "" : "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        let url = URL(string: server.baseURL.absoluteString + path + queryText)!
        let request = HTTPRequest(
            method: method, url: url, headers: headers.map { HTTPHeader($0.0, $0.1) }, body: body, collector: CollectorID("test/gcp")
        )
        let response = try await transport.send(request)
        return Answer(status: response.status, headers: response.headers, body: response.body)
    }

    /// `POST /token` with a form body.
    func token(_ form: [(String, String)]) async throws -> Answer {
        let body = form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return try await send(
            method: "POST", path: "/token", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)
        )
    }

    /// Exchanges a JWT assertion for a token.
    func exchange(_ assertion: String) async throws -> Answer {
        try await token([("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)])
    }

    /// A valid access token for `scope`, through the JWT-bearer grant.
    func accessToken(scope: String = GCPTestClient.cloudPlatform) async throws -> String {
        let now = clock.now().timeIntervalSince1970
        let answer = try await exchange(signer.assertion(audience: server.tokenURL.absoluteString, issuedAt: now, expires: now + 3600, scope: scope))
        guard let token = answer.json?["access_token"]?.stringValue else { throw TestFailure("no token: \(answer.text)") }
        return token
    }

    /// A GET with a bearer token (a fresh cloud-platform one unless given).
    func get(_ path: String, _ query: [(String, String)] = [], token: String? = nil, headers: [(String, String)] = []) async throws -> Answer {
        let bearer: String
        if let token { bearer = token } else { bearer = try await accessToken() }
        return try await send(method: "GET", path: path, query: query, headers: [("Authorization", "Bearer \(bearer)")] + headers)
    }

    func post(_ path: String, json: AWSJSONValue, token: String? = nil) async throws -> Answer {
        let bearer: String
        if let token { bearer = token } else { bearer = try await accessToken() }
        return try await send(
            method: "POST", path: path, headers: [("Authorization", "Bearer \(bearer)"), ("Content-Type", "application/json")], body: json.bytes
        )
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One service account for the whole test run: RSA key generation is slow-ish, and each server
/// registers its public key afresh.
let gcpTestAccount: SimulatedGCPServiceAccount = {
    do {
        return try SimulatedGCPServiceAccount.generate(project: FleetScenario.demoGCPProject)
    } catch {
        fatalError("cannot generate a test key: \(error)")
    }
}()

/// Runs `body` against a fresh server over the demo fleet, with a manual clock at `now`.
func withDemoGCP<Result: Sendable>(
    start: Date = utc("2025-06-16T14:00:00Z"), minutesAfterStart: Double = 30, scenario: FleetScenario = .demo,
    options: SimulatedGCPOptions = SimulatedGCPOptions(),
    _ body: (GCPTestClient, FleetModel, ManualTimeSource) async throws -> Result
) async throws -> Result {
    let model = FleetModel(scenario: scenario, start: start)
    let clock = ManualTimeSource(start: start.addingTimeInterval(minutesAfterStart * 60))
    var options = options
    options.serviceAccounts.append(gcpTestAccount.registration)
    return try await withSimulatedGCPServer(model: model, clock: clock, options: options) { server in
        let keyFile = gcpTestAccount.keyFileJSON(tokenURI: server.tokenURL)
        let signer = try GCPTestSigner(keyFile: keyFile)
        return try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
            try await body(GCPTestClient(server: server, transport: transport, clock: clock, signer: signer), model, clock)
        }
    }
}

/// Monitoring query parameters for one metric over `[start, end]`.
func timeSeriesQuery(
    _ metric: String, resource: String = "aiplatform.googleapis.com/Endpoint", extraFilter: String = "", start: Date, end: Date,
    period: String? = "60s", aligner: String? = nil, reducer: String? = nil, groupBy: [String] = [], view: String = "FULL"
) -> [(String, String)] {
    var filter = "metric.type = \"\(metric)\" AND resource.type = \"\(resource)\""
    if !extraFilter.isEmpty { filter += " AND " + extraFilter }
    var query: [(String, String)] = [
        ("filter", filter), ("interval.startTime", GCPWireTime.rfc3339(start)), ("interval.endTime", GCPWireTime.rfc3339(end)),
    ]
    if let aligner {
        if let period { query.append(("aggregation.alignmentPeriod", period)) }
        query.append(("aggregation.perSeriesAligner", aligner))
    }
    if let reducer { query.append(("aggregation.crossSeriesReducer", reducer)) }
    query += groupBy.map { ("aggregation.groupByFields", $0) }
    query.append(("view", view))
    return query
}
