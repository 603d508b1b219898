import BurnwatchCore
import Foundation

/// Prices of one configuration, per the smallest unit the model accrues, in USD.
struct CostRates: Sendable {
    var perInstanceMinute = 0.0
    var perGBSecond = 0.0
    var perProvisionedGBSecond = 0.0
    var memoryGB = 0.0
    var perInputToken = 0.0
    var perOutputToken = 0.0
    var perUnitMinute = 0.0

    init(cloud: Cloud, configuration: EndpointConfiguration, prices: SimulatedPriceTable) {
        if let hourly = prices.hourlyPrice(cloud: cloud, configuration: configuration) {
            perInstanceMinute = CostRates.double(hourly) / 60
        }
        perGBSecond = CostRates.double(prices.serverlessGBSecond)
        perProvisionedGBSecond = CostRates.double(prices.provisionedConcurrencyGBSecond)
        memoryGB = Double(configuration.serverlessMemoryMB ?? 0) / 1024
        if let tokens = prices.tokenPrice(cloud: cloud, model: configuration.model) {
            perInputToken = CostRates.double(tokens.input) / 1000
            perOutputToken = CostRates.double(tokens.output) / 1000
        }
        if let unit = prices.unitPrice(cloud: cloud, model: configuration.model) {
            perUnitMinute = CostRates.double(unit) / 60
        }
    }

    /// Through the decimal text, which `Double(String)` rounds correctly on every platform.
    static func double(_ value: Decimal) -> Double {
        Double(value.description) ?? 0
    }
}
