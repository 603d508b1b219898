import BurnwatchCore
import Foundation

/// BigQuery `jobs.query` (`POST /bigquery/v2/projects/{p}/queries`) and `jobs.getQueryResults`
/// (`GET /bigquery/v2/projects/{p}/queries/{jobId}`) over the simulated billing export.
///
/// The query is recognised, not run (`BillingExportQuery`); the rows and their column contract
/// are `BillingExportLedger`'s. Every cell, `totalRows` and `totalBytesProcessed` are strings.
/// `maxResults` pages the rows; the rest comes from `getQueryResults` with `pageToken` (or
/// `startIndex`). A scripted slow query answers `jobComplete: false` (with its `jobReference`)
/// until polled enough.
struct BigQueryService: Sendable {
    let ledger: BillingExportLedger
    let jobs: BigQueryJobStore
    let exportTable: String

    func query(project: String, body: AWSJSONValue, now: Date, pendingPolls: Int?) throws(GCPServiceError) -> AWSJSONValue {
        guard body.isObject else {
            throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Invalid JSON payload received.")
        }
        let query = try BillingExportQuery.parse(body, exportTable: exportTable)
        let int64Timestamps = body["formatOptions"]?["useInt64Timestamp"]?.boolValue ?? false
        let bytes = ledger.bytesProcessed(for: query, at: now)
        if query.dryRun {
            let projection = BillingExportProjection.parse(sql: body["query"]?.stringValue ?? "")
            return .object([
                ("kind", "bigquery#queryResponse"), ("schema", Self.schema(projection?.schema ?? BillingExportLedger.columns)),
                ("totalBytesProcessed", .string(String(bytes))),
                ("jobComplete", true), ("cacheHit", false),
            ])
        }
        let ledgerRows = ledger.rows(for: query, at: now)
        let rows: [[String?]]
        let schema: [(name: String, type: String)]
        if let projection = BillingExportProjection.parse(sql: body["query"]?.stringValue ?? "") {
            rows = projection.rows(ledgerRows, int64Timestamps: int64Timestamps)
            schema = projection.schema
        } else {
            rows = ledgerRows.map { BillingExportLedger.cellValues($0, int64Timestamps: int64Timestamps) }
            schema = BillingExportLedger.columns
        }
        let job = BigQueryJobStore.Job(
            projectID: project, location: query.location, rows: rows, schema: schema, bytesProcessed: bytes,
            int64Timestamps: int64Timestamps, pendingPolls: max(0, pendingPolls ?? 0)
        )
        let id = jobs.add(job)
        let reference = Self.reference(project: project, jobID: id, location: query.location)
        guard pendingPolls == nil else {
            return .object([("kind", "bigquery#queryResponse"), ("jobReference", reference), ("jobComplete", false)])
        }
        return page(job, id: id, offset: 0, limit: query.maxResults, kind: "bigquery#queryResponse")
    }

    func getQueryResults(project: String, jobID: String, request: GCPRequest) throws(GCPServiceError) -> AWSJSONValue {
        guard let (job, complete) = jobs.poll(jobID), job.projectID == project,
            request.parameter("location").map({ $0.lowercased() == job.location.lowercased() }) ?? true
        else {
            let location = request.parameter("location") ?? "US"
            throw .bigQuery(404, "NOT_FOUND", reason: "notFound", "Not found: Job \(project):\(location).\(jobID)")
        }
        let reference = Self.reference(project: project, jobID: jobID, location: job.location)
        guard complete else {
            return .object([("kind", "bigquery#getQueryResultsResponse"), ("jobReference", reference), ("jobComplete", false)])
        }
        var limit: Int?
        if let text = request.parameter("maxResults") {
            guard let value = Int(text), value >= 0 else {
                throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Invalid value for maxResults: \(text)")
            }
            limit = value
        }
        var offset = 0
        if let token = request.parameter("pageToken"), !token.isEmpty {
            guard let positions = GCPPageToken.positions(token, count: 1, request: AWSPageToken.fnv1a(Array(jobID.utf8))),
                positions[0] >= 0, positions[0] <= Int64(job.rows.count)
            else { throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Invalid page token.") }
            offset = Int(positions[0])
        } else if let text = request.parameter("startIndex") {
            guard let value = Int(text), value >= 0 else {
                throw .bigQuery(400, "INVALID_ARGUMENT", reason: "invalid", "Invalid value for startIndex: \(text)")
            }
            offset = min(value, job.rows.count)
        }
        return page(job, id: jobID, offset: offset, limit: limit, kind: "bigquery#getQueryResultsResponse")
    }

    private func page(_ job: BigQueryJobStore.Job, id: String, offset: Int, limit: Int?, kind: String) -> AWSJSONValue {
        let count = limit.map { min($0, job.rows.count - offset) } ?? (job.rows.count - offset)
        let rows = job.rows[offset..<offset + max(0, count)]
        var members: [(String, AWSJSONValue)] = [("kind", .string(kind))]
        if kind == "bigquery#getQueryResultsResponse" {
            members.append(("etag", .string(String(AWSPageToken.fnv1a(Array("\(id):\(offset):\(count)".utf8)), radix: 36))))
        }
        members += [
            ("schema", Self.schema(job.schema)),
            ("jobReference", Self.reference(project: job.projectID, jobID: id, location: job.location)),
            ("totalRows", .string(String(job.rows.count))),
        ]
        if !rows.isEmpty {
            members.append(("rows", .array(rows.map { cells in ["f": .array(cells.map { $0.map { ["v": .string($0)] } ?? ["v": .null] })] })))
        }
        if offset + rows.count < job.rows.count {
            members.append(("pageToken", .string(GCPPageToken.make([Int64(offset + rows.count)], request: AWSPageToken.fnv1a(Array(id.utf8))))))
        }
        members += [("totalBytesProcessed", .string(String(job.bytesProcessed))), ("jobComplete", true), ("cacheHit", false)]
        return .object(members)
    }

    static func schema(_ columns: [(name: String, type: String)]) -> AWSJSONValue {
        ["fields": .array(columns.map { ["name": .string($0.name), "type": .string($0.type), "mode": "NULLABLE"] })]
    }

    static func reference(project: String, jobID: String, location: String) -> AWSJSONValue {
        ["projectId": .string(project), "jobId": .string(jobID), "location": .string(location)]
    }
}
