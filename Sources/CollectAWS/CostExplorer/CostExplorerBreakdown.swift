import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Daily spend from `GetCostAndUsage` grouped by a cost-allocation tag and by service, flattened
/// to one entry per (day, tag value, service).
///
/// Group keys come as `tagkey$value` for tags (an empty value for untagged spend) and the bare
/// service name for the `SERVICE` dimension, in the order of the group definitions. With
/// `GroupBy`, `Total` is empty, so totals are sums of groups. Amounts are decimal strings.
public struct CostExplorerBreakdown: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// 00:00 UTC of the day.
        public var day: Date
        /// The tag's value; nil for spend without the tag.
        public var tagValue: String?
        public var service: String?
        public var amount: Money
        /// Cost Explorer's own flag for days whose figures may still change.
        public var estimated: Bool
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// - Parameter metric: the `Metrics` key asked for (`UnblendedCost`).
    public init(pages: [CostExplorerShapes.GetCostAndUsageResponse], requested: [CostExplorerShapes.GroupDefinition], metric: String) throws {
        var entries: [Entry] = []
        for page in pages {
            let definitions = page.groupDefinitions ?? requested
            let tagIndex = definitions.firstIndex { $0.type == "TAG" }
            let serviceIndex = definitions.firstIndex { $0.type == "DIMENSION" && $0.key == "SERVICE" }
            for result in page.resultsByTime ?? [] {
                guard let start = result.timePeriod?.start, let day = CostExplorerPeriod.date(start) else {
                    throw CollectorError.malformedResponse("GetCostAndUsage: a result without a valid TimePeriod")
                }
                let estimated = result.estimated ?? false
                for group in result.groups ?? [] {
                    guard let value = group.metrics?[metric] else { continue }
                    let amount = try Self.money(value, operation: "GetCostAndUsage")
                    let keys = group.keys ?? []
                    let tag = tagIndex.flatMap { $0 < keys.count ? Self.tagValue(keys[$0]) : nil }
                    let service = serviceIndex.flatMap { $0 < keys.count ? Sanitizer.clean(keys[$0]) : nil }
                    entries.append(Entry(day: day, tagValue: tag, service: service, amount: amount, estimated: estimated))
                }
                if result.groups?.isEmpty ?? true, let value = result.total?[metric] {
                    // Without groups (or a day with no spend at all) the total is the only figure.
                    let amount = try Self.money(value, operation: "GetCostAndUsage")
                    entries.append(Entry(day: day, tagValue: nil, service: nil, amount: amount, estimated: estimated))
                }
            }
        }
        self.entries = entries
    }

    /// The currencies seen; Cost Explorer reports one (USD) per payer.
    public var currencies: [String] { Array(Set(entries.map(\.amount.currency))).sorted() }

    /// Tag values that carry spend, sanitised.
    public var tagValues: Set<String> { Set(entries.compactMap(\.tagValue)) }

    /// The sum of the matching entries with `day` in `[from, before)`; nil when nothing matched.
    public func total(currency: String, from: Date, before: Date, where include: (Entry) -> Bool = { _ in true }) -> Money? {
        let matching = entries.filter { $0.amount.currency == currency && $0.day >= from && $0.day < before && include($0) }
        guard !matching.isEmpty else { return nil }
        return Money(matching.reduce(Decimal(0)) { $0 + $1.amount.amount }, currency)
    }

    /// Spend per day from `from` to `before` (exclusive), oldest first; days without entries are zero.
    public func daily(currency: String, from: Date, before: Date, where include: (Entry) -> Bool = { _ in true }) -> [Money] {
        var result: [Money] = []
        var day = from
        while day < before {
            let next = day.addingTimeInterval(86_400)
            result.append(total(currency: currency, from: day, before: next, where: include) ?? Money(0, currency))
            day = next
        }
        return result
    }

    /// Spend per service over the whole breakdown, largest first.
    public func byService(currency: String) -> [(service: String, amount: Money)] {
        var sums: [String: Decimal] = [:]
        for entry in entries where entry.amount.currency == currency {
            sums[entry.service ?? "", default: 0] += entry.amount.amount
        }
        return sums.map { (service: $0.key, amount: Money($0.value, currency)) }.sorted { $0.amount.amount > $1.amount.amount }
    }

    /// `burnwatch:endpoint$llm-prod` → `llm-prod`; `burnwatch:endpoint$` (untagged) → nil.
    static func tagValue(_ key: String) -> String? {
        guard let dollar = key.firstIndex(of: "$") else { return key.isEmpty ? nil : Sanitizer.clean(key) }
        let value = key[key.index(after: dollar)...]
        return value.isEmpty ? nil : Sanitizer.clean(String(value))
    }

    static func money(_ value: CostExplorerShapes.MetricValue, operation: String) throws -> Money {
        guard let text = value.amount, let amount = parseAmount(text) else {
            throw CollectorError.malformedResponse("\(operation): an amount that is not a number")
        }
        let unit = Sanitizer.clean(value.unit ?? "USD")
        return Money(amount, unit.isEmpty ? "USD" : unit)
    }

    /// A decimal string as AWS writes amounts: plain (`"12.3400"`) or, for tiny values, with an
    /// exponent (`"1.2E-7"`). Anything else is refused, not half-read.
    public static func parseAmount(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Money.parseDecimal(trimmed) { return plain }
        let parts = trimmed.uppercased().split(separator: "E", omittingEmptySubsequences: false)
        guard parts.count == 2, let mantissa = Money.parseDecimal(String(parts[0])) else { return nil }
        var exponentText = parts[1]
        let negative = exponentText.first == "-"
        if exponentText.first == "-" || exponentText.first == "+" { exponentText = exponentText.dropFirst() }
        guard !exponentText.isEmpty, exponentText.count <= 3, exponentText.allSatisfy({ ("0"..."9").contains($0) }), let exponent = Int(exponentText)
        else { return nil }
        var result = mantissa
        for _ in 0..<exponent {
            result = negative ? result / 10 : result * 10
        }
        return result
    }
}
