import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Who the credentials belong to, from `sts:GetCallerIdentity` (query protocol, XML answer).
/// Every identity may call it; no IAM permission is needed.
public struct AWSCallerIdentity: Sendable, Hashable {
    public var account: String
    public var arn: String
    public var userID: String?

    public init(account: String, arn: String, userID: String? = nil) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}

extension AWSClient {
    public func getCallerIdentity(region: String, transport: any Transport) async throws -> AWSCallerIdentity {
        let answer = try await query(.sts, region: region, action: "GetCallerIdentity", parameters: [], transport: transport)
        guard let account = AWSXML.firstValue("Account", in: answer), let arn = AWSXML.firstValue("Arn", in: answer) else {
            throw CollectorError.malformedResponse("GetCallerIdentity: no Account or Arn in the answer")
        }
        let cleanAccount = Sanitizer.clean(account).trimmingCharacters(in: .whitespaces)
        guard cleanAccount.count == 12, cleanAccount.allSatisfy(\.isASCII), cleanAccount.allSatisfy(\.isNumber) else {
            throw CollectorError.malformedResponse("GetCallerIdentity: the account id is not 12 digits")
        }
        return AWSCallerIdentity(
            account: cleanAccount, arn: Sanitizer.clean(arn).trimmingCharacters(in: .whitespaces),
            userID: AWSXML.firstValue("UserId", in: answer).map(Sanitizer.clean)
        )
    }
}
