import AsyncHTTPClient
import BurnwatchCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The real `Transport`, on AsyncHTTPClient.
///
/// - TLS: certificates are always verified (there is no switch to turn that off), TLS 1.2 or
///   newer; `SSL_CERT_FILE` adds a PEM bundle to the system trust roots (corporate TLS proxies).
/// - Proxies: per request from `ProxyEnvironment` (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, loopback
///   always direct). AsyncHTTPClient takes one proxy per client, so there is one client for
///   direct connections and one per distinct proxy.
/// - Timeouts: each request must complete, body included, within `HTTPRequest.timeout`.
/// - Answers come back as they are, whatever the status; redirects are not followed (no cloud
///   API we call redirects, and following one could carry credentials to another host).
/// - Bodies above `maxResponseBytes` are refused as a malformed response.
/// - Transport failures become `CollectorError.timeout` or `.unreachable`, with the method and
///   host but never the query string (it may carry a signature or token).
///
/// Create it with `withTransport`, which shuts the clients down on every exit path.
public final class AsyncHTTPClientTransport: Transport {
    public struct Configuration: Sendable {
        public var proxies: ProxyEnvironment
        /// A PEM bundle of extra trusted CAs (from `SSL_CERT_FILE`).
        public var additionalCAFile: String?
        public var maxResponseBytes: Int
        public var connectTimeout: TimeInterval
        public var userAgent: String

        public init(
            proxies: ProxyEnvironment = ProxyEnvironment(),
            additionalCAFile: String? = nil,
            maxResponseBytes: Int = 32 * 1024 * 1024,
            connectTimeout: TimeInterval = 10,
            userAgent: String = "burnwatch"
        ) {
            self.proxies = proxies
            self.additionalCAFile = additionalCAFile
            self.maxResponseBytes = maxResponseBytes
            self.connectTimeout = connectTimeout
            self.userAgent = userAgent
        }

