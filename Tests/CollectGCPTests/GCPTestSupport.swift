import BurnwatchCollect
import BurnwatchCore
import Foundation
@testable import CollectGCP

/// A transport that answers from a closure and remembers every request: Google's APIs as the
/// tests script them.
final class FakeGCPTransport: Transport {
    typealias Handler = @Sendable (FakeGCPCall) throws -> HTTPResponse
    private let handler: Handler
    private let log = LockedState<[HTTPRequest]>([])

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        return try handler(FakeGCPCall(request: request))
    }

    var requests: [HTTPRequest] { log.withLock { $0 } }
    var calls: [FakeGCPCall] { requests.map(FakeGCPCall.init) }

    func calls(_ kind: FakeGCPCall.Kind) -> [FakeGCPCall] { calls.filter { $0.kind == kind } }
}

/// One request, read the way a test wants to look at it.
struct FakeGCPCall: Sendable {
    enum Kind: Sendable, Hashable { case endpoints, timeSeries, query, queryResults, budgets, other }

    var request: HTTPRequest

    var path: String { request.url.path }
    var host: String { request.url.host ?? "" }

    var kind: Kind {
        if path.hasSuffix("/endpoints") { return .endpoints }
        if path.hasSuffix("/timeSeries") { return .timeSeries }
        if path.hasSuffix("/queries") { return .query }
        if path.contains("/queries/") { return .queryResults }
        if path.hasSuffix("/budgets") { return .budgets }
        return .other
    }

    /// Query items in order, repeated names kept.
    var items: [(String, String)] {
        (URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    func query(_ name: String) -> String? { items.first { $0.0 == name }?.1 }

    /// The metric type of a `timeSeries.list` filter.
    var metricType: String? {
        guard let filter = query("filter"), let start = filter.range(of: "metric.type=\"") else { return nil }
        let rest = filter[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
    }

    func header(_ name: String) -> String? { request.headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

enum GCPFixtures {
    /// 2025-06-16T10:00:30Z: the metrics window is 09:52–09:57 (a 3-minute ingest delay).
    static let now = date("2025-06-16T10:00:30Z")

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func client(now: Date = now, collector: CollectorID = "gcp/test", endpoints: GCPEndpoints = .google, quotaProject: String? = nil) -> GCPClient {
        GCPClient(
            collector: collector, tokens: GCPStaticTokenProvider("ya29.test-token", source: "service account reader@ml-prod.iam.gserviceaccount.com", quotaProject: quotaProject),
            endpoints: endpoints, clock: ManualTimeSource(start: now), loginHint: "run: gcloud auth application-default login"
        )
    }

    static func ok(_ json: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/json; charset=UTF-8")], body: Array(json.utf8))
    }

    static func error(_ status: Int, _ canonical: String, message: String = "nope", details: String = "") -> HTTPResponse {
        HTTPResponse(status: status, body: Array(#"{"error":{"code":\#(status),"message":"\#(message)","status":"\#(canonical)"\#(details)}}"#.utf8))
    }
}
