import Foundation

/// A `Transport` decorator that records every call in a `CallLedger` before passing the answer on.
/// The scheduler wraps the app's transport in one, so collectors cannot forget to count.
public struct AccountingTransport: Transport {
    public let base: any Transport
    public let ledger: CallLedger

    public init(wrapping base: any Transport, ledger: CallLedger) {
        self.base = base
        self.ledger = ledger
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await base.send(request)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            ledger.recordCall(collector: request.collector, price: 0, failed: true)
            throw error
        }
        ledger.recordCall(collector: request.collector, price: request.estimatedPrice, failed: response.status >= 400)
        return response
    }
}
