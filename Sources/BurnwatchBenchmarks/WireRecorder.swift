import BurnwatchCollect
import Foundation

/// A `Transport` decorator that counts what crosses the wire: requests, bytes each way, and for
/// every `GetMetricData` call the number of queries in its body (read from the JSON itself, so
/// the figure does not depend on the collector's own bookkeeping).
final class WireRecorder: Transport {
    struct Tally: Sendable, Hashable {
        var requests = 0
        var bytesSent = 0
        var bytesReceived = 0
        var getMetricDataCalls = 0
        /// Queries per GetMetricData call, in the order they were sent.
        var queriesPerCall: [Int] = []

        var metricsRequested: Int { queriesPerCall.reduce(0, +) }

        static func - (lhs: Tally, rhs: Tally) -> Tally {
            Tally(
                requests: lhs.requests - rhs.requests, bytesSent: lhs.bytesSent - rhs.bytesSent,
                bytesReceived: lhs.bytesReceived - rhs.bytesReceived, getMetricDataCalls: lhs.getMetricDataCalls - rhs.getMetricDataCalls,
                queriesPerCall: Array(lhs.queriesPerCall.dropFirst(rhs.queriesPerCall.count))
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
        let target = request.headers.first { $0.name.lowercased() == "x-amz-target" }?.value
        let queries = target?.hasSuffix(".GetMetricData") == true ? Self.queryCount(request.body) : nil
        let response = try await base.send(request)
        state.withLock { tally in
            tally.requests += 1
            tally.bytesSent += request.body.count
            tally.bytesReceived += response.body.count
            if let queries {
                tally.getMetricDataCalls += 1
                tally.queriesPerCall.append(queries)
            }
        }
        return response
    }

    /// The length of `MetricDataQueries` in a GetMetricData request body; 0 when it is unreadable.
    private static func queryCount(_ body: [UInt8]) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (object?["MetricDataQueries"] as? [Any])?.count ?? 0
    }
}
