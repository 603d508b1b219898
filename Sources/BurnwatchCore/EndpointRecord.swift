import Foundation

/// What the state holds for one endpoint: its inventory entry, who reports it, and its history.
public struct EndpointRecord: Sendable, Equatable {
    public var endpoint: Endpoint
    public var collector: CollectorID
    public var history: [Metric: MetricHistory]

    public init(endpoint: Endpoint, collector: CollectorID, history: [Metric: MetricHistory] = [:]) {
        self.endpoint = endpoint
        self.collector = collector
        self.history = history
    }

    public mutating func record(_ sample: MetricSample) {
        history[sample.metric, default: MetricHistory()].record(sample.value, at: sample.time)
    }
}
