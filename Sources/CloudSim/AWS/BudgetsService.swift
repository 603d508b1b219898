import BurnwatchCore
import Foundation

/// AWS Budgets' DescribeBudgets (awsJson1_1, API 2016-10-20, us-east-1 only): one monthly COST
/// budget per account that has a budget in the scenario. `ActualSpend` is the settled month-to-date
/// spend and `ForecastedSpend` the month forecast, the same figures as the in-process collector's
/// `billedToDate` and `providerForecast`.
struct BudgetsService: Sendable {
    let view: AWSFleetView
    private let ledger: AWSCostLedger

    init(view: AWSFleetView) {
        self.view = view
        ledger = AWSCostLedger(view: view)
    }

    static let budgetName = "ml-inference-monthly"
    /// Budgets without an end date end here (2087-06-15), as AWS shows them.
    static let openEnd = Date(timeIntervalSince1970: 3_706_473_600)

    func describeBudgets(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let accountID = try call.string("AccountId", required: true) ?? ""
        guard accountID.count == 12, accountID.allSatisfy(\.isASCII), accountID.allSatisfy(\.isNumber) else {
            throw AWSServiceError(
                status: 400, code: "InvalidParameterException",
                message: "1 validation error detected: Value '\(accountID)' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}"
            )
        }
        guard accountID == call.account else {
            throw AWSServiceError(
                status: 400, code: "AccessDeniedException",
                message: "User: \(call.signature.keyPair.arn) is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::\(accountID):budget/*"
            )
        }
        let maxResults = try call.int("MaxResults", in: 1...1000) ?? 100
        var budgets: [AWSJSONValue] = []
        if let account = ledger.account(accountID), let limit = account.budget {
            let record = view.model.costRecords(cloud: .aws, at: call.now).first { $0.scope == .account(account.id) }
            let actual = record?.billedToDate.amount ?? 0
            let forecast = record?.providerForecast?.amount
            let month = BillingMonth.containing(call.now)
            var spend: [(String, AWSJSONValue)] = [("ActualSpend", ["Amount": .string("\(actual)"), "Unit": .string(limit.currency)])]
            if let forecast {
                spend.append(("ForecastedSpend", ["Amount": .string("\(forecast)"), "Unit": .string(limit.currency)]))
            }
            let firstMonth = BillingMonth.containing(view.model.start.addingTimeInterval(-90 * 86_400))
            budgets.append([
                "BudgetName": .string(BudgetsService.budgetName),
                "BudgetLimit": ["Amount": .string("\(limit.amount)"), "Unit": .string(limit.currency)],
                "CostTypes": [
                    "IncludeTax": true, "IncludeSubscription": true, "UseBlended": false, "IncludeRefund": false,
                    "IncludeCredit": false, "IncludeUpfront": true, "IncludeRecurring": true, "IncludeOtherSubscription": true,
                    "IncludeSupport": true, "IncludeDiscount": true, "UseAmortized": false,
                ],
                "TimeUnit": "MONTHLY",
                "TimePeriod": ["Start": AWSWireTime.epoch(firstMonth.start), "End": AWSWireTime.epoch(BudgetsService.openEnd)],
                "CalculatedSpend": .object(spend),
                "BudgetType": "COST",
                "LastUpdatedTime": AWSWireTime.epoch(record?.billedThrough ?? month.start),
            ])
        }
        let fingerprint = AWSPageToken.fingerprint(call.json, ignoring: ["NextToken", "MaxResults"])
        var offset = 0
        if let token = try call.string("NextToken") {
            guard let decoded = AWSPageToken.offset(token, request: fingerprint) else {
                throw AWSServiceError(status: 400, code: "InvalidNextTokenException", message: "Invalid NextToken.")
            }
            offset = decoded
        }
        let page = budgets.dropFirst(offset).prefix(maxResults)
        var members: [(String, AWSJSONValue)] = [("Budgets", .array(Array(page)))]
        if offset + page.count < budgets.count {
            members.append(("NextToken", .string(AWSPageToken.make(offset: offset + page.count, request: fingerprint))))
        }
        return .object(members)
    }
}
