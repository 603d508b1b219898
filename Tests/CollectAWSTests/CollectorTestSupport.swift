import BurnwatchCollect
import BurnwatchCore
import Foundation
@testable import CollectAWS

/// A transport that answers from a closure and remembers every request: the AWS services as the
/// tests script them.
final class FakeAWSTransport: Transport {
    typealias Handler = @Sendable (FakeAWSCall) throws -> HTTPResponse
    private let handler: Handler
    private let log = LockedState<[HTTPRequest]>([])

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        return try handler(FakeAWSCall(request: request))
    }

    var requests: [HTTPRequest] { log.withLock { $0 } }

    /// The calls made, as `service:Operation` (`monitoring:GetMetricData`, `bedrock:GET /…`).
    var operations: [String] { requests.map { FakeAWSCall(request: $0).name } }

    func calls(_ operation: String) -> [FakeAWSCall] {
        requests.map(FakeAWSCall.init).filter { $0.operation == operation }
    }
}

/// One request, read the way a test wants to look at it.
struct FakeAWSCall: Sendable {
    var request: HTTPRequest

    var host: String { request.url.host ?? "" }
    var region: String {
        let parts = host.split(separator: ".")
        return parts.first { $0.contains("-") && $0.last?.isNumber == true }.map(String.init) ?? "us-east-1"
    }

    /// `ListEndpoints`, `GetMetricData`, `GetCallerIdentity`, or for REST calls the path.
    var operation: String {
        if let target = request.headers.first(where: { $0.name.lowercased() == "x-amz-target" })?.value {
            return String(target.split(separator: ".").last ?? "")
        }
        let body = String(decoding: request.body, as: UTF8.self)
        if let action = body.split(separator: "&").first(where: { $0.hasPrefix("Action=") }) {
            return String(action.dropFirst("Action=".count))
        }
        return request.url.path
    }

    var name: String { "\(host.split(separator: ".").first ?? ""):\(operation)" }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
    }

    var query: [String: String] {
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    }
}

enum AWSFixtures {
    static let start = Date(timeIntervalSince1970: 1_749_988_800)  // 2025-06-15T12:00:00Z

    static func client(now: Date = start, collector: CollectorID = "aws/test") -> AWSClient {
        AWSClient(
            collector: collector,
            credentials: AWSStaticCredentialProvider(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            endpoints: AWSEndpointResolver(), clock: ManualTimeSource(start: now), profileHint: "aws sso login --profile test"
        )
    }

    static func ok(_ json: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")], body: Array(json.utf8))
    }

    static func error(_ status: Int, type: String, message: String = "nope") -> HTTPResponse {
        HTTPResponse(status: status, body: Array(#"{"__type":"com.amazonaws#\#(type)","message":"\#(message)"}"#.utf8))
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    static let callerIdentity = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:sts::123456789012:assumed-role/burnwatch-readonly/alice</Arn>
            <UserId>AROAEXAMPLE:alice</UserId>
            <Account>123456789012</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """
}
