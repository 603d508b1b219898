import BurnwatchCore

extension BurnwatchConfig {
    /// What a `[forecast]` key names: an account (`"gcp/ml-prod-123"`) or one endpoint of it
    /// (`"aws/ml-prod/llm-prod"`); the same spellings as `AccountID.key` and `EndpointID.key`.
    public enum ForecastTarget: Sendable, Hashable, CustomStringConvertible {
        case account(AccountID)
        case endpoint(AccountID, name: String)

        /// Reads `cloud/account` or `cloud/account/endpoint`; nil for anything else.
        public init?(key: String) {
            let parts = key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, let cloud = Cloud(rawValue: parts[0]), parts.allSatisfy({ !$0.isEmpty }) else {
                return nil
            }
            let account = AccountID(cloud: cloud, account: parts[1])
            self = parts.count == 3 ? .endpoint(account, name: parts[2]) : .account(account)
        }

        public var accountID: AccountID {
            switch self {
            case .account(let account), .endpoint(let account, _): account
            }
        }

        public var key: String {
            switch self {
            case .account(let account): account.key
            case .endpoint(let account, let name): "\(account.key)/\(name)"
            }
        }

        public var description: String { key }
    }
}
