import BurnwatchCollect
import BurnwatchCore
import Foundation

@testable import CloudSim

/// Sends signed requests to a `SimulatedAWSServer` over real HTTP, the way a collector would.
struct AWSTestClient {
    let server: SimulatedAWSServer
    let transport: any Transport
    let clock: any TimeSource
    var keyPair: AWSKeyPair = .demo
    /// Signs as if the client's clock were this far off the simulator's.
    var clockOffset: TimeInterval = 0

    struct Answer {
        var status: Int
        var headers: [HTTPHeader]
        var body: [UInt8]

        var json: AWSJSONValue? { AWSJSONValue.parse(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        /// `__type` of a JSON error.
        var errorType: String? { json?["__type"]?.stringValue }
        var message: String? { json?["message"]?.stringValue ?? json?["Message"]?.stringValue }
    }

    var host: String { "127.0.0.1:\(server.port)" }

    func send(
        method: String, path: String = "/", query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = [],
        region: String, service: String, signer: AWSTestSigner? = nil
    ) async throws -> Answer {
        let all = headers + [("Host", host)]
        let signature = (signer ?? AWSTestSigner(keyPair)).sign(
            method: method, path: path, query: query, headers: all, body: body, region: region, service: service,
            at: clock.now().addingTimeInterval(clockOffset)
        )
        let queryText = query.isEmpty ? "" : "?" + query.map { "\(AWSTestSigner.escape($0.0))=\(AWSTestSigner.escape($0.1))" }.joined(separator: "&")
        let url = URL(string: server.baseURL.absoluteString + path + queryText)!
        let request = HTTPRequest(
            method: method, url: url, headers: (all + signature).map { HTTPHeader($0.0, $0.1) }, body: body,
            collector: CollectorID("test/aws")
        )
        let response = try await transport.send(request)
        return Answer(status: response.status, headers: response.headers, body: response.body)
    }

    /// An awsJson call: `POST /` with `X-Amz-Target`.
    func json(
        _ target: String, _ body: AWSJSONValue, region: String, service: String, version: String = "1.1"
    ) async throws -> Answer {
        try await send(
            method: "POST",
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", target)],
            body: body.bytes, region: region, service: service
        )
    }

    func sageMaker(_ operation: String, _ body: AWSJSONValue = [:], region: String = "us-east-1") async throws -> Answer {
        try await json("SageMaker.\(operation)", body, region: region, service: "sagemaker")
    }

    func cloudWatch(_ operation: String, _ body: AWSJSONValue, region: String = "us-east-1") async throws -> Answer {
        try await json("GraniteServiceVersion20100801.\(operation)", body, region: region, service: "monitoring", version: "1.0")
    }

    func costExplorer(_ operation: String, _ body: AWSJSONValue) async throws -> Answer {
        try await json("AWSInsightsIndexService.\(operation)", body, region: "us-east-1", service: "ce")
    }

    func budgets(_ body: AWSJSONValue) async throws -> Answer {
        try await json("AWSBudgetServiceGateway.DescribeBudgets", body, region: "us-east-1", service: "budgets")
    }

    func sts(_ form: String, region: String = "us-east-1") async throws -> Answer {
        try await send(
            method: "POST", headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8), region: region, service: "sts"
        )
    }

    func bedrock(_ path: String, query: [(String, String)] = [], region: String = "us-east-1") async throws -> Answer {
        try await send(method: "GET", path: path, query: query, region: region, service: "bedrock")
    }
}

/// Runs `body` against a fresh server over the demo fleet, with a manual clock at `now`.
func withDemoAWS<Result: Sendable>(
    start: Date = utc("2025-06-16T14:00:00Z"), minutesAfterStart: Double = 30, scenario: FleetScenario = .demo,
    options: SimulatedAWSOptions = SimulatedAWSOptions(),
    _ body: (AWSTestClient, FleetModel, ManualTimeSource) async throws -> Result
) async throws -> Result {
    let model = FleetModel(scenario: scenario, start: start)
    let clock = ManualTimeSource(start: start.addingTimeInterval(minutesAfterStart * 60))
    return try await withSimulatedAWSServer(model: model, clock: clock, options: options) { server in
        try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
            try await body(AWSTestClient(server: server, transport: transport, clock: clock), model, clock)
        }
    }
}
