import Foundation

/// A verified SigV4 signature: who signed, and for which region and service.
public struct AWSVerifiedSignature: Sendable, Hashable {
    public var keyPair: AWSKeyPair
    public var region: String
    public var service: String
    public var signedAt: Date
}

/// Checks AWS Signature Version 4 `Authorization` headers, as an AWS front end would.
///
/// It parses the header, rebuilds the canonical request from what arrived (path encoded once
/// more, sorted query, the signed headers only, the body's SHA-256), recomputes the signature
/// with the secret of the access key, and compares in constant time. `X-Amz-Date` must be within
/// `clockSkewTolerance` of `now` (the simulator's clock, not the wall clock).
public struct AWSSignatureVerifier: Sendable {
    public let credentials: AWSCredentialStore
    public let clockSkewTolerance: TimeInterval

    public init(credentials: AWSCredentialStore, clockSkewTolerance: TimeInterval = 300) {
        self.credentials = credentials
        self.clockSkewTolerance = clockSkewTolerance
    }

    public init(keyPairs: [AWSKeyPair], clockSkewTolerance: TimeInterval = 300) {
        self.init(credentials: AWSCredentialStore(keyPairs), clockSkewTolerance: clockSkewTolerance)
    }

    /// The parts of an `Authorization: AWS4-HMAC-SHA256 …` header.
    struct Authorization: Hashable {
        var accessKeyID: String
        var date: String
        var region: String
        var service: String
        var signedHeaders: [String]
        var signature: String

        var scope: String { "\(date)/\(region)/\(service)/aws4_request" }

        static func parse(_ header: String) -> Result<Authorization, AWSSignatureFailure> {
            let prefix = "AWS4-HMAC-SHA256 "
            guard header.hasPrefix(prefix) else {
                return .failure(.malformedAuthorization("Authorization header requires the AWS4-HMAC-SHA256 algorithm."))
            }
            var fields: [String: String] = [:]
            for part in header.dropFirst(prefix.count).split(separator: ",") {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                fields[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
            }
            var missing: [String] = []
            for name in ["Credential", "Signature", "SignedHeaders"] where fields[name] == nil {
                missing.append("Authorization header requires '\(name)' parameter.")
            }
            guard missing.isEmpty, let credential = fields["Credential"], let signature = fields["Signature"],
                let signedHeaders = fields["SignedHeaders"]
            else {
                return .failure(.malformedAuthorization(missing.joined(separator: " ") + " Authorization=\(header.prefix(prefix.count - 1))"))
            }
            let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty else {
                return .failure(.malformedAuthorization(
                    "Credential should be scoped to a valid region, service and date, and end with 'aws4_request'."
                ))
            }
            let names = signedHeaders.split(separator: ";").map { $0.lowercased() }
            return .success(Authorization(
                accessKeyID: scope[0], date: scope[1], region: scope[2], service: scope[3], signedHeaders: names,
                signature: signature.lowercased()
            ))
        }
    }

    /// Verifies `request` at the simulator's time `now`.
    public func verify(_ request: AWSSignedRequest, now: Date) -> Result<AWSVerifiedSignature, AWSSignatureFailure> {
        guard let header = request.header("Authorization") else { return .failure(.missingAuthentication) }
        let authorization: Authorization
        switch Authorization.parse(header) {
        case .success(let parsed): authorization = parsed
        case .failure(let failure): return .failure(failure)
        }
        guard let keyPair = credentials.keyPair(accessKeyID: authorization.accessKeyID) else {
            return .failure(.unknownAccessKey)
        }
        if let token = keyPair.sessionToken, request.header("X-Amz-Security-Token") != token {
            return .failure(.badSessionToken)
        }
        guard let amzDate = request.header("X-Amz-Date"), let signedAt = AWSSignatureVerifier.parseAmzDate(amzDate) else {
            return .failure(.malformedAuthorization(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
            ))
        }
        guard amzDate.hasPrefix(authorization.date) else {
            return .failure(.wrongScope(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                    + "'\(authorization.date)' != '\(amzDate.prefix(8))', from '\(amzDate)'."
            ))
        }
        guard authorization.signedHeaders.contains("host") else {
            return .failure(.malformedAuthorization("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."))
        }
        let nowText = AWSSignatureVerifier.amzDate(now)
        let earliest = now.addingTimeInterval(-clockSkewTolerance)
        let latest = now.addingTimeInterval(clockSkewTolerance)
        let minutes = Int(clockSkewTolerance / 60)
        if signedAt < earliest {
            return .failure(.expired(
                "Signature expired: \(amzDate) is now earlier than \(AWSSignatureVerifier.amzDate(earliest)) "
                    + "(\(nowText) - \(minutes) min.)"
            ))
        }
        if signedAt > latest {
            return .failure(.notYetCurrent(
                "Signature not yet current: \(amzDate) is still later than \(AWSSignatureVerifier.amzDate(latest)) "
                    + "(\(nowText) + \(minutes) min.)"
            ))
        }
        let headers = request.headers.map { ($0.name, $0.value) }
        guard let canonical = AWSSigV4Canonical.request(
            method: request.method, target: request.target, headers: headers,
            signedHeaders: authorization.signedHeaders, payloadHash: AWSSigV4Canonical.hexSHA256(request.body)
        ) else {
            return .failure(.mismatch)
        }
        let toSign = AWSSigV4Canonical.stringToSign(amzDate: amzDate, scope: authorization.scope, canonicalRequest: canonical)
        let key = AWSSigV4Canonical.signingKey(
            secret: keyPair.secretAccessKey, date: authorization.date, region: authorization.region, service: authorization.service
        )
        let expected = AWSSigV4Canonical.signature(stringToSign: toSign, key: key)
        guard AWSSigV4Canonical.constantTimeEqual(expected, authorization.signature) else { return .failure(.mismatch) }
        return .success(AWSVerifiedSignature(
            keyPair: keyPair, region: authorization.region, service: authorization.service, signedAt: signedAt
        ))
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let parts = Calendar.awsWire.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0
        )
    }

    static func parseAmzDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
            let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return Calendar.awsWire.date(from: components)
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC, for wire timestamps.
    static let awsWire: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
