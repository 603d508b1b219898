import Foundation

/// An amount of money: a decimal and its ISO 4217 currency code. Never a binary float.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: Decimal
    public var currency: String

    public init(_ amount: Decimal, _ currency: String = "USD") {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: String = "USD") -> Money { Money(0, currency) }

    /// Parses `"1200.00 USD"` (or `"1200 USD"`, or a bare `"1200.00"` in `defaultCurrency`).
    public init?(parsing text: String, defaultCurrency: String? = nil) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = parts.first, parts.count <= 2 else { return nil }
        guard let amount = Money.parseDecimal(String(first)) else { return nil }
        if parts.count == 2 {
            let code = String(parts[1])
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return nil }
            self.init(amount, code)
        } else if let defaultCurrency {
            self.init(amount, defaultCurrency)
        } else {
            return nil
        }
    }

    /// Parses a plain decimal string (`"12.5"`, `"-3"`), refusing anything else, exactly (no float).
    public static func parseDecimal(_ text: String) -> Decimal? {
        var digits = text[...]
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var dotSeen = false
        for character in digits {
            if character == "." {
                if dotSeen { return nil }
                dotSeen = true
            } else if !("0"..."9").contains(character) {
                return nil
            }
        }
        guard digits != "." else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Adds two amounts of the same currency; `nil` when the currencies differ (never mixed silently).
    public func adding(_ other: Money) -> Money? {
        guard other.currency == currency else { return nil }
        return Money(amount + other.amount, currency)
    }

    public func multiplied(by factor: Decimal) -> Money { Money(amount * factor, currency) }

    /// The amount rounded to `scale` fraction digits (banker's rounding is not what finance expects: plain).
    public func rounded(scale: Int = 2) -> Decimal {
        var value = amount
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// Plain decimal string with two fraction digits, for machine output (`"1234.50"`).
    public var decimalString: String { Money.format(rounded(scale: 2), fractionDigits: 2, grouping: false) }

    /// Human text: `$1,234.50` for USD, `1,234.50 EUR` for other currencies.
    public var description: String { formatted() }

    public func formatted(fractionDigits: Int = 2) -> String {
        let number = Money.format(rounded(scale: fractionDigits), fractionDigits: fractionDigits, grouping: true)
        if currency == "USD" {
            return number.hasPrefix("-") ? "-$" + number.dropFirst() : "$" + number
        }
        return "\(number) \(currency)"
    }

    /// Compact human text for narrow columns: `$12.3k`, `$1.20M`, `$950`, `$9.41`.
    public func compact() -> String {
        let value = NSDecimalNumber(decimal: amount).doubleValue
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        let prefix = currency == "USD" ? "$" : ""
        let suffix = currency == "USD" ? "" : " \(currency)"
        let body: String
        if magnitude >= 1_000_000 {
            body = FixedText.format(magnitude / 1_000_000, digits: 2) + "M"
        } else if magnitude >= 100_000 {
            body = FixedText.format(magnitude / 1000, digits: 0) + "k"
        } else if magnitude >= 10_000 {
            body = FixedText.format(magnitude / 1000, digits: 1) + "k"
        } else if magnitude >= 1000 {
            body = FixedText.format(magnitude / 1000, digits: 2) + "k"
        } else if magnitude >= 100 {
            body = FixedText.format(magnitude, digits: 0)
        } else {
            body = FixedText.format(magnitude, digits: 2)
        }
        return sign + prefix + body + suffix
    }

    static func format(_ value: Decimal, fractionDigits: Int, grouping: Bool) -> String {
        // Decimal's own description is exact; pad or group it by hand to avoid locale surprises.
        var text = NSDecimalNumber(decimal: value).stringValue
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        var integer = text
        var fraction = ""
        if let dot = text.firstIndex(of: ".") {
            integer = String(text[..<dot])
            fraction = String(text[text.index(after: dot)...])
        }
        if fraction.count < fractionDigits {
            fraction += String(repeating: "0", count: fractionDigits - fraction.count)
        } else if fraction.count > fractionDigits {
            fraction = String(fraction.prefix(fractionDigits))
        }
        if grouping, integer.count > 3 {
            var grouped = ""
            for (index, character) in integer.enumerated() {
                if index > 0, (integer.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            integer = grouped
        }
        let body = fractionDigits > 0 ? integer + "." + fraction : integer
        return (negative && value != 0 ? "-" : "") + body
    }
}
