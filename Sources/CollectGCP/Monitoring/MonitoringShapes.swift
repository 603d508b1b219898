import Foundation

/// The parts of Cloud Monitoring's `projects.timeSeries.list` answer burnwatch reads
/// (`monitoring.v3.json`: `ListTimeSeriesResponse`, `TimeSeries`, `Point`, `TypedValue`).
///
/// An answer without `timeSeries` (proto3 leaves empty lists out, so `{}`) means no data.
public enum MonitoringShapes {
    public struct ListTimeSeriesResponse: Codable, Sendable, Hashable {
        public var timeSeries: [TimeSeries]?
        public var nextPageToken: String?
        public var unit: String?
        public var executionErrors: [Status]?
        public var unreachable: [String]?
    }

    public struct Status: Codable, Sendable, Hashable {
        public var code: Int?
        public var message: String?
    }

    public struct TimeSeries: Codable, Sendable, Hashable {
        public var metric: Labelled?
        public var resource: Labelled?
        public var metricKind: String?
        public var valueType: String?
        public var unit: String?
        /// Newest first, as the API sends them.
        public var points: [Point]?
    }

    /// A `Metric` or a `MonitoredResource`: a type and its labels.
    public struct Labelled: Codable, Sendable, Hashable {
        public var type: String?
        public var labels: [String: String]?
    }

    public struct Point: Codable, Sendable, Hashable {
        public var interval: TimeInterval?
        public var value: TypedValue?
    }

    public struct TimeInterval: Codable, Sendable, Hashable {
        public var startTime: String?
        public var endTime: String?
    }

    /// One value. `int64Value` is a JSON string; `doubleValue` is a number, or the strings
    /// `"NaN"` / `"Infinity"` / `"-Infinity"` that proto3 JSON uses for non-finite doubles.
    /// A distribution is not read: burnwatch asks the server to reduce it to a percentile.
    public struct TypedValue: Codable, Sendable, Hashable {
        public var int64Value: GCPInt64?
        public var doubleValue: Double?
        public var boolValue: Bool?

        enum CodingKeys: String, CodingKey { case int64Value, doubleValue, boolValue }

        public init(int64Value: GCPInt64? = nil, doubleValue: Double? = nil, boolValue: Bool? = nil) {
            self.int64Value = int64Value
            self.doubleValue = doubleValue
            self.boolValue = boolValue
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            int64Value = try container.decodeIfPresent(GCPInt64.self, forKey: .int64Value)
            boolValue = try container.decodeIfPresent(Bool.self, forKey: .boolValue)
            if let number = try? container.decodeIfPresent(Double.self, forKey: .doubleValue) {
                doubleValue = number
            } else if let text = try container.decodeIfPresent(String.self, forKey: .doubleValue) {
                switch text {
                case "NaN": doubleValue = .nan
                case "Infinity": doubleValue = .infinity
                case "-Infinity": doubleValue = -.infinity
                default:
                    throw DecodingError.dataCorruptedError(forKey: .doubleValue, in: container, debugDescription: "not a double")
                }
            } else {
                doubleValue = nil
            }
        }

        /// The value as a finite number, or nil (no value, a distribution, NaN, infinity).
        public var number: Double? {
            if let doubleValue { return doubleValue.isFinite ? doubleValue : nil }
            if let int64Value { return Double(int64Value.value) }
            if let boolValue { return boolValue ? 1 : 0 }
            return nil
        }
    }
}
