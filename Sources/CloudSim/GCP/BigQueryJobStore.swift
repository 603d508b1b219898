import BurnwatchCollect
import Foundation

/// Query jobs the simulated BigQuery has run: their rows (fixed when the job ran), schema and
/// how many more polls they answer "not complete" to.
final class BigQueryJobStore: Sendable {
    struct Job: Sendable {
        var projectID: String
        var location: String
        /// The answer's cells, row by row (nil is SQL NULL), and its schema.
        var rows: [[String?]]
        var schema: [(name: String, type: String)]
        var bytesProcessed: Int64
        var int64Timestamps: Bool
        var pendingPolls: Int
    }

    /// The oldest jobs are forgotten beyond this many (as BigQuery forgets results after a day).
    private static let capacity = 1000
    private let state = LockedState<(jobs: [String: Job], order: [String])>(([:], []))

    func add(_ job: Job) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        let suffix = String((0..<28).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        let id = "job_" + suffix
        state.withLock { store in
            store.jobs[id] = job
            store.order.append(id)
            if store.order.count > BigQueryJobStore.capacity {
                store.jobs[store.order.removeFirst()] = nil
            }
        }
        return id
    }

    /// The job, after counting one poll against its pending ones.
    func poll(_ id: String) -> (job: Job, complete: Bool)? {
        state.withLock { store in
            guard var job = store.jobs[id] else { return nil }
            if job.pendingPolls > 0 {
                job.pendingPolls -= 1
                store.jobs[id] = job
                return (job, false)
            }
            return (job, true)
        }
    }
}
