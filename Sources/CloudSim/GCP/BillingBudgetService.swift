import BurnwatchCore
import Foundation

/// Cloud Billing Budget API `billingAccounts.budgets.list` (`GET /v1/billingAccounts/{id}/budgets`).
///
/// The configured billing account holds one monthly budget per GCP project of the model that has
/// one, scoped to that project (`budgetFilter.projects` names it by number, as the API stores it),
/// with the amount as `Money` (`units` an int64 string, `nanos` omitted when zero) and the usual
/// 50 / 90 / 100 % thresholds plus 100 % of forecast. Like the real API it returns no spend.
struct BillingBudgetService: Sendable {
    let view: GCPFleetView
    let options: SimulatedGCPOptions

    static let maximumPageSize = 100

    func list(account: String, request: GCPRequest) throws(GCPServiceError) -> AWSJSONValue {
        guard account == options.billingAccount else {
            throw .permissionDenied("The caller does not have permission", metadata: [("permission", "billing.budgets.list")])
        }
        var pageSize = BillingBudgetService.maximumPageSize
        if let text = request.parameter("pageSize"), !text.isEmpty {
            guard let value = Int(text), value >= 0 else { throw .invalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"\(text)\"") }
            if value > 0 { pageSize = min(value, BillingBudgetService.maximumPageSize) }
        }
        var projects = view.projects.filter { $0.budget != nil }
        if let scope = request.parameter("scope"), !scope.isEmpty {
            guard scope.hasPrefix("projects/") else { throw .invalidArgument("Only project scope (projects/{project}) is supported.") }
            let wanted = String(scope.dropFirst("projects/".count))
            projects = projects.filter { $0.id.account == wanted || view.projectNumber($0.id.account) == wanted }
        }
        let fingerprint = GCPPageToken.fingerprint(request.query, ignoring: ["pageToken", "pageSize"], extra: account)
        var offset = 0
        if let token = request.parameter("pageToken"), !token.isEmpty {
            guard let positions = GCPPageToken.positions(token, count: 1, request: fingerprint), positions[0] >= 0,
                positions[0] <= Int64(projects.count)
            else { throw .invalidArgument("Invalid page token.") }
            offset = Int(positions[0])
        }
        let page = projects.dropFirst(offset).prefix(pageSize)
        var members: [(String, AWSJSONValue)] = []
        if !page.isEmpty { members.append(("budgets", .array(page.map { budget(for: $0, account: account) }))) }
        if offset + page.count < projects.count {
            members.append(("nextPageToken", .string(GCPPageToken.make([Int64(offset + page.count)], request: fingerprint))))
        }
        return .object(members)
    }

    private func budget(for project: SimulatedAccount, account: String) -> AWSJSONValue {
        let hash = view.hash("budget|\(project.id.account)")
        let budgetID = String(format: "%08x-%04x-%04x-%04x-%012llx", UInt32(truncatingIfNeeded: hash >> 32), UInt16(truncatingIfNeeded: hash >> 16),
                              UInt16(truncatingIfNeeded: hash) & 0x0FFF | 0x4000, UInt16(truncatingIfNeeded: hash >> 8) & 0x3FFF | 0x8000,
                              hash & 0xFFFF_FFFF_FFFF)
        let money = project.budget ?? Money(0, "USD")
        return .object([
            ("name", .string("billingAccounts/\(account)/budgets/\(budgetID)")),
            ("displayName", .string("\(project.id.account) monthly")),
            ("budgetFilter", .object([
                ("projects", .array([.string("projects/\(view.projectNumber(project.id.account))")])),
                ("creditTypesTreatment", "INCLUDE_ALL_CREDITS"),
                ("calendarPeriod", "MONTH"),
            ])),
            ("amount", ["specifiedAmount": Self.money(money)]),
            ("thresholdRules", [
                ["thresholdPercent": .number(0.5), "spendBasis": "CURRENT_SPEND"],
                ["thresholdPercent": .number(0.9), "spendBasis": "CURRENT_SPEND"],
                ["thresholdPercent": 1, "spendBasis": "CURRENT_SPEND"],
                ["thresholdPercent": 1, "spendBasis": "FORECASTED_SPEND"],
            ]),
            ("notificationsRule", ["schemaVersion": "1.0"]),
            ("etag", .string(String(hash % 0xFFFF_FFFF, radix: 16))),
        ])
    }

    /// `google.type.Money`: whole units as an int64 string, nanos as a number (left out when zero).
    static func money(_ money: Money) -> AWSJSONValue {
        var units = money.amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &units, 0, money.amount < 0 ? .up : .down)
        let fraction = money.amount - rounded
        let nanos = NSDecimalNumber(decimal: fraction * 1_000_000_000).int64Value
        var members: [(String, AWSJSONValue)] = [("currencyCode", .string(money.currency)), ("units", .string("\(rounded)"))]
        if nanos != 0 { members.append(("nanos", .number(Double(nanos)))) }
        return .object(members)
    }
}
