extension BurnwatchConfig {
    /// One `[[aws]]` table: an account reached through a profile.
    public struct AWSAccount: Sendable, Hashable {
        public static let keys = ["profile", "regions", "cost_tag", "endpoint_url"]

        /// The shared-config profile; nil: `AWS_PROFILE` or the default chain.
        public var profile: String?
        /// Regions to watch; nil: the profile's region or `AWS_REGION`.
        public var regions: [String]?
        /// The cost-allocation tag that names an endpoint in Cost Explorer.
        public var costTag: String?
        /// One endpoint for every service (LocalStack, the simulator); also `AWS_ENDPOINT_URL`.
        public var endpointURL: String?

        public init(profile: String? = nil, regions: [String]? = nil, costTag: String? = nil, endpointURL: String? = nil) {
            self.profile = profile
            self.regions = regions
            self.costTag = costTag
            self.endpointURL = endpointURL
        }
    }
}
