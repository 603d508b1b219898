import Foundation

/// The datapoints of one query, merged over every page of its call.
public struct CloudWatchMetricResult: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var time: Date
        public var value: Double

        public init(time: Date, value: Double) {
            self.time = time
            self.value = value
        }
    }

    public var id: String
    public var label: String?
    /// In the order CloudWatch sent them (newest first by default). Empty means no data: no
    /// traffic in the window, never a zero.
    public var points: [Point]
    /// The status of the last page that carried this id (`Complete`, `PartialData`, …).
    public var statusCode: String?
    /// `Code: Value` messages about this query, sanitised.
    public var messages: [String]

    public init(id: String, label: String? = nil, points: [Point] = [], statusCode: String? = nil, messages: [String] = []) {
        self.id = id
        self.label = label
        self.points = points
        self.statusCode = statusCode
        self.messages = messages
    }
}

/// Everything one batched `GetMetricData` read returned.
public struct CloudWatchMetricData: Sendable, Hashable {
    /// By query id.
    public var results: [String: CloudWatchMetricResult]
    /// Messages about the calls themselves (not one query), sanitised.
    public var messages: [String]
    /// HTTP calls made, pages included.
    public var calls: Int

    public init(results: [String: CloudWatchMetricResult] = [:], messages: [String] = [], calls: Int = 0) {
        self.results = results
        self.messages = messages
        self.calls = calls
    }
}
