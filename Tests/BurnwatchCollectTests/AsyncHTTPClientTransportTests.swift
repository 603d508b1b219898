import BurnwatchCore
import Foundation
import Testing
@testable import BurnwatchCollect

/// The real transport against a server on 127.0.0.1: no traffic leaves the machine.
@Suite(.timeLimit(.minutes(1))) struct AsyncHTTPClientTransportTests {
    func request(_ url: String, method: String = "GET", headers: [HTTPHeader] = [], body: [UInt8] = [], timeout: TimeInterval = 10) -> HTTPRequest {
        HTTPRequest(method: method, url: URL(string: url)!, headers: headers, body: body, collector: "test/transport", timeout: timeout)
    }

    @Test func sendsTheRequestAndReturnsTheAnswerAsItIs() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: 404, headers: [("X-Amzn-RequestId", "abc-123")], body: Array("{\"message\":\"no such endpoint\"}".utf8))
        }
        let response = try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
            try await transport.send(request(
                "http://127.0.0.1:\(server.port)/v1/endpoints?page=2",
                method: "POST",
                headers: [HTTPHeader("X-Amz-Target", "SageMaker.ListEndpoints")],
                body: Array("{}".utf8)
            ))
        }
        await server.stop()

        #expect(response.status == 404)
        #expect(response.header("x-amzn-requestid") == "abc-123")
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"message\":\"no such endpoint\"}")
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.uri == "/v1/endpoints?page=2")
        #expect(received.headers["x-amz-target"] == "SageMaker.ListEndpoints")
        #expect(received.headers["user-agent"] == "burnwatch")
        #expect(received.body == Array("{}".utf8))
    }

    /// AsyncHTTPClient tunnels through an HTTP proxy with CONNECT. The test proxies record the
    /// CONNECT and answer 407 (which, unlike a 502, the client does not retry until the deadline),
    /// so the request fails fast and the record shows which proxy it went to.
    @Test func requestsGoThroughTheProxyOfTheirScheme() async throws {
        let httpsProxy = try await LoopbackHTTPServer.start { _ in .init(status: 407) }
        let httpProxy = try await LoopbackHTTPServer.start { _ in .init(status: 407) }
        let configuration = try AsyncHTTPClientTransport.Configuration.fromEnvironment([
            "HTTPS_PROXY": "http://build%40corp:s3cret@127.0.0.1:\(httpsProxy.port)",
            "http_proxy": "127.0.0.1:\(httpProxy.port)",
        ])
        try await AsyncHTTPClientTransport.withTransport(configuration: configuration) { transport in
            let secure = await #expect(throws: CollectorError.self) {
                try await transport.send(request("https://monitoring.burnwatch.test/v1/query", timeout: 1))
            }
            // A proxy that wants (other) credentials is a setup problem, not an outage.
            #expect(secure?.kind == "misconfigured")
            #expect(secure?.detail.contains("s3cret") == false)
            let plain = await #expect(throws: CollectorError.self) {
                try await transport.send(request("http://collector.burnwatch.test/metrics", timeout: 1))
            }
            #expect(plain?.kind == "misconfigured")
        }
        await httpsProxy.stop()
        await httpProxy.stop()

        let tunnel = try #require(httpsProxy.requests.first)
        #expect(tunnel.method == "CONNECT")
        #expect(tunnel.uri == "monitoring.burnwatch.test:443")
        #expect(tunnel.headers["proxy-authorization"] == "Basic " + Data("build@corp:s3cret".utf8).base64EncodedString())
        #expect(Set(httpsProxy.requests.map(\.uri)) == ["monitoring.burnwatch.test:443"])
        #expect(Set(httpProxy.requests.map(\.uri)) == ["collector.burnwatch.test:80"])
    }

    @Test func loopbackBypassesTheProxy() async throws {
        let deadProxy = try await LoopbackHTTPServer.closedPort()
        let server = try await LoopbackHTTPServer.start { _ in .init(status: 204) }
        let configuration = try AsyncHTTPClientTransport.Configuration.fromEnvironment(["HTTP_PROXY": "http://127.0.0.1:\(deadProxy)"])
        let response = try await AsyncHTTPClientTransport.withTransport(configuration: configuration) { transport in
            try await transport.send(request("http://127.0.0.1:\(server.port)/"))
        }
        await server.stop()
        #expect(response.status == 204)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await LoopbackHTTPServer.start { _ in nil }
        let error = await #expect(throws: CollectorError.self) {
            try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
                try await transport.send(request("http://127.0.0.1:\(server.port)/slow", timeout: 0.3))
            }
        }
        await server.stop()
        #expect(error?.isTimeout == true)
        #expect(error?.detail == "GET 127.0.0.1: no answer within 0.3 s")
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let port = try await LoopbackHTTPServer.closedPort()
        let error = await #expect(throws: CollectorError.self) {
            try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
                try await transport.send(request("http://127.0.0.1:\(port)/?X-Amz-Signature=deadbeef", timeout: 1))
            }
        }
        #expect(error?.kind == "unreachable")
        #expect(error?.detail == "GET 127.0.0.1: connection refused")
        #expect(error?.isRetryable == true)
        #expect(error?.detail.contains("deadbeef") == false)
    }

    @Test func anOversizedBodyIsRefused() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(status: 200, body: [UInt8](repeating: 65, count: 4096)) }
        var configuration = AsyncHTTPClientTransport.Configuration()
        configuration.maxResponseBytes = 1024
        let error = await #expect(throws: CollectorError.self) {
            try await AsyncHTTPClientTransport.withTransport(configuration: configuration) { transport in
                try await transport.send(request("http://127.0.0.1:\(server.port)/big"))
            }
        }
        await server.stop()
        #expect(error?.kind == "malformed response")
    }

    @Test func certificatesAreVerifiedAndSSLCertFileAddsTrust() async throws {
        let server = try await LoopbackHTTPServer.start(tlsCertificate: TLSFixtures.leafCertificate, tlsKey: TLSFixtures.leafKey) { _ in
            .init(status: 200, body: Array("secure".utf8))
        }
        // Without the test CA the certificate is not trusted, and nothing can turn that off.
        let untrusted = await #expect(throws: CollectorError.self) {
            try await AsyncHTTPClientTransport.withTransport(configuration: .init()) { transport in
                try await transport.send(request("https://localhost:\(server.port)/", timeout: 1))
            }
        }
        #expect(untrusted?.kind == "unreachable")
        #expect(untrusted?.detail == "GET localhost: TLS certificate not trusted (a TLS-inspecting proxy needs its CA in SSL_CERT_FILE)")
        #expect(server.requests.isEmpty)

        let caFile = try makeTemporaryDirectory().appendingPathComponent("ca.pem")
        try Data(TLSFixtures.caCertificate.utf8).write(to: caFile)
        let configuration = try AsyncHTTPClientTransport.Configuration.fromEnvironment(["SSL_CERT_FILE": caFile.path])
        let response = try await AsyncHTTPClientTransport.withTransport(configuration: configuration) { transport in
            try await transport.send(request("https://localhost:\(server.port)/"))
        }
        await server.stop()
        #expect(String(decoding: response.body, as: UTF8.self) == "secure")
    }

    @Test func anUnreadableCABundleIsAClearError() async throws {
        let directory = try makeTemporaryDirectory()
        let garbage = directory.appendingPathComponent("garbage.pem")
        try Data("not a certificate".utf8).write(to: garbage)
        for path in [directory.appendingPathComponent("missing.pem").path, garbage.path] {
            let configuration = try AsyncHTTPClientTransport.Configuration.fromEnvironment(["SSL_CERT_FILE": path])
            let error = await #expect(throws: TransportConfigurationError.self) {
                try await AsyncHTTPClientTransport.withTransport(configuration: configuration) { _ in }
            }
            #expect(error?.variable == "SSL_CERT_FILE")
            #expect(error?.description.contains(path) == true)
        }
    }
}
