extension BurnwatchConfig {
    /// One `[[azure]]` table: a subscription, with an optional service principal and endpoint overrides.
    public struct AzureSubscription: Sendable, Hashable {
        public static let keys = ["subscription", "workspaces", "tenant", "client_id", "client_secret", "endpoints"]

        /// The subscription id (a GUID); nil: `AZURE_SUBSCRIPTION_ID`.
        public var subscription: String?
        /// Azure ML workspaces as `resource-group/workspace`; nil: every workspace in the subscription.
        public var workspaces: [String]?
        /// The tenant (directory) id or domain.
        public var tenant: String?
        /// The service principal's application (client) id.
        public var clientID: String?
        /// The service principal's secret; prints as `<redacted>`.
        public var clientSecret: ConfigSecret?
        public var endpoints: Endpoints

        public init(
            subscription: String? = nil,
            workspaces: [String]? = nil,
            tenant: String? = nil,
            clientID: String? = nil,
            clientSecret: ConfigSecret? = nil,
            endpoints: Endpoints = Endpoints()
        ) {
            self.subscription = subscription
            self.workspaces = workspaces
            self.tenant = tenant
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.endpoints = endpoints
        }

        /// `[azure.endpoints]`: base URLs for sovereign clouds, emulators and the simulator.
        /// `metrics` may contain `{region}`.
        public struct Endpoints: Sendable, Hashable {
            public static let keys = ["arm", "metrics", "authority"]

            /// Azure Resource Manager.
            public var arm: String?
            /// Azure Monitor metrics (`metrics:getBatch`).
            public var metrics: String?
            /// The Entra ID authority; also `AZURE_AUTHORITY_HOST`.
            public var authority: String?

            public init(arm: String? = nil, metrics: String? = nil, authority: String? = nil) {
                self.arm = arm
                self.metrics = metrics
                self.authority = authority
            }
        }
    }
}
