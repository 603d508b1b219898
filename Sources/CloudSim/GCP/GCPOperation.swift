import BurnwatchCore

/// Every call the simulated Google APIs answer, named `service.method` as in the discovery documents.
public enum GCPOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `POST /token`: the OAuth 2.0 token endpoint (JWT-bearer and refresh-token grants).
    case token = "oauth2.token"
    case listEndpoints = "aiplatform.projects.locations.endpoints.list"
    case listTimeSeries = "monitoring.projects.timeSeries.list"
    case query = "bigquery.jobs.query"
    case getQueryResults = "bigquery.jobs.getQueryResults"
    case listBudgets = "billingbudgets.billingAccounts.budgets.list"

    public var description: String { rawValue }

    /// The API's service name, as `ErrorInfo.metadata.service` carries it.
    var serviceName: String {
        switch self {
        case .token: "oauth2.googleapis.com"
        case .listEndpoints: "aiplatform.googleapis.com"
        case .listTimeSeries: "monitoring.googleapis.com"
        case .query, .getQueryResults: "bigquery.googleapis.com"
        case .listBudgets: "billingbudgets.googleapis.com"
        }
    }

    /// The RPC name, as `ErrorInfo.metadata.method` carries it.
    var rpcName: String {
        switch self {
        case .token: "oauth2.token"
        case .listEndpoints: "google.cloud.aiplatform.v1.EndpointService.ListEndpoints"
        case .listTimeSeries: "google.monitoring.v3.MetricService.ListTimeSeries"
        case .query: "google.cloud.bigquery.v2.JobService.Query"
        case .getQueryResults: "google.cloud.bigquery.v2.JobService.GetQueryResults"
        case .listBudgets: "google.cloud.billing.budgets.v1.BudgetService.ListBudgets"
        }
    }

    /// The OAuth scopes any one of which lets a token call this method (the discovery documents' `scopes`).
    var acceptedScopes: Set<String> {
        let prefix = "https://www.googleapis.com/auth/"
        let names: [String]
        switch self {
        case .token: names = []
        case .listEndpoints: names = ["aiplatform", "cloud-platform"]
        case .listTimeSeries: names = ["cloud-platform", "monitoring", "monitoring.read"]
        case .query, .getQueryResults: names = ["bigquery", "cloud-platform", "cloud-platform.read-only"]
        case .listBudgets: names = ["cloud-billing", "cloud-platform"]
        }
        return Set(names.map { prefix + $0 })
    }

    /// The data class a scripted `SimulatedFault` must name to hit this call; nil for the token endpoint.
    public var dataClass: DataClass? {
        switch self {
        case .token: nil
        case .listEndpoints: .inventory
        case .listTimeSeries: .metrics
        case .query, .getQueryResults, .listBudgets: .cost
        }
    }

    /// The IAM permission the call needs, for PERMISSION_DENIED messages.
    var permission: String {
        switch self {
        case .token: ""
        case .listEndpoints: "aiplatform.endpoints.list"
        case .listTimeSeries: "monitoring.timeSeries.list"
        case .query: "bigquery.jobs.create"
        case .getQueryResults: "bigquery.jobs.get"
        case .listBudgets: "billing.budgets.list"
        }
    }
}
