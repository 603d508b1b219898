import BurnwatchCore
import Foundation

extension FleetModel {
    /// Days in the Budgets sparkline: the 13 whole UTC days before today, then today so far.
    public static let dailySpendDays = 14
    /// Whole days the trailing daily average covers.
    public static let trailingDays = 7

    /// Month-to-date cost records of one cloud at `now`, as its billing APIs would report them:
    /// one per account (with the provider's forecast where it gives one, and the budget) and one
    /// per endpoint (with the trailing daily average that feeds the run-rate forecast), sorted by scope.
    ///
    /// Settled spend runs through the last whole hour minus the account's billing lag; the rest of
    /// the month so far is `estimatedUnbilled`. `burnRatePerHour` is the spend of the last hour.
    public func costRecords(cloud: Cloud, at now: Date) -> [CostRecord] {
        let month = BillingMonth.containing(now)
        var records: [CostRecord] = []
        for account in accounts where account.id.cloud == cloud {
            let members = engines(cloud: cloud).filter { $0.spec.id.accountID == account.id }
            let billedThrough = FleetModel.billedThrough(now: now, lag: account.billingLag, month: month)
            var total = CostFigures.zero
            for engine in members {
                let figures = CostFigures(engine: engine, now: now, billedThrough: billedThrough, month: month)
                total = total + figures
                records.append(figures.record(scope: .endpoint(engine.spec.id), month: month, billedThrough: billedThrough, now: now))
            }
            var accountRecord = total.record(scope: .account(account.id), month: month, billedThrough: billedThrough, now: now)
            accountRecord.budget = account.budget
            if account.providesForecast {
                // Month to date plus the trailing daily average over what is left: the shape of
                // Cost Explorer's and Cost Management's forecasts, without their models.
                let remainingDays = max(0, month.end.timeIntervalSince(now)) / 86_400
                accountRecord.providerForecast = FleetModel.money(total.spendToDate + total.trailingDailyAverage * remainingDays)
            }
            records.append(accountRecord)
        }
        return records.sorted { $0.scope < $1.scope }
    }

    /// Every cloud's cost records at `now`.
    public func costRecords(at now: Date) -> [CostRecord] {
        Cloud.allCases.flatMap { costRecords(cloud: $0, at: now) }
    }

    /// The end of the settled period: the last whole hour minus the lag, never before the month began.
    public static func billedThrough(now: Date, lag: TimeInterval, month: BillingMonth) -> Date {
        let hour = (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        return max(month.start, Date(timeIntervalSince1970: hour - lag))
    }
}
