import BurnwatchCollect
import BurnwatchCore
import Foundation

/// BigQuery queries (the billing export).
extension GCPClient {
    /// On-demand analysis: $6.25 per TiB processed (the first TiB a month is free; not counted here).
    public static func bigQueryPrice(bytes: Int64) -> Decimal {
        Decimal(bytes) * Decimal(string: "6.25", locale: Locale(identifier: "en_US_POSIX"))! / Decimal(1 << 40)
    }

    /// BigQuery bills at least 10 MB per table a query references.
    public static let bigQueryMinimumBytes: Int64 = 10 * 1_048_576

    /// How many times a job that is still running is asked again (each ask waits server-side).
    static let bigQueryPolls = 10

    /// Runs a standard-SQL query in `project` and returns every row.
    ///
    /// `jobs.query` waits up to `timeoutMs`; a job still running (`jobComplete: false`) is
    /// polled with `jobs.getQueryResults`, and further pages are fetched with its `pageToken`.
    /// The query is priced before it runs from `expectedBytes` (the previous run's
    /// `totalBytesProcessed`, at least BigQuery's 10 MB minimum); the later calls are free.
    public func query(
        _ request: BigQueryShapes.QueryRequest, project: String, expectedBytes: Int64, transport: any Transport
    ) async throws -> BigQueryTable {
        let call = GCPAPI.bigQueryJobs.name
        let base = "/bigquery/v2/projects/\(GCPEndpoints.encode(project))/queries"
        guard let url = GCPEndpoints.url(endpoints.bigquery, path: base) else {
            throw CollectorError.misconfigured("bigquery endpoint \(Sanitizer.clean(endpoints.bigquery)) is not a valid URL")
        }
        let price = Self.bigQueryPrice(bytes: max(expectedBytes, Self.bigQueryMinimumBytes))
        var answer = try GCPJSON.decode(
            BigQueryShapes.QueryResults.self, from: try await post(url, json: try GCPJSON.encode(request), api: .bigQueryJobs, price: price, transport: transport),
            call: call
        )
        var calls = 1
        var polls = 0
        while answer.jobComplete != true {
            try Self.checkErrors(answer, call: call)
            guard polls < Self.bigQueryPolls else {
                throw CollectorError.timeout("\(call): the billing query was still running after \(polls) polls")
            }
            polls += 1
            answer = try await queryResults(base: base, job: answer.jobReference, pageToken: nil, transport: transport)
            calls += 1
        }
        try Self.checkErrors(answer, call: call)
        let columns = (answer.schema?.fields ?? []).map { $0.name ?? "" }
        var table = BigQueryTable(columns: columns, totalBytesProcessed: answer.totalBytesProcessed?.value ?? 0)
        try table.append(answer.rows, call: call)
        var pages = GCPPageTokens(call: call)
        try pages.advance(answer.pageToken)
        while let token = pages.next {
            let page = try await queryResults(base: base, job: answer.jobReference, pageToken: token, transport: transport)
            calls += 1
            try Self.checkErrors(page, call: call)
            try table.append(page.rows, call: call)
            try pages.advance(page.pageToken)
        }
        table.calls = calls
        return table
    }

    private func queryResults(
        base: String, job: BigQueryShapes.JobReference?, pageToken: String?, transport: any Transport
    ) async throws -> BigQueryShapes.QueryResults {
        guard let jobID = job?.jobId, !jobID.isEmpty else {
            throw CollectorError.malformedResponse("\(GCPAPI.bigQueryJobs.name): no jobReference.jobId to ask for the results")
        }
        var query = [("timeoutMs", "10000")]
        if let location = job?.location, !location.isEmpty { query.append(("location", location)) }
        if let pageToken { query.append(("pageToken", pageToken)) }
        guard let url = GCPEndpoints.url(endpoints.bigquery, path: base + "/" + GCPEndpoints.encode(jobID), query: query) else {
            throw CollectorError.misconfigured("bigquery endpoint \(Sanitizer.clean(endpoints.bigquery)) is not a valid URL")
        }
        let body = try await get(url, api: .bigQueryJobs, transport: transport)
        return try GCPJSON.decode(BigQueryShapes.QueryResults.self, from: body, call: "bigquery jobs.getQueryResults")
    }

    /// Errors on an answer without a schema: the query failed. (With a schema they are warnings:
    /// BigQuery says errors there "do not necessarily mean that the job has completed or was unsuccessful".)
    private static func checkErrors(_ answer: BigQueryShapes.QueryResults, call: String) throws {
        guard answer.schema == nil, let first = answer.errors?.first else { return }
        let text = Sanitizer.clean([first.reason, first.message].compactMap { $0 }.joined(separator: ": "))
        if first.reason == "bytesBilledLimitExceeded" {
            throw CollectorError.misconfigured("\(call): \(text) (raise the billing query's byte limit, or check the partition filter)")
        }
        throw CollectorError.misconfigured("\(call): \(text)")
    }
}
