import BurnwatchCollect
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The simulated AWS: one HTTP/1.1 server on 127.0.0.1 that answers the SageMaker, CloudWatch,
/// Bedrock, Cost Explorer, Budgets and STS calls burnwatch makes, from a `FleetModel` at the time
/// of a `TimeSource` (the demo's scaled clock, a test's manual one).
///
/// One base URL serves every service: JSON calls are told apart by `X-Amz-Target`, STS by its
/// form `Action`, Bedrock by its path. Every request must carry a valid SigV4 signature by one of
/// `options.keyPairs` (the demo key by default), scoped to the service it calls. Point each
/// service's endpoint URL (`AWS_ENDPOINT_URL`) at `baseURL`.
///
/// ```swift
/// try await withSimulatedAWSServer(model: model, clock: time) { server in
///     // server.baseURL, AWSKeyPair.demo
/// }
/// ```
public final class SimulatedAWSServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    public let port: Int
    private let channel: any Channel
    private let router: AWSRequestRouter

    private init(channel: any Channel, port: Int, router: AWSRequestRouter) {
        self.channel = channel
        self.port = port
        self.router = router
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Starts a server; call `stop()` when done (prefer `withSimulatedAWSServer`).
    public static func start(
        model: FleetModel, clock: any TimeSource, options: SimulatedAWSOptions = SimulatedAWSOptions()
    ) async throws -> SimulatedAWSServer {
        let router = AWSRequestRouter(model: model, time: clock, options: options)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(AWSHTTPHandler(router: router))
                }
            }
            .bind(host: "127.0.0.1", port: options.port)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        return SimulatedAWSServer(channel: channel, port: port, router: router)
    }

    /// Stops listening and closes the server socket. Safe to call twice.
    public func stop() async {
        try? await channel.close()
    }

    /// How many requests named `operation` arrived (rejected ones included).
    public func callCount(operation: AWSOperation) -> Int {
        router.callCount(operation)
    }

    /// The keys the server accepts, including temporary ones minted by AssumeRole.
    public var credentials: AWSCredentialStore { router.verifier.credentials }
}

/// Runs `body` with a started server and stops it afterwards, whether `body` returns or throws.
public func withSimulatedAWSServer<Result: Sendable>(
    model: FleetModel, clock: any TimeSource, options: SimulatedAWSOptions = SimulatedAWSOptions(),
    _ body: (SimulatedAWSServer) async throws -> Result
) async throws -> Result {
    let server = try await SimulatedAWSServer.start(model: model, clock: clock, options: options)
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
private final class AWSHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bodies larger than this are refused: nothing burnwatch sends comes close.
    private static let maximumBody = 8 << 20

    private let router: AWSRequestRouter
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false

    init(router: AWSRequestRouter) {
        self.router = router
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            tooLarge = false
        case .body(var buffer):
            if body.count + buffer.readableBytes > AWSHTTPHandler.maximumBody {
                tooLarge = true
            } else {
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let keepAlive = head.isKeepAlive
            let request = AWSSignedRequest(
                method: head.method.rawValue, target: head.uri,
                headers: head.headers.map { AWSSignedRequest.Header($0.name, $0.value) }, body: body
            )
            body = []
            let channel = context.channel
            let router = router
            let tooLarge = tooLarge
            Task {
                let response: AWSResponse
                if tooLarge {
                    response = AWSResponse(status: 413, headers: [("Content-Type", "text/plain")], body: Array("request body too large".utf8))
                } else {
                    response = await router.respond(to: request)
                }
                AWSHTTPHandler.write(response, keepAlive: keepAlive, to: channel)
            }
        }
    }

    private static func write(_ response: AWSResponse, keepAlive: Bool, to channel: any Channel) {
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