        /// Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) and the CA bundle from SSL_CERT_FILE.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment
        ) throws -> Configuration {
            var configuration = Configuration(proxies: try ProxyEnvironment(environment: environment))
            if let file = environment["SSL_CERT_FILE"], !file.isEmpty {
                configuration.additionalCAFile = file
            }
            return configuration
        }
    }

    private let configuration: Configuration
    private let direct: HTTPClient
    private let proxied: [ProxyEnvironment.Proxy: HTTPClient]

    private init(configuration: Configuration, direct: HTTPClient, proxied: [ProxyEnvironment.Proxy: HTTPClient]) {
        self.configuration = configuration
        self.direct = direct
        self.proxied = proxied
    }

    /// Runs `body` with a transport and shuts its clients down afterwards, also when `body` throws.
    /// Throws `TransportConfigurationError` when the CA file cannot be read.
    public static func withTransport<Result>(
        configuration: Configuration,
        _ body: (AsyncHTTPClientTransport) async throws -> Result
    ) async throws -> Result {
        let tls = try makeTLSConfiguration(caFile: configuration.additionalCAFile)
        func client(proxy: ProxyEnvironment.Proxy?) -> HTTPClient {
            var clientConfiguration = HTTPClient.Configuration(
                tlsConfiguration: tls,
                redirectConfiguration: .disallow,
                timeout: HTTPClient.Configuration.Timeout(connect: .nanoseconds(Int64(configuration.connectTimeout * 1e9))),
                proxy: proxy.map(makeProxy)
            )
            clientConfiguration.httpVersion = .automatic
            return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        }
        let direct = client(proxy: nil)
        var proxied: [ProxyEnvironment.Proxy: HTTPClient] = [:]
        for proxy in [configuration.proxies.httpsProxy, configuration.proxies.httpProxy].compactMap({ $0 })
        where proxied[proxy] == nil {
            proxied[proxy] = client(proxy: proxy)
        }
        let transport = AsyncHTTPClientTransport(configuration: configuration, direct: direct, proxied: proxied)
        let result: Result
        do {
            result = try await body(transport)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
        return result
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let timeout = request.timeout.isFinite && request.timeout > 0 ? request.timeout : 10
        let client = configuration.proxies.proxy(for: request.url).flatMap { proxied[$0] } ?? direct

        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if !outgoing.headers.contains(name: "User-Agent") {
            outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        }
        if !request.body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }

        let wallDeadline = ContinuousClock.now + .nanoseconds(Int64(timeout * 1e9))
        do {
            let response = try await client.execute(outgoing, deadline: .now() + .nanoseconds(Int64(timeout * 1e9)))
            // AsyncHTTPClient's deadline ends at the response head; the body gets what is left.
            let body = try await Self.collect(response.body, upTo: configuration.maxResponseBytes, before: wallDeadline)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { HTTPHeader($0.name, $0.value) },
                body: Array(buffer: body)
            )
        } catch {
            throw Self.map(error, request: request, timeout: timeout, limit: configuration.maxResponseBytes)
        }
    }

    // MARK: - Private

    private func shutdown() async {
        for client in [direct] + Array(proxied.values) {
            try? await client.shutdown()
        }
    }

    private struct BodyTimeout: Error {}

    private static func collect(
        _ body: HTTPClientResponse.Body,
        upTo limit: Int,
        before deadline: ContinuousClock.Instant
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw BodyTimeout() }
            return buffer
        }
    }

    static func makeTLSConfiguration(caFile: String?) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if let caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw TransportConfigurationError(variable: "SSL_CERT_FILE", "cannot read PEM certificates from \(caFile)")
            }
            guard !certificates.isEmpty else {
                throw TransportConfigurationError(variable: "SSL_CERT_FILE", "no certificates in \(caFile)")
            }
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        return tls
    }

    private static func makeProxy(_ proxy: ProxyEnvironment.Proxy) -> HTTPClient.Configuration.Proxy {
        switch proxy.kind {
        case .http:
            let authorization = proxy.username.map {
                HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
            }
            return .server(host: proxy.host, port: proxy.port, authorization: authorization)
        case .socks5:
            return .socksServer(host: proxy.host, port: proxy.port)
        }
    }

    private static let timeouts: [HTTPClientError] = [
        .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
        .httpProxyHandshakeTimeout, .socksHandshakeTimeout, .getConnectionFromPoolTimeout,
    ]

    static func map(_ error: any Error, request: HTTPRequest, timeout: TimeInterval, limit: Int) -> any Error {
        let target = "\(request.method) \(request.url.host ?? "?")"
        if error is CancellationError { return error }
        if let clientError = error as? HTTPClientError {
            if clientError == .cancelled, Task.isCancelled { return CancellationError() }
            if timeouts.contains(clientError) || error is BodyTimeout {
                return CollectorError.timeout("\(target): no answer within \(Self.seconds(timeout))")
            }
            if clientError == .proxyAuthenticationRequired {
                return CollectorError.misconfigured("\(target): the proxy asks for credentials (http://user:password@host:port)")
            }
        }
        if error is BodyTimeout {
            return CollectorError.timeout("\(target): no complete answer within \(Self.seconds(timeout))")
        }
        if error is NIOTooManyBytesError {
            return CollectorError.malformedResponse("\(target): response larger than \(limit / 1_048_576) MiB")
        }
        if Task.isCancelled { return CancellationError() }
        let raw = String(describing: error)
        if error is NIOSSLError || raw.contains("BoringSSLError") {
            if raw.contains("CERTIFICATE_VERIFY_FAILED") {
                return CollectorError.unreachable("\(target): TLS certificate not trusted (a TLS-inspecting proxy needs its CA in SSL_CERT_FILE)")
            }
            return CollectorError.unreachable("\(target): TLS handshake failed")
        }
        if raw.contains("Connection refused") {
            return CollectorError.unreachable("\(target): connection refused")
        }
        var text = Sanitizer.clean(raw)
        if text.count > 200 { text = String(text.prefix(200)) + "…" }
        return CollectorError.unreachable("\(target): \(text)")
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
