import BurnwatchCore

/// One override of the built-in price table, from the config's `[prices]`:
/// `"aws/ml.g5.2xlarge" = "1.515 USD/h"`.
public struct PriceEntry: Sendable, Hashable, CustomStringConvertible {
    /// What one unit of `price` buys.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// An instance-hour (dedicated endpoints).
        case hour = "h"
        /// A gigabyte-second of serverless memory.
        case gigabyteSecond = "GB-s"
        /// A thousand tokens (managed model APIs).
        case thousandTokens = "1k-tokens"
    }

    public var cloud: Cloud
    /// The instance type, serverless memory class or model id the price is for.
    public var sku: String
    public var price: Money
    public var unit: Unit

    public init(cloud: Cloud, sku: String, price: Money, unit: Unit) {
        self.cloud = cloud
        self.sku = sku
        self.price = price
        self.unit = unit
    }

    /// The table key: `aws/ml.g5.2xlarge`.
    public var key: String { "\(cloud.rawValue)/\(sku)" }

    /// The value as written: `1.515 USD/h`.
    public var description: String { "\(price.amount) \(price.currency)/\(unit.rawValue)" }

    /// Reads a price value such as `"1.515 USD/h"`, `"0.0000200 USD/GB-s"` or `"0.003 USD/1k-tokens"`.
    public static func parsePrice(_ text: String) -> (price: Money, unit: Unit)? {
        guard let slash = text.lastIndex(of: "/"),
              let unit = Unit(rawValue: String(text[text.index(after: slash)...])),
              let money = Money(parsing: String(text[..<slash]))
        else { return nil }
        return (money, unit)
    }
}
