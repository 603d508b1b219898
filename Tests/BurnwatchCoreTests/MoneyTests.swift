import BurnwatchCore
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test func parsesAmountAndCurrency() {
        #expect(Money(parsing: "1200.00 USD") == Money(Decimal(string: "1200.00")!, "USD"))
        #expect(Money(parsing: "0.5 EUR") == Money(Decimal(string: "0.5")!, "EUR"))
        #expect(Money(parsing: "42", defaultCurrency: "USD") == Money(42, "USD"))
    }

    @Test(arguments: ["", "USD", "12,00 USD", "1e5 USD", "12 usd", "12 USDX", "1.2.3 USD", ". USD", "12 USD extra"])
    func rejectsMalformedAmounts(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func decimalArithmeticIsExact() {
        // 0.1 + 0.2 is exactly 0.3 in decimal, unlike binary floating point.
        let sum = Money(Decimal(string: "0.1")!).adding(Money(Decimal(string: "0.2")!))
        #expect(sum == Money(Decimal(string: "0.3")!))
    }

    @Test func differentCurrenciesDoNotAdd() {
        #expect(Money(1, "USD").adding(Money(1, "EUR")) == nil)
    }

    @Test func formatting() {
        #expect(Money(Decimal(string: "1234.5")!).formatted() == "$1,234.50")
        #expect(Money(Decimal(string: "-3.456")!).formatted() == "-$3.46")
        #expect(Money(Decimal(string: "1234567.891")!, "EUR").formatted() == "1,234,567.89 EUR")
        #expect(Money(Decimal(string: "1234.5")!).decimalString == "1234.50")
        #expect(Money(Decimal(string: "12345")!).compact() == "$12.3k")
        #expect(Money(Decimal(string: "101234")!).compact() == "$101k")
        #expect(Money(Decimal(string: "950.4")!).compact() == "$950")
        #expect(Money(Decimal(string: "9.414")!).compact() == "$9.41")
        #expect(Money(Decimal(string: "2500000")!).compact() == "$2.50M")
    }
}

@Suite struct FixedTextTests {
    @Test func agreesWithPrintfAwayFromTies() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Double.random(in: -1e7...1e7, using: &generator) / Double([1, 10, 1000, 1e6].randomElement(using: &generator)!)
            for digits in 0...3 {
                let scaled = abs(value) * pow(10, Double(digits))
                // Exact halves round differently (printf rounds the binary value half-even); skip them.
                if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6 { continue }
                #expect(FixedText.format(value, digits: digits) == String(format: "%.\(digits)f", value).replacingOccurrences(of: "-0.000", with: "0.000")
                    .replacingOccurrences(of: "^-0(\\.0*)?$", with: "0$1", options: .regularExpression))
            }
        }
    }

    @Test func knownValues() {
        #expect(FixedText.format(12.345, digits: 1) == "12.3")
        #expect(FixedText.format(0.5, digits: 0) == "1")
        #expect(FixedText.format(-0.004, digits: 2) == "0.00")
        #expect(FixedText.format(1234.5, digits: 2) == "1234.50")
        #expect(FixedText.padded(7, width: 2) == "07")
    }
}

@Suite struct TimeTextTests {
    @Test func durationsUseTheTwoLargestUnits() {
        #expect(TimeText.duration(45) == "45s")
        #expect(TimeText.duration(12 * 60 + 59) == "12m")
        #expect(TimeText.duration(3 * 3600 + 5 * 60) == "3h05m")
        #expect(TimeText.duration(2 * 86_400 + 4 * 3600 + 59) == "2d04h")
        #expect(TimeText.duration(-5) == "0s")
    }

    @Test func clockIsUTC() {
        #expect(TimeText.clock(Date(timeIntervalSince1970: 86_400 + 14 * 3600 + 7 * 60 + 59)) == "14:07")
    }
}
