import BurnwatchCollect
import Foundation
import Testing
@testable import CollectAWS

/// Every case of the published SigV4 suite (copied from `shared/reference/specs/aws/sigv4`), step by step,
/// plus the CloudWatch vector of cloud-apis.md §6.2.
@Suite struct SigV4SignerTests {
    static let suiteDirectory = SpecFixtures.sigV4Suite

    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && !["LICENSE", "NOTICE"].contains($0) }.sorted()
    }

    /// One suite case: its context and request, parsed.
    struct SuiteCase {
        var signer: SigV4Signer
        var date: Date
        var message: SigV4Signer.Message
        var directory: URL

        init(_ name: String) throws {
            directory = SigV4SignerTests.suiteDirectory.appendingPathComponent(name)
            let context = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("context.json"))) as! [String: Any]
            let keys = context["credentials"] as! [String: Any]
            let credentials = AWSCredentials(
                accessKeyID: keys["access_key_id"] as! String, secretAccessKey: keys["secret_access_key"] as! String,
                sessionToken: keys["token"] as? String, source: "suite"
            )
            signer = SigV4Signer(
                credentials: credentials, region: context["region"] as! String, service: context["service"] as! String,
                normalizePath: context["normalize"] as? Bool ?? true, signPayloadHeader: context["sign_body"] as? Bool ?? false
            )
            date = ISO8601DateFormatter().date(from: context["timestamp"] as! String)!
            message = try SuiteCase.parseRequest(String(contentsOf: directory.appendingPathComponent("request.txt"), encoding: .utf8))
        }

        func file(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }

        /// `METHOD target HTTP/1.1`, header lines, a blank line, the body.
        static func parseRequest(_ text: String) throws -> SigV4Signer.Message {
            let (head, body): (Substring, Substring) = {
                if let range = text.range(of: "\n\n") { return (text[..<range.lowerBound], text[range.upperBound...]) }
                return (Substring(text), "")
            }()
            var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let requestLine = lines.removeFirst()
            let method = String(requestLine.prefix { $0 != " " })
            var target = String(requestLine.dropFirst(method.count + 1))
            if let suffix = target.range(of: " HTTP/", options: .backwards) { target = String(target[..<suffix.lowerBound]) }
            let path: String
            let query: String
            if let mark = target.firstIndex(of: "?") {
                path = String(target[..<mark])
                query = String(target[target.index(after: mark)...])
            } else {
                path = target
                query = ""
            }
            var headers: [HTTPHeader] = []
            for line in lines where !line.isEmpty {
                if line.first == " " || line.first == "\t", let last = headers.popLast() {
                    headers.append(HTTPHeader(last.name, last.value + "," + line.trimmingCharacters(in: .whitespaces)))
                    continue
                }
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
            return SigV4Signer.Message(method: method, path: path, query: query, headers: headers, body: Array(body.utf8))
        }
    }

    @Test func theSuiteIsThere() {
        #expect(Self.caseNames.count == 8, "expected the SigV4 suite at \(Self.suiteDirectory.path)")
    }

    @Test(arguments: SigV4SignerTests.caseNames)
    func headerSigningMatchesTheSuite(_ name: String) throws {
        let suiteCase = try SuiteCase(name)
        let signature = suiteCase.signer.sign(suiteCase.message, at: suiteCase.date)
        #expect(signature.canonicalRequest == (try suiteCase.file("header-canonical-request.txt")), "\(name): canonical request")
        #expect(signature.stringToSign == (try suiteCase.file("header-string-to-sign.txt")), "\(name): string to sign")
        #expect(signature.signature == (try suiteCase.file("header-signature.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        let signed = try suiteCase.file("header-signed-request.txt")
        let authorization = signature.headers.first { $0.name == "Authorization" }!.value
        #expect(signed.contains("Authorization:\(authorization)\n"), "\(name): Authorization header as in the signed request")
    }

    @Test(arguments: SigV4SignerTests.caseNames)
    func querySigningMatchesTheSuite(_ name: String) throws {
        let suiteCase = try SuiteCase(name)
        let context = try JSONSerialization.jsonObject(with: Data(contentsOf: suiteCase.directory.appendingPathComponent("context.json"))) as! [String: Any]
        let expires = context["expiration_in_seconds"] as? Int ?? 3600
        var signer = suiteCase.signer
        // Presigned requests carry the payload hash only in the canonical request, never as a header.
        signer.signPayloadHeader = false
        let presigned = signer.presign(suiteCase.message, at: suiteCase.date, expires: expires)
        #expect(presigned.canonicalRequest == (try suiteCase.file("query-canonical-request.txt")), "\(name): canonical request")
        #expect(presigned.stringToSign == (try suiteCase.file("query-string-to-sign.txt")), "\(name): string to sign")
        let expected = (try suiteCase.file("query-signature.txt")).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(presigned.query.hasSuffix("X-Amz-Signature=\(expected)"))
    }

    @Test func signingKeyOfGetVanillaIsThePublishedOne() throws {
        let suiteCase = try SuiteCase("get-vanilla")
        let key = suiteCase.signer.signingKey(day: "20150830").withUnsafeBytes { SigV4Encoding.hexString($0) }
        #expect(key == "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75")
    }

    /// cloud-apis.md §6.2: a CloudWatch GetMetricData request in JSON 1.0, computed there by botocore and by a separate script.
    @Test func cloudWatchVectorFromTheFactsSheet() {
        let body = #"{"MetricDataQueries":[{"Id":"p99","MetricStat":{"Metric":{"Namespace":"AWS/SageMaker","MetricName":"ModelLatency","Dimensions":[{"Name":"EndpointName","Value":"my-ep"},{"Name":"VariantName","Value":"AllTraffic"}]},"Period":60,"Stat":"p99"}}],"StartTime":1440936000,"EndTime":1440936960}"#
        let message = SigV4Signer.Message(
            method: "POST", path: "/",
            headers: [
                HTTPHeader("Host", "monitoring.us-east-1.amazonaws.com"),
                HTTPHeader("Content-Type", "application/x-amz-json-1.0"),
                HTTPHeader("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData"),
                HTTPHeader("x-amzn-query-mode", "true"),
            ],
            body: Array(body.utf8)
        )
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", source: "test"),
            region: "us-east-1", service: "monitoring"
        )
        let signature = signer.sign(message, at: Date(timeIntervalSince1970: 1_440_938_160))
        #expect(SigV4Signer.sha256Hex(Array(body.utf8)) == "76e84e1b979fbf89d77b7683fc0da32e95aa520764df16f31c1be72330534513")
        #expect(SigV4Signer.sha256Hex(Array(signature.canonicalRequest.utf8)) == "06b297d468f2983e90b771466e8bf8df76c2c58a35a0d25541b00c2ea072ab6b")
        #expect(signature.signedHeaders == "content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode")
        #expect(signature.signature == "764443cc5c33d58afe910b283377e96f6232961d3a09aa7db26c045b29488318")
    }

    @Test func anHTTPRequestIsSignedWithItsHostAndEncodedPath() {
        var request = HTTPRequest(
            method: "GET", url: URL(string: "https://bedrock.us-west-2.amazonaws.com/provisioned-model-throughputs?maxResults=100&nextToken=a%2Fb")!,
            collector: "aws/test"
        )
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token-1", source: "test"),
            region: "us-west-2", service: "bedrock"
        )
        signer.sign(&request, at: Date(timeIntervalSince1970: 1_440_938_160))
        let names = request.headers.map { $0.name }
        #expect(names == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        let message = SigV4Signer.Message(request)
        #expect(message.headers.contains(HTTPHeader("Host", "bedrock.us-west-2.amazonaws.com")))
        let signature = signer.sign(message, at: Date(timeIntervalSince1970: 1_440_938_160))
        #expect(signature.canonicalRequest.hasPrefix("GET\n/provisioned-model-throughputs\nmaxResults=100&nextToken=a%2Fb\n"))
        #expect(signature.signedHeaders == "host;x-amz-date;x-amz-security-token")
        // Signing twice replaces the old signature instead of adding a second one.
        signer.sign(&request, at: Date(timeIntervalSince1970: 1_440_938_220))
        #expect(request.headers.filter { $0.name == "Authorization" }.count == 1)
    }

    @Test func aNonDefaultPortIsPartOfTheSignedHost() {
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:4566/")!, collector: "aws/test")
        #expect(SigV4Signer.Message(request).headers.contains(HTTPHeader("Host", "127.0.0.1:4566")))
        let standard = HTTPRequest(method: "POST", url: URL(string: "https://example.com:443/")!, collector: "aws/test")
        #expect(SigV4Signer.Message(standard).headers.contains(HTTPHeader("Host", "example.com")))
    }

    @Test func pathsAreNormalisedAndEncodedTwice() {
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "B", source: "t"), region: "r", service: "s")
        #expect(signer.canonicalURI("/a/./b/../c//d/") == "/a/c/d/")
        // A model ARN travels encoded once; the canonical form encodes the `%` again.
        #expect(signer.canonicalURI("/provisioned-model-throughput/arn%3Aaws%3Abedrock") == "/provisioned-model-throughput/arn%253Aaws%253Abedrock")
    }

    @Test func credentialsNeverPrintTheirSecret() {
        let credentials = AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN", source: "environment"
        )
        for text in [credentials.description, credentials.debugDescription, String(describing: credentials), "\(credentials)"] {
            #expect(!text.contains("wJalr"))
            #expect(!text.contains("FwoGZX"))
            #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
        }
    }
}
