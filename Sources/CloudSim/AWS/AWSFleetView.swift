import BurnwatchCore
import Foundation

/// The fleet model as AWS would describe it: which endpoints an account has in a region, their
/// ARNs, creation times, configuration names and Bedrock model ids. Every made-up fact (a
/// creation date, a provisioned-model id) is a hash of the endpoint's name, so answers are stable.
struct AWSFleetView: Sendable {
    let model: FleetModel

    /// The endpoints of some services that `account` has in `region` (every region when nil), sorted by name.
    func endpoints(account: String, region: String?, services: Set<Service>) -> [SimulatedEndpoint] {
        model.endpointIDs
            .filter { $0.account == account && services.contains($0.service) && (region == nil || $0.region == region) }
            .compactMap(model.endpoint)
            .sorted { $0.id.name < $1.id.name }
    }

    var awsAccounts: [SimulatedAccount] { model.accounts.filter { $0.id.cloud == .aws } }

    func configuration(of endpoint: SimulatedEndpoint, at now: Date) -> EndpointConfiguration {
        model.engine(endpoint.id)?.configuration(at: SimTime.minute(containing: now)) ?? endpoint.configuration
    }

    /// When the endpoint was created: 20 to 219 days before the model's start, at a made-up second.
    func creationTime(of id: EndpointID) -> Date {
        let hash = AWSPageToken.fnv1a(Array(id.key.utf8))
        let days = 20 + Double(hash % 200)
        let seconds = Double((hash >> 8) % 86_400) + Double((hash >> 32) % 1000) / 1000
        let midnight = (model.start.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: midnight - days * 86_400 + seconds)
    }

    /// The endpoint was last changed a few days after it was created.
    func lastModifiedTime(of id: EndpointID) -> Date {
        let hash = AWSPageToken.fnv1a(Array(id.name.utf8))
        return creationTime(of: id).addingTimeInterval(Double(3 + hash % 9) * 86_400 + 417.25)
    }

    // MARK: SageMaker

    static let variantName = "AllTraffic"

    func sageMakerARN(_ id: EndpointID) -> String {
        "arn:aws:sagemaker:\(id.region):\(id.account):endpoint/\(id.name.lowercased())"
    }

    func endpointConfigName(_ id: EndpointID) -> String { "\(id.name)-config" }

    func endpointConfigARN(_ id: EndpointID) -> String {
        "arn:aws:sagemaker:\(id.region):\(id.account):endpoint-config/\(endpointConfigName(id).lowercased())"
    }

    // MARK: Bedrock

    func foundationModelARN(_ modelID: String, region: String) -> String {
        "arn:aws:bedrock:\(region)::foundation-model/\(modelID)"
    }

    /// A provisioned-throughput endpoint's ARN, with a 12-character id made from its name.
    func provisionedModelARN(_ id: EndpointID) -> String {
        let hash = AWSPageToken.fnv1a(Array(id.key.utf8))
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var value = hash
        var suffix = ""
        for _ in 0..<12 {
            suffix.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return "arn:aws:bedrock:\(id.region):\(id.account):provisioned-model/\(suffix)"
    }

    func isProvisioned(_ endpoint: SimulatedEndpoint) -> Bool {
        endpoint.configuration.provisionedUnits != nil
    }

    /// The `ModelId` dimension CloudWatch publishes a Bedrock endpoint's metrics under: the model
    /// id for on-demand use, the provisioned model's ARN for provisioned throughput (what the
    /// caller passes as `modelId` to InvokeModel).
    func bedrockModelID(_ endpoint: SimulatedEndpoint) -> String {
        isProvisioned(endpoint) ? provisionedModelARN(endpoint.id) : (endpoint.configuration.model ?? endpoint.id.name)
    }
}
