extension BurnwatchConfig {
    /// One `[[gcp]]` table: a project, with optional billing sources and endpoint overrides.
    public struct GCPProject: Sendable, Hashable {
        public static let keys = ["project", "locations", "billing_export", "billing_account", "cost_label", "endpoints"]

        /// The project id; nil: `GOOGLE_CLOUD_PROJECT` or Application Default Credentials' project.
        public var project: String?
        /// Locations to watch; nil: every location that has endpoints.
        public var locations: [String]?
        /// The BigQuery billing export table, `project.dataset.table`.
        public var billingExport: String?
        /// The billing account for budgets, `XXXXXX-XXXXXX-XXXXXX`.
        public var billingAccount: String?
        /// A label key whose value names the endpoint in the billing export; nil: match by resource name.
        public var costLabel: String?
        public var endpoints: Endpoints

        public init(
            project: String? = nil,
            locations: [String]? = nil,
            billingExport: String? = nil,
            billingAccount: String? = nil,
            costLabel: String? = nil,
            endpoints: Endpoints = Endpoints()
        ) {
            self.project = project
            self.locations = locations
            self.billingExport = billingExport
            self.billingAccount = billingAccount
            self.costLabel = costLabel
            self.endpoints = endpoints
        }

        /// `[gcp.endpoints]`: base URLs for private endpoints, emulators and the simulator.
        /// `aiplatform` may contain `{location}`.
        public struct Endpoints: Sendable, Hashable {
            public static let keys = ["aiplatform", "monitoring", "bigquery", "billingbudgets", "token"]

            public var aiplatform: String?
            public var monitoring: String?
            public var bigquery: String?
            public var billingBudgets: String?
            /// The OAuth token endpoint.
            public var token: String?

            public init(
                aiplatform: String? = nil,
                monitoring: String? = nil,
                bigquery: String? = nil,
                billingBudgets: String? = nil,
                token: String? = nil
            ) {
                self.aiplatform = aiplatform
                self.monitoring = monitoring
                self.bigquery = bigquery
                self.billingBudgets = billingBudgets
                self.token = token
            }
        }
    }
}
