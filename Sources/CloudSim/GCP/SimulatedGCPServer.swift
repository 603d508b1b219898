import BurnwatchCollect
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The simulated Google Cloud: one HTTP/1.1 server on 127.0.0.1 that answers the OAuth token
/// endpoint and the Vertex AI, Cloud Monitoring, BigQuery and Billing Budget calls burnwatch
/// makes, from a `FleetModel` at the time of a `TimeSource`.
///
/// One base URL serves every API (paths keep their real prefixes: `/v1/projects/…/endpoints`,
/// `/v3/projects/…/timeSeries`, `/bigquery/v2/…`, `/v1/billingAccounts/…`); point each
/// `[gcp.endpoints]` override at `baseURL` and the token URI at `tokenURL`. Every API call needs
/// `Authorization: Bearer` with a token this server issued.
///
/// ```swift
/// let account = try SimulatedGCPServiceAccount.generate(project: "ml-prod-123")
/// try await withSimulatedGCPServer(model: model, clock: time,
///                                  options: SimulatedGCPOptions(serviceAccounts: [account.registration])) { server in
///     let keyFile = account.keyFileJSON(tokenURI: server.tokenURL)   // GOOGLE_APPLICATION_CREDENTIALS
/// }
/// ```
public final class SimulatedGCPServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    public let port: Int
    private let channel: any Channel
    private let router: GCPRequestRouter

    private init(channel: any Channel, port: Int, router: GCPRequestRouter) {
        self.channel = channel
        self.port = port
        self.router = router
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// `<baseURL>/token`: the `token_uri` of key files for this server, and the JWT audience it expects.
    public var tokenURL: URL { baseURL.appendingPathComponent("token") }

    /// Starts a server; call `stop()` when done (prefer `withSimulatedGCPServer`).
    public static func start(
        model: FleetModel, clock: any TimeSource, options: SimulatedGCPOptions = SimulatedGCPOptions()
    ) async throws -> SimulatedGCPServer {
        let router = GCPRequestRouter(model: model, time: clock, options: options)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(GCPHTTPHandler(router: router))
                }
            }
            .bind(host: "127.0.0.1", port: options.port)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        router.setBaseURL("http://127.0.0.1:\(port)")
        return SimulatedGCPServer(channel: channel, port: port, router: router)
    }

    /// Stops listening and closes the server socket. Safe to call twice.
    public func stop() async {
        try? await channel.close()
    }

    /// How many requests for `operation` arrived (rejected ones included).
    public func callCount(_ operation: GCPOperation) -> Int {
        router.callCount(operation)
    }

    /// Time series entries returned by `timeSeries.list` so far, over all pages (what Cloud
    /// Monitoring bills for).
    public var timeSeriesReturned: Int { router.timeSeriesReturned }

    /// Lets the token endpoint accept assertions signed by this service account from now on.
    public func register(_ serviceAccount: SimulatedGCPServiceAccount.Registration) {
        router.serviceAccounts.withLock { $0.append(serviceAccount) }
    }

    /// Makes a service account for `project`, registers it, and returns its key file's JSON text
    /// (with `token_uri` = `tokenURL`): what `GOOGLE_APPLICATION_CREDENTIALS` should point at.
    public func generateServiceAccountKeyFile(project: String) throws -> String {
        let account = try SimulatedGCPServiceAccount.generate(project: project)
        register(account.registration)
        return account.keyFileJSON(tokenURI: tokenURL)
    }
}

/// Runs `body` with a started server and stops it afterwards, whether `body` returns or throws.
public func withSimulatedGCPServer<Result: Sendable>(
    model: FleetModel, clock: any TimeSource, options: SimulatedGCPOptions = SimulatedGCPOptions(),
    _ body: (SimulatedGCPServer) async throws -> Result
) async throws -> Result {
    let server = try await SimulatedGCPServer.start(model: model, clock: clock, options: options)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Collects one request (head, body, end) and writes the router's answer.
private final class GCPHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bodies larger than this are refused: nothing burnwatch sends comes close.
    private static let maximumBody = 8 << 20

    private let router: GCPRequestRouter
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false

    init(router: GCPRequestRouter) {
        self.router = router
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            tooLarge = false
        case .body(var buffer):
            if body.count + buffer.readableBytes > GCPHTTPHandler.maximumBody {
                tooLarge = true
            } else {
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let keepAlive = head.isKeepAlive
            let request = GCPRequest(method: head.method.rawValue, target: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
            body = []
            let channel = context.channel
            let router = router
            let tooLarge = tooLarge
            Task {
                let response: GCPResponse
                if tooLarge {
                    response = .error(GCPServiceError(httpStatus: 413, status: "INVALID_ARGUMENT", message: "Request payload size exceeds the limit."))
                } else {
                    response = await router.respond(to: request)
                }
                GCPHTTPHandler.write(response, keepAlive: keepAlive, to: channel)
            }
        }
    }

    private static func write(_ response: GCPResponse, keepAlive: Bool, to channel: any Channel) {
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body))), promise: nil)
        let done = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        if !keepAlive {
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
