import BurnwatchCollect
import Foundation

/// A `Transport` decorator that counts the GCP collector's calls as they cross the wire: token
/// requests, Vertex `endpoints.list` pages, and for every Cloud Monitoring `timeSeries.list`
/// request its metric type (read from the `filter` parameter), whether it asked for a further
/// page, and the series in its answer (read from the JSON itself, so the figures do not depend
/// on the collector's own bookkeeping).
final class GCPWireRecorder: Transport {
    struct MonitoringCall: Sendable, Hashable {
        var metricType: String
        var view: String
        /// A request that carried a `pageToken`: a further page of the same query.
        var isFollowingPage: Bool
        var seriesReturned: Int
        var bytesReceived: Int
    }

    struct Tally: Sendable, Hashable {
        var requests = 0
        var bytesSent = 0
        var bytesReceived = 0
        var tokenRequests = 0
        var endpointsListCalls = 0
        var monitoringCalls: [MonitoringCall] = []

        var seriesReturned: Int { monitoringCalls.reduce(0) { $0 + $1.seriesReturned } }

        /// Requests per metric type (pages included).
        var callsPerMetricType: [String: Int] {
            monitoringCalls.reduce(into: [:]) { $0[$1.metricType, default: 0] += 1 }
        }

        static func - (lhs: Tally, rhs: Tally) -> Tally {
            Tally(
                requests: lhs.requests - rhs.requests, bytesSent: lhs.bytesSent - rhs.bytesSent, bytesReceived: lhs.bytesReceived - rhs.bytesReceived,
                tokenRequests: lhs.tokenRequests - rhs.tokenRequests, endpointsListCalls: lhs.endpointsListCalls - rhs.endpointsListCalls,
                monitoringCalls: Array(lhs.monitoringCalls.dropFirst(rhs.monitoringCalls.count))
            )
        }
    }

    private let base: any Transport
    private let state = LockedState(Tally())

    init(wrapping base: any Transport) {
        self.base = base
    }

    var tally: Tally { state.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await base.send(request)
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = components?.path ?? ""
        let parameters = components?.queryItems ?? []
        func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
        state.withLock { tally in
            tally.requests += 1
            tally.bytesSent += request.body.count
            tally.bytesReceived += response.body.count
            if path.hasSuffix("/token") {
                tally.tokenRequests += 1
            } else if path.hasSuffix("/endpoints") {
                tally.endpointsListCalls += 1
            } else if path.hasSuffix("/timeSeries") {
                tally.monitoringCalls.append(MonitoringCall(
                    metricType: Self.metricType(inFilter: parameter("filter") ?? ""), view: parameter("view") ?? "FULL",
                    isFollowingPage: !(parameter("pageToken") ?? "").isEmpty, seriesReturned: Self.seriesCount(response.body),
                    bytesReceived: response.body.count
                ))
            }
        }
        return response
    }

    /// `aiplatform.googleapis.com/…` from `metric.type="aiplatform.googleapis.com/…" AND …`.
    private static func metricType(inFilter filter: String) -> String {
        guard let start = filter.range(of: "metric.type=\"") else { return "?" }
        let rest = filter[start.upperBound...]
        return String(rest.prefix { $0 != "\"" })
    }

    /// The length of `timeSeries` in an answer; 0 when absent (proto3 leaves empty lists out) or unreadable.
    private static func seriesCount(_ body: [UInt8]) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (object?["timeSeries"] as? [Any])?.count ?? 0
    }
}
