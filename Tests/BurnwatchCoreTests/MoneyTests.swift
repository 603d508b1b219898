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
