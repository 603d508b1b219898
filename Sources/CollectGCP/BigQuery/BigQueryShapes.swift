import Foundation

/// The parts of BigQuery's `jobs.query` and `jobs.getQueryResults` burnwatch sends and reads
/// (`bigquery.v2.json`: `QueryRequest`, `QueryResponse`, `GetQueryResultsResponse`).
public enum BigQueryShapes {
    public struct QueryRequest: Codable, Sendable, Hashable {
        public var query: String
        /// Must be sent: BigQuery's default is legacy SQL.
        public var useLegacySql: Bool
        public var parameterMode: String
        public var queryParameters: [QueryParameter]
        /// How long the call waits for the job before answering `jobComplete: false`.
        public var timeoutMs: Int
        /// The query fails rather than bill more than this (an int64, so a string on the wire).
        public var maximumBytesBilled: GCPInt64
        public var useQueryCache: Bool
        public var maxResults: Int

        public init(
            query: String, parameters: [QueryParameter], timeoutMs: Int = 20_000, maximumBytesBilled: Int64, maxResults: Int = 10_000
        ) {
            self.query = query
            useLegacySql = false
            parameterMode = "NAMED"
            queryParameters = parameters
            self.timeoutMs = timeoutMs
            self.maximumBytesBilled = GCPInt64(maximumBytesBilled)
            useQueryCache = true
            self.maxResults = maxResults
        }
    }

    public struct QueryParameter: Codable, Sendable, Hashable {
        public struct ParameterType: Codable, Sendable, Hashable { public var type: String }
        public struct ParameterValue: Codable, Sendable, Hashable { public var value: String }

        public var name: String
        public var parameterType: ParameterType
        public var parameterValue: ParameterValue

        /// A scalar parameter: `type` is a standard SQL type name (`DATE`, `STRING`, `INT64`).
        public init(name: String, type: String, value: String) {
            self.name = name
            parameterType = ParameterType(type: type)
            parameterValue = ParameterValue(value: value)
        }
    }

    /// A `QueryResponse` or a `GetQueryResultsResponse` (the fields read exist in both).
    public struct QueryResults: Codable, Sendable, Hashable {
        public var jobComplete: Bool?
        public var jobReference: JobReference?
        public var schema: TableSchema?
        public var rows: [TableRow]?
        public var pageToken: String?
        /// A uint64 as a string.
        public var totalRows: String?
        public var totalBytesProcessed: GCPInt64?
        public var errors: [ErrorProto]?
    }

    public struct JobReference: Codable, Sendable, Hashable {
        public var projectId: String?
        public var jobId: String?
        public var location: String?
    }

    public struct TableSchema: Codable, Sendable, Hashable {
        public var fields: [TableFieldSchema]?
    }

    public struct TableFieldSchema: Codable, Sendable, Hashable {
        public var name: String?
        public var type: String?
    }

    public struct TableRow: Codable, Sendable, Hashable {
        public var f: [TableCell]?
    }

    /// One cell: every scalar arrives as a string (numbers too), NULL as JSON null. Nested
    /// values (records, arrays) are not selected by burnwatch and are refused.
    public struct TableCell: Codable, Sendable, Hashable {
        public var v: String?

        enum CodingKeys: String, CodingKey { case v }

        public init(_ v: String?) { self.v = v }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            v = try container.decodeIfPresent(String.self, forKey: .v)
        }
    }

    public struct ErrorProto: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?
    }
}
