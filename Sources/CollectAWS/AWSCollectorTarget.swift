import BurnwatchCore
import Foundation

/// One endpoint as the AWS collector tracks it between rounds: the Core value it reports, plus
/// the raw names its metrics are published under (never shown, so never sanitised away).
struct AWSCollectorTarget: Sendable, Hashable {
    enum Source: Sendable, Hashable {
        /// `AWS/SageMaker` metrics, by `EndpointName` and each `VariantName`.
        case sageMaker(endpointName: String, variants: [String])
        /// `AWS/Bedrock` metrics by `ModelId` (a model id, or a provisioned model's ARN).
        case bedrock(modelDimension: String)
    }

    var endpoint: Endpoint
    var source: Source
    /// Instances serving (SageMaker real-time, from `CurrentInstanceCount`) or model units
    /// (Bedrock provisioned throughput), as of `observedAt`.
    var replicas: Int?
    var observedAt: Date

    var id: EndpointID { endpoint.id }
    var region: String { endpoint.id.region }
    /// The inventory call this target came from, so a failed call can keep its last targets.
    var part: AWSCollector.InventoryPart
}
