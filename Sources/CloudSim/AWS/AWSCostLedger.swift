import BurnwatchCore
import Foundation

/// Spend of the simulated AWS endpoints as AWS billing reports it: from the same engines as
/// `FleetModel.costRecords`, settled through the last whole hour minus the account's billing
/// lag, so Cost Explorer, Budgets and the in-process collector agree.
struct AWSCostLedger: Sendable {
    let view: AWSFleetView

    func account(_ id: String) -> SimulatedAccount? {
        view.awsAccounts.first { $0.id.account == id }
    }

    /// The end of the settled period at `now` for an account.
    func settledThrough(account: String, at now: Date) -> Date {
        let lag = self.account(account)?.billingLag ?? SimulatedAccount.defaultBillingLag(.aws)
        return FleetModel.billedThrough(now: now, lag: lag, month: BillingMonth.containing(now))
    }

    /// Every AWS endpoint of an account.
    func endpoints(account: String) -> [SimulatedEndpoint] {
        view.endpoints(account: account, region: nil, services: [.sageMakerRealtime, .sageMakerServerless, .bedrock])
    }

    /// Spend of one endpoint in `[from, to)`, in USD, counting only what has happened by `until`.
    func spend(of endpoint: SimulatedEndpoint, from: Date, to: Date, until: Date) -> Double {
        guard let engine = view.model.engine(endpoint.id) else { return 0 }
        let end = min(to, until)
        guard end > from else { return 0 }
        return engine.spend(from: from.timeIntervalSince1970, to: end.timeIntervalSince1970)
    }

    /// The mean spend of the whole UTC days just before `now`'s day (`FleetModel.trailingDays` of them).
    func trailingDailyAverage(of endpoint: SimulatedEndpoint, at now: Date) -> Double {
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        let days = FleetModel.trailingDays
        var total = 0.0
        for day in 1...days {
            let start = Date(timeIntervalSince1970: today - Double(day) * 86_400)
            total += spend(of: endpoint, from: start, to: start.addingTimeInterval(86_400), until: now)
        }
        return total / Double(days)
    }

    /// The name AWS bills the endpoint's service under (the Cost Explorer SERVICE dimension).
    static func serviceName(_ endpoint: SimulatedEndpoint) -> String {
        endpoint.id.service == .bedrock ? "Amazon Bedrock" : "Amazon SageMaker"
    }

    /// Dollars as AWS billing strings them: a plain decimal, rounded to the micro-dollar.
    static func amount(_ value: Double) -> String {
        let money = FleetModel.money(value)
        return "\(money.amount)"
    }
}
