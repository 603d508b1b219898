import Foundation
import Testing

@testable import CloudSim

/// The aws-c-auth SigV4 suite, read at test time from the verbatim copy in the repository
/// (`Tests/CollectAWSTests/Fixtures/specs/aws/sigv4`, from `shared/reference/specs/aws/sigv4`).
private let suiteDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("CollectAWSTests/Fixtures/specs/aws/sigv4")

private let suiteKey = AWSKeyPair(
    accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", account: "111122223333",
    arn: "arn:aws:iam::111122223333:user/example", userID: "AIDAEXAMPLE"
)
private let suiteTime = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

private func suiteCases() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: suiteDirectory.appendingPathComponent("\($0)/context.json").path) }.sorted()
}

/// Parses a suite request file: request line, `Name:value` headers, a blank line, the body.
private func parseRequest(_ text: String) -> AWSSignedRequest {
    var lines = text.components(separatedBy: "\n")
    let requestLine = lines.removeFirst()
    let method = String(requestLine.prefix { $0 != " " })
    let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
    var headers: [AWSSignedRequest.Header] = []
    while let line = lines.first, !line.isEmpty {
        lines.removeFirst()
        let colon = line.firstIndex(of: ":")!
        headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
    }
    if !lines.isEmpty { lines.removeFirst() }
    return AWSSignedRequest(method: method, target: target, headers: headers, body: Array(lines.joined(separator: "\n").utf8))
}

private func suiteRequest(_ name: String) throws -> AWSSignedRequest {
    parseRequest(try String(contentsOf: suiteDirectory.appendingPathComponent("\(name)/header-signed-request.txt"), encoding: .utf8))
}

private func keyPair(for name: String) throws -> AWSKeyPair {
    let context = try String(contentsOf: suiteDirectory.appendingPathComponent("\(name)/context.json"), encoding: .utf8)
    var key = suiteKey
    if let json = AWSJSONValue.parse(Array(context.utf8)), let token = json["credentials"]?["token"]?.stringValue {
        key.sessionToken = token
    }
    return key
}

@Suite struct AWSSignatureVerifierTests {
    @Test func theSuiteIsThere() {
        #expect(suiteCases().count >= 8, "sigv4 suite not found at \(suiteDirectory.path)")
    }

    @Test(arguments: suiteCases())
    func everySuiteRequestVerifies(_ name: String) throws {
        let verifier = AWSSignatureVerifier(keyPairs: [try keyPair(for: name)])
        let result = verifier.verify(try suiteRequest(name), now: suiteTime)
        guard case .success(let verified) = result else {
            Issue.record("\(name): \(result)")
            return
        }
        #expect(verified.region == "us-east-1")
        #expect(verified.service == "service")
        #expect(verified.signedAt == suiteTime)
    }

    @Test(arguments: suiteCases())
    func theCanonicalRequestIsTheSuites(_ name: String) throws {
        let request = try suiteRequest(name)
        let expected = try String(contentsOf: suiteDirectory.appendingPathComponent("\(name)/header-canonical-request.txt"), encoding: .utf8)
        let signedHeaders = expected.components(separatedBy: "\n").dropLast().last!.split(separator: ";").map(String.init)
        let canonical = AWSSigV4Canonical.request(
            method: request.method, target: request.target, headers: request.headers.map { ($0.name, $0.value) },
            signedHeaders: signedHeaders, payloadHash: AWSSigV4Canonical.hexSHA256(request.body)
        )
        #expect(canonical == expected)
    }

    @Test(arguments: suiteCases())
    func aTamperedSuiteRequestFails(_ name: String) throws {
        let verifier = AWSSignatureVerifier(keyPairs: [try keyPair(for: name)])
        let original = try suiteRequest(name)

        var otherDate = original
        otherDate.headers = otherDate.headers.map { $0.name == "X-Amz-Date" ? .init($0.name, "20150830T123601Z") : $0 }
        var otherPath = original
        otherPath.target = original.target.hasPrefix("/?") ? "/x" + original.target.dropFirst() : original.target + "x"
        var otherBody = original
        otherBody.body += Array("&x=1".utf8)
        var otherSignature = original
        otherSignature.headers = otherSignature.headers.map { header in
            guard header.name == "Authorization" else { return header }
            let last = header.value.last == "0" ? "1" : "0"
            return .init(header.name, String(header.value.dropLast()) + last)
        }
        for tampered in [otherDate, otherPath, otherBody, otherSignature] {
            guard case .failure(let failure) = verifier.verify(tampered, now: suiteTime) else {
                Issue.record("\(name): a tampered request verified")
                continue
            }
            #expect(failure.code == "InvalidSignatureException")
        }
    }

