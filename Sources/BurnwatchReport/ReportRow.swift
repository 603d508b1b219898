import BurnwatchCore
import Foundation

/// One endpoint's figures as every report format prints them: text already formatted, values kept for JSON.
struct ReportRow {
    let row: EndpointRow
    let now: Date

    var id: EndpointID { row.id }

    func age(_ date: Date?) -> Int? { date.map { max(0, Int(now.timeIntervalSince($0).rounded())) } }

    var replicasCurrent: Double? { row.replicas?.value ?? row.concurrency?.value }
    var replicasObservedAt: Date? { row.replicas?.observedAt ?? row.concurrency?.observedAt }

    /// The upper bound shown next to replicas: max replicas for instance-backed endpoints, max concurrency for serverless.
    var replicasMax: Int? {
        row.endpoint.kind == .serverless && row.replicas == nil
            ? row.endpoint.configuration.maxConcurrency : row.endpoint.configuration.maxReplicas
    }

    var replicasMin: Int? {
        row.endpoint.kind == .serverless && row.replicas == nil ? nil : row.endpoint.configuration.minReplicas
    }

    var stateWord: String { row.burn.band.rawValue }

    var replicasText: String {
        guard let current = replicasCurrent else { return "" }
        var text = String(Int(current.rounded()))
        if let max = replicasMax { text += "/\(replicasMin.map { "\($0)-" } ?? "")\(max)" }
        return text
    }

    var p99Text: String { row.p99.map { String(format: "%.0f", $0.value) } ?? "" }
    var invocationsText: String { row.invocations.map { String(format: "%.0f", $0.value) } ?? "" }
    var errorRateText: String { row.errorRate.map { String(format: "%.2f%%", $0.value * 100) } ?? "" }
    var spendText: String { row.burn.spendToDate?.decimalString ?? "" }
    var expectedText: String { row.burn.expectedToDate?.decimalString ?? "" }
    var currency: String { row.burn.spendToDate?.currency ?? row.burn.expectedToDate?.currency ?? "" }
    var burnText: String { row.burn.ratio.map { String(format: "%.2f", NSDecimalNumber(decimal: $0).doubleValue) } ?? "" }
    var timeToAlarmText: String {
        if row.burn.band == .alarm { return "now" }
        return row.burn.timeToAlarm.map(TimeText.duration) ?? ""
    }
}
