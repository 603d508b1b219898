import BurnwatchCollect
import Crypto
import Foundation

/// AWS Signature Version 4 for one service in one region.
///
/// It signs requests as they go on the wire: `path` is the request-line path exactly as sent
/// (already percent-encoded once; every service we call except S3 encodes it a second time), and
/// `query` is the raw query string. Each step is public so tests can compare it with the published
/// suite (`shared/reference/specs/aws/sigv4`), step by step.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    /// Path normalisation (drop `.`/`..`/empty segments); every service but S3 wants it.
    public var normalizePath: Bool
    /// Add `x-amz-content-sha256` and sign it (S3 style); off for the JSON and query APIs.
    public var signPayloadHeader: Bool

    public init(credentials: AWSCredentials, region: String, service: String, normalizePath: Bool = true, signPayloadHeader: Bool = false) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.normalizePath = normalizePath
        self.signPayloadHeader = signPayloadHeader
    }

    /// A request in the form the algorithm reads it.
    public struct Message: Sendable {
        public var method: String
        public var path: String
        public var query: String
        public var headers: [HTTPHeader]
        public var body: [UInt8]

        public init(method: String, path: String, query: String = "", headers: [HTTPHeader], body: [UInt8] = []) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The parts of an `HTTPRequest`: the URL's encoded path and query, and a `host` header
        /// taken from the URL when the request has none.
        public init(_ request: HTTPRequest) {
            let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
            method = request.method
            path = components?.percentEncodedPath ?? "/"
            query = components?.percentEncodedQuery ?? ""
            var headers = request.headers
            if !headers.contains(where: { $0.name.lowercased() == "host" }), let host = components?.host {
                let defaultPort = components?.scheme == "http" ? 80 : 443
                let port = components?.port.flatMap { $0 == defaultPort ? nil : $0 }
                headers.append(HTTPHeader("Host", port.map { "\(host):\($0)" } ?? host))
            }
            self.headers = headers
            body = request.body
        }
    }

    /// The intermediate values of one signature.
    public struct Signature: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var signedHeaders: String
        /// Headers to add to the request: `X-Amz-Date`, the session token, `Authorization`.
        public var headers: [HTTPHeader]
    }

    // MARK: Dates

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let parts = utcParts(date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
    }

    private static func utcParts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    // MARK: Signing

    /// Signs with the `Authorization` header.
    public func sign(_ message: Message, at date: Date) -> Signature {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        var headers = message.headers.filter { $0.name.lowercased() != "authorization" }
        headers.append(HTTPHeader("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken {
            headers.append(HTTPHeader("X-Amz-Security-Token", token))
        }
        let payloadHash = Self.sha256Hex(message.body)
        if signPayloadHeader {
            headers.append(HTTPHeader("X-Amz-Content-Sha256", payloadHash))
        }
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(headers)
        let canonicalRequest = [
            message.method.uppercased(),
            canonicalURI(message.path),
            Self.canonicalQuery(message.query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = signatureHex(day: day, stringToSign: stringToSign)
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        var added = [HTTPHeader("X-Amz-Date", amzDate)]
        if let token = credentials.sessionToken { added.append(HTTPHeader("X-Amz-Security-Token", token)) }
        if signPayloadHeader { added.append(HTTPHeader("X-Amz-Content-Sha256", payloadHash)) }
        added.append(HTTPHeader("Authorization", authorization))
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, headers: added
        )
    }

    /// Signs an `HTTPRequest` in place: adds the date, token and `Authorization` headers.
    public func sign(_ request: inout HTTPRequest, at date: Date) {
        let drop: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"]
        request.headers.removeAll { drop.contains($0.name.lowercased()) }
        let signature = sign(Message(request), at: date)
        request.headers.append(contentsOf: signature.headers)
    }

    /// Signs in the query string (a presigned URL): returns the canonical request, string to sign
    /// and the query to send, `X-Amz-Signature` last.
    public func presign(_ message: Message, at date: Date, expires: Int) -> (canonicalRequest: String, stringToSign: String, query: String) {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(message.headers)
        var parameters = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-SignedHeaders", signedHeaders),
            ("X-Amz-Expires", String(expires)),
        ]
        if let token = credentials.sessionToken { parameters.append(("X-Amz-Security-Token", token)) }
        let added = parameters.map { "\(SigV4Encoding.encode($0.0))=\(SigV4Encoding.encode($0.1))" }.joined(separator: "&")
        let fullQuery = message.query.isEmpty ? added : message.query + "&" + added
        let canonicalRequest = [
            message.method.uppercased(), canonicalURI(message.path), Self.canonicalQuery(fullQuery),
            canonicalHeaders, signedHeaders, Self.sha256Hex(message.body),
        ].joined(separator: "\n")
        let stringToSign = stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = signatureHex(day: day, stringToSign: stringToSign)
        return (canonicalRequest, stringToSign, fullQuery + "&X-Amz-Signature=" + signature)
    }

    // MARK: Steps

    /// The request path, normalised and percent-encoded again segment by segment.
    public func canonicalURI(_ path: String) -> String {
        let base = path.isEmpty ? "/" : path
        let normalized = normalizePath ? SigV4Encoding.normalizedPath(base) : base
        return SigV4Encoding.encode(normalized, keepingSlash: true)
    }

    /// Name/value pairs decoded, re-encoded strictly and sorted by name, then value.
    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = SigV4Encoding.encode(SigV4Encoding.decode(String(parts[0])))
            let value = parts.count > 1 ? SigV4Encoding.encode(SigV4Encoding.decode(String(parts[1]))) : ""
            pairs.append((name, value))
        }
        pairs.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Lower-case names, trimmed values with inner runs of spaces collapsed, repeated names joined
    /// with commas, sorted by name; and the `;`-joined list of names.
    public static func canonicalHeaders(_ headers: [HTTPHeader]) -> (block: String, signed: String) {
        var merged: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased().trimmingCharacters(in: .whitespaces)
            merged[name, default: []].append(collapseSpaces(header.value))
        }
        let names = merged.keys.sorted()
        let block = names.map { "\($0):\(merged[$0]!.joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    private static func collapseSpaces(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.sha256Hex(Array(canonicalRequest.utf8)))"
    }

    /// `kSigning` for one day: HMAC chain over date, region, service and `aws4_request`.
    public func signingKey(day: String) -> SymmetricKey {
        let secret = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        let kDate = Self.hmac(secret, day)
        let kRegion = Self.hmac(kDate, region)
        let kService = Self.hmac(kRegion, service)
        return Self.hmac(kService, "aws4_request")
    }

    func signatureHex(day: String, stringToSign: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day: day))
        return SigV4Encoding.hexString(mac)
    }

    private static func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
        SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)))
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SigV4Encoding.hexString(SHA256.hash(data: bytes))
    }
}
