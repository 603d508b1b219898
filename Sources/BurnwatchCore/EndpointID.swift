/// The identity of one inference endpoint: where it lives and what it is called.
public struct EndpointID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var cloud: Cloud { service.cloud }
    /// AWS account id, GCP project id or Azure subscription id.
    public var account: String
    public var region: String
    public var service: Service
    public var name: String

    public init(account: String, region: String, service: Service, name: String) {
        self.account = account
        self.region = region
        self.service = service
        self.name = name
    }

    /// The key used in the config's `[forecast]` table and in reports: `cloud/account/name`.
    public var key: String { "\(cloud.rawValue)/\(account)/\(name)" }

    public var accountID: AccountID { AccountID(cloud: cloud, account: account) }

    public var description: String { "\(key)@\(region)" }

    public static func < (lhs: EndpointID, rhs: EndpointID) -> Bool {
        (lhs.cloud, lhs.account, lhs.name, lhs.region, lhs.service.rawValue)
            < (rhs.cloud, rhs.account, rhs.name, rhs.region, rhs.service.rawValue)
    }
}

/// One billing scope: an AWS account, a GCP project or an Azure subscription.
public struct AccountID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var cloud: Cloud
    public var account: String

    public init(cloud: Cloud, account: String) {
        self.cloud = cloud
        self.account = account
    }

    /// The key used in the config's `[forecast]` table: `cloud/account`.
    public var key: String { "\(cloud.rawValue)/\(account)" }
    public var description: String { key }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool {
        (lhs.cloud, lhs.account) < (rhs.cloud, rhs.account)
    }
}
