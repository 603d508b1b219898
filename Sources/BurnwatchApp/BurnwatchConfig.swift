import BurnwatchCore
import BurnwatchTOML
import Foundation

/// The contents of `config.toml`, validated. Every key is optional; the defaults are the product's.
///
/// Decisions:
/// - `alarm_ratio` must lie in 1…10. Below 1 the alarm would fire on spend under forecast and the
///   "over forecast" band would vanish; above 10 is almost surely a percentage written as a ratio
///   (`150` for `1.5`).
/// - Cadences have floors, because watching costs money: `refresh` ≥ 10 s (the clouds publish
///   metrics per minute), `inventory_every` ≥ 1 min, `cost_every` ≥ 1 h (billing lags by hours and
///   Cost Explorer bills per request).
public struct BurnwatchConfig: Sendable, Hashable {
    public static let defaultRefresh: TimeInterval = 60
    public static let defaultInventoryEvery: TimeInterval = 300
    public static let defaultCostEvery: TimeInterval = 4 * 3600
    public static let defaultAlarmRatio: Decimal = 1.5
    public static let alarmRatioRange: ClosedRange<Decimal> = 1...10
    public static let minimumRefresh: TimeInterval = 10
    public static let minimumInventoryEvery: TimeInterval = 60
    public static let minimumCostEvery: TimeInterval = 3600

    /// Metrics cadence (`refresh`), in seconds.
    public var refresh: TimeInterval
    /// Inventory cadence (`inventory_every`), in seconds.
    public var inventoryEvery: TimeInterval
    /// Cost and forecast cadence (`cost_every`), in seconds.
    public var costEvery: TimeInterval
    /// The alarm line as a multiple of expected spend (`alarm_ratio`).
    public var alarmRatio: Decimal
    /// The theme's name (`theme`); a file of that name in a themes directory, or the built-in `default`.
    public var theme: String
    /// Monthly forecasts from `[forecast]`, by account or endpoint.
    public var forecasts: [ForecastTarget: Money]
    /// Price overrides from `[prices]`, in file order.
    public var prices: [PriceEntry]
    public var aws: [AWSAccount]
    public var gcp: [GCPProject]
    public var azure: [AzureSubscription]

    public init(
        refresh: TimeInterval = BurnwatchConfig.defaultRefresh,
        inventoryEvery: TimeInterval = BurnwatchConfig.defaultInventoryEvery,
        costEvery: TimeInterval = BurnwatchConfig.defaultCostEvery,
        alarmRatio: Decimal = BurnwatchConfig.defaultAlarmRatio,
        theme: String = "default",
        forecasts: [ForecastTarget: Money] = [:],
        prices: [PriceEntry] = [],
        aws: [AWSAccount] = [],
        gcp: [GCPProject] = [],
        azure: [AzureSubscription] = []
    ) {
        self.refresh = refresh
        self.inventoryEvery = inventoryEvery
        self.costEvery = costEvery
        self.alarmRatio = alarmRatio
        self.theme = theme
        self.forecasts = forecasts
        self.prices = prices
        self.aws = aws
        self.gcp = gcp
        self.azure = azure
    }

    /// Reads and validates a config file's text.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - fileName: the path as messages should name it.
    /// - Throws: `ConfigError` with every problem found, each naming file, line and key.
    public init(parsing text: String, fileName: String) throws(ConfigError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw .syntax(ConfigDiagnostic(
                severity: .error, file: fileName, line: error.line, column: error.column, message: error.message
            ))
        }
        var parser = ConfigParser()
        let config = parser.read(document.root)
        if !parser.errors.isEmpty {
            // Checks run table by table; readers expect problems in the order they appear in the file.
            let inFileOrder = parser.errors.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            throw .invalid(inFileOrder.map {
                ConfigDiagnostic(severity: .error, file: fileName, line: $0.element.line, message: $0.element.message)
            })
        }
        self = config
    }

    /// The three cadences, as the scheduler takes them.
    public var cadences: Cadences { Cadences(metrics: refresh, inventory: inventoryEvery, cost: costEvery) }

    /// The configured forecast for one endpoint (`cloud/account/endpoint`), if any.
    public func forecast(for endpoint: EndpointID) -> Money? {
        forecasts[.endpoint(endpoint.accountID, name: endpoint.name)]
    }

    /// The configured forecast for one account, project or subscription (`cloud/account`), if any.
    public func forecast(for account: AccountID) -> Money? {
        forecasts[.account(account)]
    }

    /// The configured price for one SKU, if any.
    public func price(cloud: Cloud, sku: String) -> PriceEntry? {
        prices.first { $0.cloud == cloud && $0.sku == sku }
    }

    /// Whether any `[[azure]]` table holds a client secret (so the file must not be readable by others).
    public var holdsSecret: Bool { azure.contains { $0.clientSecret != nil } }

    /// The keys allowed at the top level of the file.
    public static let topLevelKeys = [
        "refresh", "inventory_every", "cost_every", "alarm_ratio", "theme",
        "aws", "gcp", "azure", "forecast", "prices",
    ]
}
