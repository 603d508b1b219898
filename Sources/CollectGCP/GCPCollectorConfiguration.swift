import BurnwatchCore
import Foundation

/// What one GCP collector watches: one project (one credential source) over some locations.
public struct GCPCollectorConfiguration: Sendable, Hashable {
    /// Where Vertex AI endpoints are looked for when the config names no locations: the
    /// regions most GPU endpoints live in. Listing a location costs nothing but a call.
    public static let defaultLocations = ["us-central1", "us-east4", "europe-west4", "asia-southeast1"]
    /// BigQuery's guard on one billing query: it fails rather than bill more (10 GiB, $0.06).
    public static let defaultMaximumBytesBilled: Int64 = 10 << 30

    public var id: CollectorID
    /// For the Collectors screen, e.g. "GCP ml-prod-123 (us-central1, europe-west4)".
    public var title: String
    public var project: String
    /// Vertex AI locations to list; publisher models are watched in these and in `global`.
    public var locations: [String]
    /// The Cloud Billing export table, `project.dataset.table` (the resource-level export,
    /// `gcp_billing_export_resource_v1_…`, unless `costLabel` is set). Nil: no spend.
    public var billingExport: String?
    /// The project the billing query runs (and is billed) in; nil: the export table's project.
    public var billingQueryProject: String?
    /// The billing account (`012345-6789AB-CDEF01`) whose budgets are read; nil: no budget.
    public var billingAccount: String?
    /// A label key whose value names an endpoint in the export (matched against the endpoint's
    /// own label of that key, then its display name); nil: match `resource.name` by endpoint id.
    public var costLabel: String?
    public var maximumBytesBilled: Int64
    /// Overrides of the built-in price table (see `GCPPriceTable` for the keys).
    public var prices: [String: Money]
    public var cadences: Cadences
    /// How many complete minutes each metrics round asks for (a late point is picked up next round).
    public var lookbackMinutes: Int

    public init(
        id: CollectorID, title: String? = nil, project: String, locations: [String]? = nil, billingExport: String? = nil,
        billingQueryProject: String? = nil, billingAccount: String? = nil, costLabel: String? = nil,
        maximumBytesBilled: Int64 = defaultMaximumBytesBilled, prices: [String: Money] = [:], cadences: Cadences = .default,
        lookbackMinutes: Int = 5
    ) {
        let resolved = (locations?.isEmpty ?? true) ? Self.defaultLocations : locations!
        self.id = id
        self.title = title ?? "GCP \(project) (\(resolved.joined(separator: ", ")))"
        self.project = project
        self.locations = resolved
        self.billingExport = billingExport
        self.billingQueryProject = billingQueryProject
        self.billingAccount = billingAccount
        self.costLabel = costLabel
        self.maximumBytesBilled = max(GCPClient.bigQueryMinimumBytes, maximumBytesBilled)
        self.prices = prices
        self.cadences = cadences
        self.lookbackMinutes = max(1, lookbackMinutes)
    }
}
