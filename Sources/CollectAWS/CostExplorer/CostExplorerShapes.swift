import Foundation

/// The Cost Explorer (`ce/2017-10-25`, awsJson1_1) shapes burnwatch uses. Dates are `YYYY-MM-DD`
/// strings with an exclusive `End`; amounts are decimal strings.
public enum CostExplorerShapes {
    public struct DateInterval: Codable, Sendable, Hashable {
        public var start: String
        public var end: String

        public init(start: String, end: String) {
            self.start = start
            self.end = end
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case start = "Start", end = "End"
        }
    }

    public struct GroupDefinition: Codable, Sendable, Hashable {
        /// `DIMENSION`, `TAG` or `COST_CATEGORY`.
        public var type: String
        public var key: String

        public init(type: String, key: String) {
            self.type = type
            self.key = key
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case type = "Type", key = "Key"
        }
    }

    public struct GetCostAndUsageRequest: Encodable, Sendable, Hashable {
        public var timePeriod: DateInterval
        public var granularity: String
        public var metrics: [String]
        public var groupBy: [GroupDefinition]?
        public var nextPageToken: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case timePeriod = "TimePeriod", granularity = "Granularity", metrics = "Metrics", groupBy = "GroupBy"
            case nextPageToken = "NextPageToken"
        }
    }

    public struct MetricValue: Decodable, Sendable, Hashable {
        public var amount: String?
        public var unit: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case amount = "Amount", unit = "Unit"
        }
    }

    public struct Group: Decodable, Sendable, Hashable {
        public var keys: [String]?
        public var metrics: [String: MetricValue]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case keys = "Keys", metrics = "Metrics"
        }
    }

    public struct ResultByTime: Decodable, Sendable, Hashable {
        public var timePeriod: DateInterval?
        public var total: [String: MetricValue]?
        public var groups: [Group]?
        public var estimated: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case timePeriod = "TimePeriod", total = "Total", groups = "Groups", estimated = "Estimated"
        }
    }

    public struct GetCostAndUsageResponse: Decodable, Sendable, Hashable {
        public var nextPageToken: String?
        public var groupDefinitions: [GroupDefinition]?
        public var resultsByTime: [ResultByTime]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case nextPageToken = "NextPageToken", groupDefinitions = "GroupDefinitions", resultsByTime = "ResultsByTime"
        }
    }

    public struct GetCostForecastRequest: Encodable, Sendable, Hashable {
        public var timePeriod: DateInterval
        /// `UNBLENDED_COST` and friends (note: not the `UnblendedCost` spelling of GetCostAndUsage).
        public var metric: String
        public var granularity: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case timePeriod = "TimePeriod", metric = "Metric", granularity = "Granularity"
        }
    }

    public struct ForecastResult: Decodable, Sendable, Hashable {
        public var timePeriod: DateInterval?
        public var meanValue: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case timePeriod = "TimePeriod", meanValue = "MeanValue"
        }
    }

    public struct GetCostForecastResponse: Decodable, Sendable, Hashable {
        public var total: MetricValue?
        public var forecastResultsByTime: [ForecastResult]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case total = "Total", forecastResultsByTime = "ForecastResultsByTime"
        }
    }
}
