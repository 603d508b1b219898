import BurnwatchCore
import Foundation

/// What one AWS collector watches: one account (one credential chain) over some regions.
public struct AWSCollectorConfiguration: Sendable, Hashable {
    public var id: CollectorID
    /// For the Collectors screen, e.g. "AWS ml-prod (us-east-1, eu-west-1)".
    public var title: String
    public var profileName: String?
    public var regions: [String]
    /// The cost-allocation tag whose value names an endpoint (it must be activated in Billing).
    public var costTag: String
    /// The account id when known; otherwise learnt from `sts:GetCallerIdentity`.
    public var accountID: String?
    /// Overrides of the built-in price table (see `AWSPriceTable` for the keys).
    public var prices: [String: Money]
    public var cadences: Cadences
    /// How many complete minutes each metrics round asks for (a late datapoint is picked up next round).
    public var lookbackMinutes: Int

    public init(
        id: CollectorID, title: String? = nil, profileName: String? = nil, regions: [String], costTag: String = "burnwatch:endpoint",
        accountID: String? = nil, prices: [String: Money] = [:], cadences: Cadences = .default, lookbackMinutes: Int = 5
    ) {
        self.id = id
        self.title = title ?? "AWS \(profileName ?? accountID ?? id.rawValue) (\(regions.joined(separator: ", ")))"
        self.profileName = profileName
        self.regions = regions
        self.costTag = costTag
        self.accountID = accountID
        self.prices = prices
        self.cadences = cadences
        self.lookbackMinutes = max(1, lookbackMinutes)
    }
}
