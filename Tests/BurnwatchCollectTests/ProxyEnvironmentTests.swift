import Foundation
import Testing
@testable import BurnwatchCollect

@Suite struct NoProxyListTests {
    @Test(arguments: [
        ("", "example.com", 443, false),
        ("*", "anything.example", 443, true),
        ("example.com", "example.com", 443, true),
        ("example.com", "api.example.com", 443, true),
        ("example.com", "badexample.com", 443, false),
        ("example.com", "example.org", 443, false),
        (".example.com", "api.example.com", 443, true),
        (".example.com", "example.com", 443, true),
        ("*.example.com", "deep.api.example.com", 443, true),
        ("EXAMPLE.com", "Api.Example.COM", 443, true),
        ("example.com:8443", "example.com", 8443, true),
        ("example.com:8443", "example.com", 443, false),
        ("10.0.0.0/8", "10.1.2.3", 443, true),
        ("10.0.0.0/8", "11.0.0.1", 443, false),
        ("10.0.0.0/8", "ten.example.com", 443, false),
        ("192.168.1.5", "192.168.1.5", 80, true),
        ("192.168.1.5", "192.168.1.50", 80, false),
        ("::1", "::1", 443, true),
        ("[fd00::1]:8080", "[fd00::1]", 8080, true),
        ("[fd00::1]:8080", "fd00::1", 9090, false),
        (" a.com , b.com  c.com", "x.b.com", 443, true),
        (" a.com , b.com  c.com", "c.com", 443, true),
        ("a.com,,", "d.com", 443, false),
    ])
    func matching(list: String, host: String, port: Int, expected: Bool) {
        #expect(NoProxyList(list).matches(host: host, port: port) == expected)
    }
}

@Suite struct ProxyEnvironmentTests {
    let secure = URL(string: "https://monitoring.us-east-1.amazonaws.com/")!
    let plain = URL(string: "http://metadata.internal/v1")!

    @Test func eachSchemeUsesItsOwnVariableAndLowerCaseWins() throws {
        let proxies = try ProxyEnvironment(environment: [
            "HTTPS_PROXY": "http://upper.corp:3128",
            "https_proxy": "http://lower.corp:3128",
            "HTTP_PROXY": "http://plain.corp:8080",
        ])
        #expect(proxies.proxy(for: secure)?.host == "lower.corp")
        #expect(proxies.proxy(for: plain)?.host == "plain.corp")
        #expect(proxies.proxy(for: plain)?.port == 8080)
    }

    @Test func anHTTPSProxyAloneLeavesPlainHTTPDirect() throws {
        let proxies = try ProxyEnvironment(environment: ["HTTPS_PROXY": "proxy.corp:3128", "http_proxy": ""])
        #expect(proxies.proxy(for: secure) == ProxyEnvironment.Proxy(kind: .http, host: "proxy.corp", port: 3128))
        #expect(proxies.proxy(for: plain) == nil)
    }

    @Test func noProxyAndLoopbackGoDirect() throws {
        let proxies = try ProxyEnvironment(environment: [
            "HTTPS_PROXY": "http://proxy.corp:3128",
            "HTTP_PROXY": "http://proxy.corp:3128",
            "NO_PROXY": ".amazonaws.com",
        ])
        #expect(proxies.proxy(for: secure) == nil)
        #expect(proxies.proxy(for: URL(string: "https://management.azure.com/")!) != nil)
        for loopback in ["http://localhost:9000/", "http://127.0.0.1:9000/", "http://127.8.9.10/", "http://[::1]:9000/", "https://sim.localhost/"] {
            #expect(proxies.proxy(for: URL(string: loopback)!) == nil, "\(loopback)")
        }
    }

    @Test func credentialsAreDecodedAndNeverPrinted() throws {
        let proxies = try ProxyEnvironment(environment: ["https_proxy": "http://us%40er:p%3Asecret@proxy.corp:8080"])
        let proxy = try #require(proxies.httpsProxy)
        #expect(proxy.username == "us@er")
        #expect(proxy.password == "p:secret")
        #expect(proxy.description == "http://proxy.corp:8080")
        #expect(!String(reflecting: proxy).contains("secret"))
        var dumped = ""
        dump(proxy, to: &dumped)
        #expect(!dumped.contains("secret"))
    }

    @Test func socksProxiesGetTheirDefaultPort() throws {
        let proxies = try ProxyEnvironment(environment: ["HTTPS_PROXY": "socks5://gateway.corp"])
        #expect(proxies.httpsProxy == ProxyEnvironment.Proxy(kind: .socks5, host: "gateway.corp", port: 1080))
    }

    @Test(arguments: [
        ("HTTPS_PROXY", "https://user:secret@proxy.corp:443", "TLS to the proxy"),
        ("HTTPS_PROXY", "ftp://proxy.corp", "unsupported proxy scheme ftp"),
        ("http_proxy", "http://", "not a proxy URL"),
        ("HTTPS_PROXY", "http://proxy.corp:70000", "port out of range"),
    ])
    func unusableProxiesAreClearErrors(variable: String, value: String, message: String) {
        do {
            _ = try ProxyEnvironment(environment: [variable: value])
            Issue.record("expected an error for \(value)")
        } catch let error as TransportConfigurationError {
            #expect(error.variable == variable)
            #expect(error.description.contains(message), "\(error)")
            #expect(!error.description.contains("secret"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