    @Test func theWrongSecretFailsAndAnUnknownKeyIsUnrecognised() throws {
        var wrongSecret = suiteKey
        wrongSecret.secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ"
        let request = try suiteRequest("get-vanilla")
        guard case .failure(let mismatch) = AWSSignatureVerifier(keyPairs: [wrongSecret]).verify(request, now: suiteTime) else {
            Issue.record("verified with the wrong secret")
            return
        }
        #expect(mismatch.code == "InvalidSignatureException")
        #expect(mismatch.message.hasPrefix("The request signature we calculated does not match"))

        guard case .failure(let unknown) = AWSSignatureVerifier(keyPairs: [.demo]).verify(request, now: suiteTime) else {
            Issue.record("verified an unknown key")
            return
        }
        #expect(unknown.code == "UnrecognizedClientException")
        #expect(unknown.queryCode == "InvalidClientTokenId")
    }

    @Test func aSessionKeyNeedsItsToken() throws {
        var request = try suiteRequest("get-vanilla-with-session-token")
        request.headers.removeAll { $0.name == "X-Amz-Security-Token" }
        let verifier = AWSSignatureVerifier(keyPairs: [try keyPair(for: "get-vanilla-with-session-token")])
        guard case .failure(let failure) = verifier.verify(request, now: suiteTime) else {
            Issue.record("verified without the session token")
            return
        }
        #expect(failure.code == "UnrecognizedClientException")
    }

    @Test func theClockMustBeWithinFiveMinutes() throws {
        let request = try suiteRequest("get-vanilla")
        let verifier = AWSSignatureVerifier(keyPairs: [suiteKey])
        // Exactly five minutes either way still passes.
        #expect((try? verifier.verify(request, now: suiteTime.addingTimeInterval(300)).get()) != nil)
        #expect((try? verifier.verify(request, now: suiteTime.addingTimeInterval(-300)).get()) != nil)

        guard case .failure(let late) = verifier.verify(request, now: suiteTime.addingTimeInterval(301)) else {
            Issue.record("an expired signature verified")
            return
        }
        #expect(late.code == "InvalidSignatureException")
        #expect(late.message == "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)")
        #expect(late.isClockSkew)

        guard case .failure(let early) = verifier.verify(request, now: suiteTime.addingTimeInterval(-301)) else {
            Issue.record("a future signature verified")
            return
        }
        #expect(early.message == "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)")
    }

    /// The CloudWatch GetMetricData vector of cloud-apis.md §6.2 (botocore and an HMAC script agreed on it).
    @Test func theCloudWatchVectorVerifies() {
        let body = #"{"MetricDataQueries":[{"Id":"p99","MetricStat":{"Metric":{"Namespace":"AWS/SageMaker","MetricName":"ModelLatency","Dimensions":[{"Name":"EndpointName","Value":"my-ep"},{"Name":"VariantName","Value":"AllTraffic"}]},"Period":60,"Stat":"p99"}}],"StartTime":1440936000,"EndTime":1440936960}"#
        #expect(AWSSigV4Canonical.hexSHA256(body.utf8) == "76e84e1b979fbf89d77b7683fc0da32e95aa520764df16f31c1be72330534513")
        let request = AWSSignedRequest(
            method: "POST", target: "/",
            headers: [
                .init("Host", "monitoring.us-east-1.amazonaws.com"),
                .init("Content-Type", "application/x-amz-json-1.0"),
                .init("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData"),
                .init("x-amzn-query-mode", "true"),
                .init("X-Amz-Date", "20150830T123600Z"),
                .init(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/monitoring/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode, "
                        + "Signature=764443cc5c33d58afe910b283377e96f6232961d3a09aa7db26c045b29488318"
                ),
            ],
            body: Array(body.utf8)
        )
        let canonical = AWSSigV4Canonical.request(
            method: "POST", target: "/", headers: request.headers.map { ($0.name, $0.value) },
            signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-target", "x-amzn-query-mode"],
            payloadHash: AWSSigV4Canonical.hexSHA256(request.body)
        )
        #expect(canonical.map { AWSSigV4Canonical.hexSHA256($0.utf8) } == "06b297d468f2983e90b771466e8bf8df76c2c58a35a0d25541b00c2ea072ab6b")
        let result = AWSSignatureVerifier(keyPairs: [suiteKey]).verify(request, now: suiteTime)
        #expect((try? result.get())?.service == "monitoring")
    }

    @Test func pathsAreEncodedOnceMoreThanSent() {
        // A Bedrock path carrying a model ARN arrives encoded once and is signed encoded twice.
        #expect(AWSSigV4Canonical.uri(path: "/model/arn%3Aaws%3Abedrock/x") == "/model/arn%253Aaws%253Abedrock/x")
        #expect(AWSSigV4Canonical.uri(path: "/a/./b/../c//d/") == "/a/c/d/")
        #expect(AWSSigV4Canonical.query("b=2&a=%7E&a=1&c") == "a=1&a=~&b=2&c=")
    }

    @Test func theDemoKeyHasRealShapes() {
        #expect(AWSKeyPair.demo.accessKeyID.count == 20)
        #expect(AWSKeyPair.demo.secretAccessKey.count == 40)
    }
}
