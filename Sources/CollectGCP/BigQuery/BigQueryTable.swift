import BurnwatchCollect
import BurnwatchCore
import Foundation

/// The rows of a finished query, every page merged, cells looked up by column name.
public struct BigQueryTable: Sendable, Hashable {
    public var columns: [String]
    /// Cells as BigQuery sends them: strings, nil for NULL.
    public var rows: [[String?]]
    public var totalBytesProcessed: Int64
    /// `jobs.query` plus every `jobs.getQueryResults` (polls and pages).
    public var calls: Int

    public init(columns: [String], rows: [[String?]] = [], totalBytesProcessed: Int64 = 0, calls: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.totalBytesProcessed = totalBytesProcessed
        self.calls = calls
    }

    /// The cell of `column` in `row`; nil when NULL or when the query has no such column.
    public func cell(_ row: [String?], _ column: String) -> String? {
        guard let index = columns.firstIndex(of: column), index < row.count else { return nil }
        return row[index]
    }

    /// Appends a page, checking each row has one cell per column.
    mutating func append(_ page: [BigQueryShapes.TableRow]?, call: String) throws {
        for row in page ?? [] {
            let cells = (row.f ?? []).map(\.v)
            guard cells.count == columns.count else {
                throw CollectorError.malformedResponse("\(call): a row has \(cells.count) cells for \(columns.count) columns")
            }
            rows.append(cells)
        }
    }
}
