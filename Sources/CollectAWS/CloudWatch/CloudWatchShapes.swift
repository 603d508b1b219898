import Foundation

/// The CloudWatch (`cloudwatch/2010-08-01`) shapes burnwatch sends and reads, in the JSON 1.0
/// form of the protocol: timestamps are epoch seconds.
public enum CloudWatchShapes {
    public struct Dimension: Codable, Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name = "Name", value = "Value"
        }
    }

    /// A dimension filter of `ListMetrics`: a name, and a value when it must match one.
    public struct DimensionFilter: Encodable, Sendable, Hashable {
        public var name: String
        public var value: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name = "Name", value = "Value"
        }
    }

    public struct Metric: Codable, Sendable, Hashable {
        public var namespace: String?
        public var metricName: String?
        public var dimensions: [Dimension]?

        public init(namespace: String?, metricName: String?, dimensions: [Dimension]?) {
            self.namespace = namespace
            self.metricName = metricName
            self.dimensions = dimensions
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case namespace = "Namespace", metricName = "MetricName", dimensions = "Dimensions"
        }
    }

    public struct ListMetricsInput: Encodable, Sendable, Hashable {
        public var namespace: String
        public var metricName: String?
        public var dimensions: [DimensionFilter]?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case namespace = "Namespace", metricName = "MetricName", dimensions = "Dimensions", nextToken = "NextToken"
        }
    }

    public struct ListMetricsOutput: Decodable, Sendable, Hashable {
        public var metrics: [Metric]?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case metrics = "Metrics", nextToken = "NextToken"
        }
    }

    public struct MetricStat: Encodable, Sendable, Hashable {
        public var metric: Metric
        public var period: Int
        public var stat: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case metric = "Metric", period = "Period", stat = "Stat"
        }
    }

    public struct MetricDataQuery: Encodable, Sendable, Hashable {
        public var id: String
        public var metricStat: MetricStat
        public var returnData: Bool

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id = "Id", metricStat = "MetricStat", returnData = "ReturnData"
        }
    }

    public struct GetMetricDataInput: Encodable, Sendable, Hashable {
        public var metricDataQueries: [MetricDataQuery]
        /// Epoch seconds, inclusive.
        public var startTime: Int
        /// Epoch seconds, exclusive.
        public var endTime: Int
        public var nextToken: String?
        public var scanBy: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case metricDataQueries = "MetricDataQueries", startTime = "StartTime", endTime = "EndTime"
            case nextToken = "NextToken", scanBy = "ScanBy"
        }
    }

    public struct MessageData: Decodable, Sendable, Hashable {
        public var code: String?
        public var value: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case code = "Code", value = "Value"
        }
    }

    public struct MetricDataResult: Decodable, Sendable, Hashable {
        public var id: String?
        public var label: String?
        public var timestamps: [Double]?
        public var values: [Double]?
        /// `Complete`, `InternalError`, `PartialData` or `Forbidden`.
        public var statusCode: String?
        public var messages: [MessageData]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id = "Id", label = "Label", timestamps = "Timestamps", values = "Values"
            case statusCode = "StatusCode", messages = "Messages"
        }
    }

    public struct GetMetricDataOutput: Decodable, Sendable, Hashable {
        public var metricDataResults: [MetricDataResult]?
        public var nextToken: String?
        public var messages: [MessageData]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case metricDataResults = "MetricDataResults", nextToken = "NextToken", messages = "Messages"
        }
    }
}
