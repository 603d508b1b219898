import Foundation

/// The report's JSON (`burnwatch.report/v1`) as the end-to-end tests read it: only the fields
/// they check, decoded strictly enough that a renamed or retyped field fails the test.
public enum ReportDocument {
    public struct ReportMoney: Decodable, Sendable, Hashable {
        public var amount: String
        public var currency: String
        public var value: Decimal { Decimal(string: amount) ?? .nan }

        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public struct GPU: Decodable, Sendable, Hashable {
        public var name: String
        public var memory_gb: Int
        public var count: Int

        public init(name: String, memory_gb: Int, count: Int) {
            self.name = name
            self.memory_gb = memory_gb
            self.count = count
        }
    }

    public struct Replicas: Decodable, Sendable, Hashable {
        public var current: Double?
        public var min: Int?
        public var max: Int?

        public init(current: Double?, min: Int?, max: Int?) {
            self.current = current
            self.min = min
            self.max = max
        }
    }

    public struct Ages: Decodable, Sendable {
        public var p99_ms: Int?
        public var invocations_per_min: Int?
        public var error_rate: Int?
        public var replicas: Int?
        public var spend_mtd: Int?
    }

    public struct Endpoint: Decodable, Sendable {
        public var cloud: String
        public var account: String
        public var region: String
        public var service: String
        public var kind: String
        public var name: String
        public var instance_type: String?
        public var gpu: GPU?
        public var p99_ms: Double?
        public var invocations_per_min: Double?
        public var error_rate: Double?
        public var replicas: Replicas
        public var spend_mtd: ReportMoney?
        public var forecast_month: ReportMoney?
        public var forecast_source: String?
        public var state: String
        public var includes_estimate: Bool
        public var age_s: Ages
    }

    public struct Account: Decodable, Sendable {
        public var cloud: String
        public var account: String
        public var spend_mtd: ReportMoney?
        public var forecast_month: ReportMoney?
        public var forecast_source: String?
        public var budget: ReportMoney?
        public var state: String
    }

    public struct Collector: Decodable, Sendable {
        public var id: String
        public var state: String
        public var identity: String?
        public var calls_today: Int
        public var api_spend_today_usd: String
        public var last_error: String?
        public var hint: String?
        public var issues: [String]
    }

    public struct Report: Decodable, Sendable {
        public var schema: String
        public var generated_at: String
        public var alarm: Bool
        public var endpoints: [Endpoint]
        public var accounts: [Account]
        public var collectors: [Collector]

        public func endpoint(_ name: String) -> Endpoint? { endpoints.first { $0.name == name } }
    }
}
