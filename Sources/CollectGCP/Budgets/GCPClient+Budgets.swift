import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Cloud Billing Budget API reads.
extension GCPClient {
    /// Every budget of a billing account (`012345-6789AB-CDEF01`), following `nextPageToken`. Free.
    public func listBudgets(billingAccount: String, transport: any Transport) async throws -> [BudgetsShapes.Budget] {
        let call = GCPAPI.billingBudgets.name
        var budgets: [BudgetsShapes.Budget] = []
        var pages = GCPPageTokens(call: call)
        repeat {
            var query = [("pageSize", "100")]
            if let token = pages.next { query.append(("pageToken", token)) }
            guard let url = GCPEndpoints.url(
                endpoints.billingBudgets, path: "/v1/billingAccounts/\(GCPEndpoints.encode(billingAccount))/budgets", query: query
            ) else {
                throw CollectorError.misconfigured("billingbudgets endpoint \(Sanitizer.clean(endpoints.billingBudgets)) is not a valid URL")
            }
            let body = try await get(url, api: .billingBudgets, transport: transport)
            let page = try GCPJSON.decode(BudgetsShapes.ListBudgetsResponse.self, from: body, call: call)
            budgets += page.budgets ?? []
            try pages.advance(page.nextPageToken)
        } while pages.next != nil
        return budgets
    }
}
