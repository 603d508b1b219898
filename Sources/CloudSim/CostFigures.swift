import BurnwatchCore
import Foundation

/// The cost figures of one scope, in USD as doubles until they become `Money`.
struct CostFigures {
    var billed: Double
    var unbilled: Double
    var lastHour: Double
    var daily: [Double]

    static let zero = CostFigures(billed: 0, unbilled: 0, lastHour: 0, daily: Array(repeating: 0, count: FleetModel.dailySpendDays))

    init(billed: Double, unbilled: Double, lastHour: Double, daily: [Double]) {
        self.billed = billed
        self.unbilled = unbilled
        self.lastHour = lastHour
        self.daily = daily
    }

    init(engine: EndpointEngine, now: Date, billedThrough: Date, month: BillingMonth) {
        let time = now.timeIntervalSince1970
        let settled = billedThrough.timeIntervalSince1970
        billed = engine.spend(from: month.start.timeIntervalSince1970, to: settled)
        unbilled = engine.spend(from: settled, to: time)
        lastHour = engine.spend(from: time - 3600, to: time)
        let today = (time / 86_400).rounded(.down) * 86_400
        daily = (0..<FleetModel.dailySpendDays).map { day in
            let dayStart = today - Double(FleetModel.dailySpendDays - 1 - day) * 86_400
            return engine.spend(from: dayStart, to: min(dayStart + 86_400, time))
        }
    }

    var spendToDate: Double { billed + unbilled }

    /// The mean of the whole days just before today.
    var trailingDailyAverage: Double {
        let whole = daily.dropLast().suffix(FleetModel.trailingDays)
        return whole.isEmpty ? 0 : whole.reduce(0, +) / Double(whole.count)
    }

    static func + (lhs: CostFigures, rhs: CostFigures) -> CostFigures {
        CostFigures(
            billed: lhs.billed + rhs.billed, unbilled: lhs.unbilled + rhs.unbilled, lastHour: lhs.lastHour + rhs.lastHour,
            daily: zip(lhs.daily, rhs.daily).map { $0 + $1 }
        )
    }

    func record(scope: CostScope, month: BillingMonth, billedThrough: Date, now: Date) -> CostRecord {
        CostRecord(
            scope: scope, month: month, billedToDate: FleetModel.money(billed), billedThrough: billedThrough,
            estimatedUnbilled: FleetModel.money(unbilled), burnRatePerHour: FleetModel.money(lastHour),
            trailingDailyAverage: FleetModel.money(trailingDailyAverage), dailySpend: daily.map(FleetModel.money),
            fetchedAt: now
        )
    }
}
