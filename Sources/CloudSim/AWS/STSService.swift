import Foundation

/// STS GetCallerIdentity and AssumeRole (awsQuery, API 2011-06-15): XML answers. AssumeRole
/// mints temporary keys that the server then accepts, with their session token.
struct STSService: Sendable {
    let credentials: AWSCredentialStore
    static let namespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    func getCallerIdentity(_ call: AWSCall, requestID: String) -> String {
        let key = call.signature.keyPair
        return """
            <GetCallerIdentityResponse xmlns="\(STSService.namespace)">
              <GetCallerIdentityResult>
                <Arn>\(AWSXML.escape(key.arn))</Arn>
                <UserId>\(AWSXML.escape(key.userID))</UserId>
                <Account>\(AWSXML.escape(key.account))</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>

            """
    }

    func assumeRole(_ call: AWSCall, requestID: String) throws(AWSServiceError) -> String {
        guard let roleARN = call.parameter("RoleArn") else { throw missing("RoleArn") }
        guard let session = call.parameter("RoleSessionName") else { throw missing("RoleSessionName") }
        let parts = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[4].count == 12, parts[5].hasPrefix("role/") else {
            throw AWSServiceError(status: 400, code: "ValidationError", message: "\(roleARN) is invalid", queryCode: "ValidationError")
        }
        guard (2...64).contains(session.count),
            session.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "=,.@-_".contains($0)) })
        else {
            throw AWSServiceError(
                status: 400, code: "ValidationError",
                message: "1 validation error detected: Value '\(session)' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                queryCode: "ValidationError"
            )
        }
        var duration = 3600
        if let text = call.parameter("DurationSeconds") {
            guard let value = Int(text), (900...43_200).contains(value) else {
                throw AWSServiceError(status: 400, code: "ValidationError", message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", queryCode: "ValidationError")
            }
            duration = value
        }
        let account = String(parts[4])
        let role = String(parts[5].dropFirst("role/".count).split(separator: "/").last ?? "")
        let hash = AWSPageToken.fnv1a(Array("\(roleARN)|\(session)|\(call.now.timeIntervalSince1970)".utf8))
        let roleID = "AROA" + STSService.base32(AWSPageToken.fnv1a(Array(roleARN.utf8)), count: 17)
        let keyPair = AWSKeyPair(
            accessKeyID: "ASIA" + STSService.base32(hash, count: 16),
            secretAccessKey: STSService.base32(hash ^ 0x5bd1_e995, count: 20) + STSService.base32(hash &* 31, count: 20),
            sessionToken: "FwoGZXIvYXdzE" + STSService.base32(hash ^ 0xdead_beef, count: 40),
            account: account,
            arn: "arn:aws:sts::\(account):assumed-role/\(role)/\(session)",
            userID: "\(roleID):\(session)"
        )
        credentials.add(keyPair)
        let expiration = AWSWireTime.iso8601(call.now.addingTimeInterval(Double(duration)))
        return """
            <AssumeRoleResponse xmlns="\(STSService.namespace)">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <AssumedRoleId>\(AWSXML.escape(keyPair.userID))</AssumedRoleId>
                  <Arn>\(AWSXML.escape(keyPair.arn))</Arn>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>\(keyPair.accessKeyID)</AccessKeyId>
                  <SecretAccessKey>\(keyPair.secretAccessKey)</SecretAccessKey>
                  <SessionToken>\(keyPair.sessionToken ?? "")</SessionToken>
                  <Expiration>\(expiration)</Expiration>
                </Credentials>
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>

            """
    }

    private func missing(_ name: String) -> AWSServiceError {
        AWSServiceError(status: 400, code: "MissingParameter", message: "The request must contain the parameter \(name)", queryCode: "MissingParameter")
    }

    /// Upper-case letters and digits 2–7 from a hash, stretched by re-hashing.
    static func base32(_ seed: UInt64, count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var value = seed
        var output = ""
        while output.count < count {
            if value == 0 { value = AWSPageToken.fnv1a(Array(output.utf8)) | 1 }
            output.append(alphabet[Int(value & 31)])
            value >>= 5
        }
        return output
    }
}
