import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
@testable import BurnwatchCollect

/// A small HTTP/1.1 server on 127.0.0.1 (optionally over TLS), answering each request with
/// what `respond` returns, or never answering when it returns nil. It records what it received.
final class LoopbackHTTPServer: Sendable {
    struct Request: Sendable, Hashable {
        var method: String
        var uri: String
        var headers: [String: String]
        var body: [UInt8]
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    typealias Responder = @Sendable (Request) -> Reply?

    let port: Int
    private let channel: any Channel
    private let received: LockedState<[Request]>

    private init(port: Int, channel: any Channel, received: LockedState<[Request]>) {
        self.port = port
        self.channel = channel
        self.received = received
    }

    var requests: [Request] { received.withLock { $0 } }

    static func start(tlsCertificate: String? = nil, tlsKey: String? = nil, respond: @escaping Responder) async throws -> LoopbackHTTPServer {
        let received = LockedState<[Request]>([])
        var tlsContext: NIOSSLContext?
        if let tlsCertificate, let tlsKey {
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(tlsCertificate.utf8), format: .pem))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(tlsKey.utf8), format: .pem))
            )
            tlsContext = try NIOSSLContext(configuration: configuration)
        }
        let context = tlsContext
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(respond: respond, received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return LoopbackHTTPServer(port: port, channel: channel, received: received)
    }

    func stop() async {
        try? await channel.close()
    }

    /// A port on 127.0.0.1 with nothing listening (bound once, then released).
    static func closedPort() async throws -> Int {
        let server = try await start { _ in Reply(status: 200) }
        let port = server.port
        await server.stop()
        return port
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let respond: Responder
        private let received: LockedState<[Request]>
        private var head: HTTPRequestHead?
        private var body: [UInt8] = []

        init(respond: @escaping Responder, received: LockedState<[Request]>) {
            self.respond = respond
            self.received = received
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
                received.withLock { $0.append(request) }
                guard let reply = respond(request) else { return }
                var responseHeaders = HTTPHeaders(reply.headers)
                responseHeaders.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
                let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: responseHeaders)
                context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
