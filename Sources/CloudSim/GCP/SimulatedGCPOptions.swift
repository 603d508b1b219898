import Foundation

/// How the simulated Google Cloud behaves beyond what the fleet model says: who may get a
/// token, billing settings, paging and scripted faults.
public struct SimulatedGCPOptions: Sendable {
    /// Service accounts whose signed JWT assertions the token endpoint accepts.
    public var serviceAccounts: [SimulatedGCPServiceAccount.Registration]
    /// `authorized_user` credentials (gcloud's application default login) for the refresh-token grant.
    public var authorizedUsers: [SimulatedGCPAuthorizedUser]
    /// Audiences a JWT may name besides this server's own token URL (`<baseURL>/token`), e.g. the
    /// `token_uri` of a key file written before the port was known.
    public var additionalTokenAudiences: [String]
    /// How far a JWT's `iat` may lie in the simulator's future, and its `exp` in its past.
    public var clockSkewTolerance: TimeInterval
    /// Lifetime of the access tokens issued (Google: 3599 s).
    public var accessTokenLifetime: Int
    /// Cloud Monitoring publishes a minute this long after it ends.
    public var ingestDelay: TimeInterval
    /// Default page size of `endpoints.list` (the discovery document names none; Google picks).
    public var endpointsPageSize: Int
    /// The billing account whose budgets `billingAccounts.budgets.list` answers.
    public var billingAccount: String
    /// The billing export table (`project.dataset.table`) BigQuery answers queries over.
    public var billingExportTable: String
    /// The share of gross cost that promotional credits take back in the billing export
    /// (`cost + credits` is always the model's spend).
    public var creditFraction: Double
    /// Scripted faults on top of the scenario's `SimulatedFault`s for GCP.
    public var faults: [GCPScriptedFault]
    /// Whether the scenario's `SimulatedFault`s that apply to GCP are honoured.
    public var appliesScenarioFaults: Bool
    /// The TCP port to bind on 127.0.0.1; 0 picks a free one.
    public var port: Int

    public static let defaultBillingAccount = "012345-6789AB-CDEF01"
    public static let defaultBillingExportTable = "billing-proj.billing.gcp_billing_export_resource_v1_012345_6789AB_CDEF01"

    public init(
        serviceAccounts: [SimulatedGCPServiceAccount.Registration] = [],
        authorizedUsers: [SimulatedGCPAuthorizedUser] = [],
        additionalTokenAudiences: [String] = ["https://oauth2.googleapis.com/token"],
        clockSkewTolerance: TimeInterval = 300,
        accessTokenLifetime: Int = 3599,
        ingestDelay: TimeInterval = 180,
        endpointsPageSize: Int = 100,
        billingAccount: String = SimulatedGCPOptions.defaultBillingAccount,
        billingExportTable: String = SimulatedGCPOptions.defaultBillingExportTable,
        creditFraction: Double = 0.04,
        faults: [GCPScriptedFault] = [],
        appliesScenarioFaults: Bool = true,
        port: Int = 0
    ) {
        self.serviceAccounts = serviceAccounts
        self.authorizedUsers = authorizedUsers
        self.additionalTokenAudiences = additionalTokenAudiences
        self.clockSkewTolerance = clockSkewTolerance
        self.accessTokenLifetime = max(1, accessTokenLifetime)
        self.ingestDelay = ingestDelay
        self.endpointsPageSize = max(1, endpointsPageSize)
        self.billingAccount = billingAccount
        self.billingExportTable = billingExportTable
        self.creditFraction = min(max(0, creditFraction), 0.9)
        self.faults = faults
        self.appliesScenarioFaults = appliesScenarioFaults
        self.port = port
    }
}
