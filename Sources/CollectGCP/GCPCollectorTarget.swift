import BurnwatchCore
import Foundation

/// One endpoint as the GCP collector tracks it between rounds: the Core value it reports, plus
/// the raw ids its metrics and billing rows carry (never shown, so never sanitised away).
struct GCPCollectorTarget: Sendable, Hashable {
    enum Source: Sendable, Hashable {
        /// A Vertex AI endpoint: `resource.labels.endpoint_id` in Monitoring, `…/endpoints/{id}` in billing.
        case endpoint(id: String)
        /// A Model Garden publisher model: `resource.labels.model_user_id` in Monitoring.
        case publisherModel(id: String)
    }

    var endpoint: Endpoint
    var source: Source
    /// The location as Monitoring labels it (the endpoint id's region).
    var location: String
    /// Replicas available (Σ `status.availableReplicaCount` of the deployed models) as of `observedAt`.
    var replicas: Int?
    /// What one replica costs per hour, for the unbilled estimate; nil when not priced.
    var replicaHourPrice: Money?
    /// The endpoint's labels, for matching a cost label's value.
    var labels: [String: String] = [:]
    var observedAt: Date

    var id: EndpointID { endpoint.id }

    var isPublisherModel: Bool {
        if case .publisherModel = source { return true }
        return false
    }

    /// The key Monitoring series are matched by: location and endpoint or model id.
    var seriesKey: String {
        switch source {
        case .endpoint(let id): "\(location)/\(id)"
        case .publisherModel(let id): "\(location)/\(id)"
        }
    }
}
