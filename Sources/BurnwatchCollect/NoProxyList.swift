/// The hosts that must not go through a proxy, parsed from `NO_PROXY` / `no_proxy`.
///
/// Entries are separated by commas or spaces and compared without case:
/// - `*` matches every host;
/// - `example.com`, `.example.com` and `*.example.com` match `example.com` and every subdomain;
/// - `host:port` (or `[v6]:port`) matches only that port;
/// - an IP address matches itself, and `10.0.0.0/8`-style IPv4 ranges match their addresses.
public struct NoProxyList: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        enum Pattern: Sendable, Hashable {
            case everything
            case domain(String)
            case ipv4Range(address: UInt32, prefix: Int)
        }
        var pattern: Pattern
        var port: Int?
    }

    let rules: [Rule]

    public init(_ value: String) {
        rules = value
            .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
            .compactMap { Self.rule(from: String($0).lowercased()) }
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// Whether a request to `host` on `port` goes direct.
    public func matches(host: String, port: Int) -> Bool {
        let host = Self.bare(host.lowercased())
        let hostIPv4 = Self.ipv4(host)
        return rules.contains { rule in
            if let rulePort = rule.port, rulePort != port { return false }
            switch rule.pattern {
            case .everything:
                return true
            case .domain(let domain):
                return host == domain || host.hasSuffix("." + domain)
            case .ipv4Range(let address, let prefix):
                guard let hostIPv4 else { return false }
                let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
                return hostIPv4 & mask == address & mask
            }
        }
    }

    private static func rule(from entry: String) -> Rule? {
        guard !entry.isEmpty else { return nil }
        if entry == "*" { return Rule(pattern: .everything, port: nil) }
        var hostPart = entry
        var port: Int?
        if entry.hasPrefix("[") {
            // [v6] or [v6]:port
            guard let close = entry.firstIndex(of: "]") else { return nil }
            hostPart = String(entry[entry.index(after: entry.startIndex)..<close])
            let rest = entry[entry.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let value = Int(rest.dropFirst()) else { return nil }
                port = value
            }
        } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
            // host:port (a bare IPv6 address has several colons and no port)
            guard let value = Int(entry[entry.index(after: colon)...]) else { return nil }
            hostPart = String(entry[..<colon])
            port = value
        }
        if let slash = hostPart.firstIndex(of: "/") {
            guard let address = ipv4(String(hostPart[..<slash])),
                  let prefix = Int(hostPart[hostPart.index(after: slash)...]), (0...32).contains(prefix)
            else { return nil }
            return Rule(pattern: .ipv4Range(address: address, prefix: prefix), port: port)
        }
        if hostPart.hasPrefix("*.") { hostPart.removeFirst(2) }
        while hostPart.hasPrefix(".") { hostPart.removeFirst() }
        guard !hostPart.isEmpty else { return nil }
        return Rule(pattern: .domain(hostPart), port: port)
    }

    static func bare(_ host: String) -> String {
        var host = host
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        if host.hasSuffix(".") { host.removeLast() }
        return host
    }

    static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard part.count <= 3, let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        return value
    }
}
