import Foundation

/// Which proxy a request uses, from the usual environment variables, decided per request.
///
/// - `https://` URLs use `https_proxy`, else `HTTPS_PROXY`; `http://` URLs use `http_proxy`,
///   else `HTTP_PROXY` (the lower-case name wins, as in curl; empty means unset).
/// - `no_proxy`, else `NO_PROXY`, lists hosts that go direct (see `NoProxyList`).
/// - Loopback (`localhost`, `*.localhost`, `127.0.0.0/8`, `::1`) always goes direct, so
///   `burnwatch demo`'s simulator is never sent to a corporate proxy.
/// - Proxy URLs: `http://[user:password@]host[:port]` (port 80 by default; a bare `host:port`
///   means http) or `socks5://host[:port]` (port 1080). TLS to the proxy itself (`https://`)
///   is not supported by the HTTP client and is rejected with a clear error.
public struct ProxyEnvironment: Sendable, Hashable {
    public struct Proxy: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public enum Kind: Sendable, Hashable { case http, socks5 }
        public var kind: Kind
        public var host: String
        public var port: Int
        public var username: String?
        public var password: String?

        /// `host:port`, never the credentials.
        public var description: String { "\(kind == .http ? "http" : "socks5")://\(host):\(port)" }
        public var debugDescription: String { description }
        /// Keeps the password out of `dump` and debugger output.
        public var customMirror: Mirror {
            Mirror(self, children: ["kind": kind, "host": host, "port": port, "hasCredentials": username != nil])
        }
    }

    public var httpsProxy: Proxy?
    public var httpProxy: Proxy?
    public var noProxy: NoProxyList

    public init(httpsProxy: Proxy? = nil, httpProxy: Proxy? = nil, noProxy: NoProxyList = NoProxyList("")) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// Reads the variables; throws `TransportConfigurationError` naming the variable when a proxy URL is unusable.
    public init(environment: [String: String]) throws {
        func value(_ names: String...) -> (name: String, value: String)? {
            for name in names {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return (name, value)
                }
            }
            return nil
        }
        self.httpsProxy = try value("https_proxy", "HTTPS_PROXY").map { try Self.parseProxy($0.value, variable: $0.name) }
        self.httpProxy = try value("http_proxy", "HTTP_PROXY").map { try Self.parseProxy($0.value, variable: $0.name) }
        self.noProxy = NoProxyList(value("no_proxy", "NO_PROXY")?.value ?? "")
    }

    /// The proxy for `url`, or nil to connect directly.
    public func proxy(for url: URL) -> Proxy? {
        guard let scheme = url.scheme?.lowercased(), let rawHost = url.host, !rawHost.isEmpty else { return nil }
        let host = NoProxyList.bare(rawHost.lowercased())
        guard !Self.isLoopback(host) else { return nil }
        let proxy: Proxy?
        let defaultPort: Int
        switch scheme {
        case "https":
            proxy = httpsProxy
            defaultPort = 443
        case "http":
            proxy = httpProxy
            defaultPort = 80
        default:
            return nil
        }
        guard let proxy else { return nil }
        if noProxy.matches(host: host, port: url.port ?? defaultPort) { return nil }
        return proxy
    }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        if let address = NoProxyList.ipv4(host) { return address >> 24 == 127 }
        return false
    }

    static func parseProxy(_ text: String, variable: String) throws -> Proxy {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme),
              let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw TransportConfigurationError(variable: variable, "not a proxy URL (expected http://host:port)")
        }
        let kind: Proxy.Kind
        let defaultPort: Int
        switch scheme {
        case "http":
            kind = .http
            defaultPort = 80
        case "socks5", "socks5h":
            kind = .socks5
            defaultPort = 1080
        case "https":
            throw TransportConfigurationError(variable: variable, "TLS to the proxy (https://) is not supported; use http://")
        default:
            throw TransportConfigurationError(variable: variable, "unsupported proxy scheme \(scheme)")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw TransportConfigurationError(variable: variable, "port out of range")
        }
        let username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if kind == .socks5, username != nil {
            throw TransportConfigurationError(variable: variable, "SOCKS proxies with a user name are not supported")
        }
        return Proxy(
            kind: kind,
            host: NoProxyList.bare(host),
            port: components.port ?? defaultPort,
            username: username,
            password: password
        )
    }
}
