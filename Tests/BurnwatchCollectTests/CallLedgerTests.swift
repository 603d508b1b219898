import BurnwatchCore
import Foundation
import Testing
@testable import BurnwatchCollect

@Suite struct CallLedgerTests {
    @Test func countsCallsAndSpendPerCollector() {
        let ledger = CallLedger(time: ManualTimeSource(start: t0))
        ledger.recordCall(collector: "aws/a", price: Decimal(string: "0.01")!, failed: false)
        ledger.recordCall(collector: "aws/a", price: Decimal(string: "0.004")!, failed: false)
        ledger.recordCall(collector: "aws/a", price: Decimal(string: "0.01")!, failed: true)
        ledger.recordCall(collector: "gcp/b", price: 0, failed: false)
        ledger.recordRetry(collector: "aws/a")

        #expect(ledger.tally(for: "aws/a") == CallLedger.Tally(calls: 3, failedCalls: 1, spend: Decimal(string: "0.014")!, retries: 1))
        #expect(ledger.tally(for: "gcp/b") == CallLedger.Tally(calls: 1))
        #expect(ledger.tally(for: "azure/none") == CallLedger.Tally())
        #expect(ledger.total() == CallLedger.Tally(calls: 4, failedCalls: 1, spend: Decimal(string: "0.014")!, retries: 1))
    }

    @Test func startsAgainAtUTCMidnight() {
        // 2026-03-01 23:59:30 UTC
        let time = ManualTimeSource(start: Date(timeIntervalSince1970: 1_772_409_570))
        let ledger = CallLedger(time: time)
        ledger.recordCall(collector: "aws/a", price: 1, failed: false)
        time.advance(by: 29)
        ledger.recordCall(collector: "aws/a", price: 1, failed: false)
        #expect(ledger.tally(for: "aws/a").calls == 2)

        time.advance(by: 1) // 00:00:00 UTC
        #expect(ledger.tally(for: "aws/a") == CallLedger.Tally())
        #expect(ledger.total() == CallLedger.Tally())
        ledger.recordCall(collector: "aws/a", price: 2, failed: false)
        #expect(ledger.tally(for: "aws/a") == CallLedger.Tally(calls: 1, spend: 2))
    }

    @Test func accountingTransportRecordsEveryOutcome() async throws {
        let ledger = CallLedger(time: ManualTimeSource(start: t0))
        let url = URL(string: "https://monitoring.example.com/v1")!
        let request = HTTPRequest(url: url, collector: "aws/a", estimatedPrice: Decimal(string: "0.01")!)

        let ok = AccountingTransport(wrapping: FakeTransport(status: 200), ledger: ledger)
        #expect(try await ok.send(request).status == 200)
        let throttled = AccountingTransport(wrapping: FakeTransport(status: 429), ledger: ledger)
        #expect(try await throttled.send(request).status == 429)
        let broken = AccountingTransport(wrapping: FakeTransport(failure: .unreachable("refused")), ledger: ledger)
        await #expect(throws: CollectorError.unreachable("refused")) { try await broken.send(request) }

        #expect(ledger.tally(for: "aws/a") == CallLedger.Tally(calls: 3, failedCalls: 2, spend: Decimal(string: "0.01")!))
    }
}
