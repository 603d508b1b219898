import BurnwatchCore
import Foundation

/// The fleet model as Google Cloud would describe it: project numbers, numeric endpoint and
/// deployed-model ids, accelerator enums, publisher names. Every made-up fact is a hash of a
/// name, so answers are stable across runs and servers.
struct GCPFleetView: Sendable {
    let model: FleetModel

    var projects: [SimulatedAccount] { model.accounts.filter { $0.id.cloud == .gcp } }

    /// The project a path names, by id or by number.
    func project(_ idOrNumber: String) -> SimulatedAccount? {
        projects.first { $0.id.account == idOrNumber || projectNumber($0.id.account) == idOrNumber }
    }

    /// A 12-digit project number made from the project id.
    func projectNumber(_ projectID: String) -> String {
        String(100_000_000_000 + hash("project|\(projectID)") % 900_000_000_000)
    }

    /// The project's Vertex endpoints (dedicated and scale-to-zero), every location when nil, by name.
    func vertexEndpoints(project: String, location: String?) -> [SimulatedEndpoint] {
        endpoints(project: project, location: location, service: .vertexEndpoint)
    }

    /// The project's Model Garden publisher models in use.
    func publisherModels(project: String, location: String?) -> [SimulatedEndpoint] {
        endpoints(project: project, location: location, service: .vertexPublisherModel)
    }

    private func endpoints(project: String, location: String?, service: Service) -> [SimulatedEndpoint] {
        model.endpointIDs
            .filter { $0.account == project && $0.service == service && (location == nil || $0.region == location) }
            .compactMap(model.endpoint)
            .sorted { $0.id.name < $1.id.name }
    }

    func configuration(of endpoint: SimulatedEndpoint, at now: Date) -> EndpointConfiguration {
        model.engine(endpoint.id)?.configuration(at: SimTime.minute(containing: now)) ?? endpoint.configuration
    }

    // MARK: Ids and names

    /// A 19-digit endpoint id, as Vertex assigns them.
    func endpointID(_ id: EndpointID) -> String {
        String(1_000_000_000_000_000_000 + hash("endpoint|\(id.key)|\(id.region)") % 8_000_000_000_000_000_000)
    }

    /// The id of the one model deployed on the endpoint (19 digits too).
    func deployedModelID(_ id: EndpointID) -> String {
        String(1_000_000_000_000_000_000 + hash("deployed|\(id.key)|\(id.region)") % 8_000_000_000_000_000_000)
    }

    func modelID(_ id: EndpointID) -> String {
        String(1_000_000_000_000_000_000 + hash("model|\(id.key)|\(id.region)") % 8_000_000_000_000_000_000)
    }

    /// `projects/{number}/locations/{location}/endpoints/{id}`: Vertex names resources by project number.
    func endpointName(_ id: EndpointID) -> String {
        "projects/\(projectNumber(id.account))/locations/\(id.region)/endpoints/\(endpointID(id))"
    }

    func modelName(_ id: EndpointID) -> String {
        "projects/\(projectNumber(id.account))/locations/\(id.region)/models/\(modelID(id))"
    }

    /// A publisher model's resource name, as billing names its usage.
    func publisherModelName(_ endpoint: SimulatedEndpoint) -> String {
        let model = endpoint.configuration.model ?? endpoint.id.name
        return "projects/\(projectNumber(endpoint.id.account))/locations/\(endpoint.id.region)/publishers/\(GCPFleetView.publisher(of: model))/models/\(model)"
    }

    /// The Model Garden publisher of a model id.
    static func publisher(of model: String) -> String {
        let lowered = model.lowercased()
        if lowered.hasPrefix("claude") { return "anthropic" }
        if lowered.hasPrefix("llama") || lowered.hasPrefix("meta") { return "meta" }
        if lowered.hasPrefix("mistral") || lowered.hasPrefix("codestral") { return "mistralai" }
        return "google"
    }

    /// The `acceleratorType` enum value of a GPU (nil for one Google does not offer, such as A10G).
    static func acceleratorType(_ gpu: GPUModel) -> String? {
        switch (gpu.name, gpu.memoryGB) {
        case ("T4", _): "NVIDIA_TESLA_T4"
        case ("L4", _): "NVIDIA_L4"
        case ("A100", 80): "NVIDIA_A100_80GB"
        case ("A100", _): "NVIDIA_TESLA_A100"
        case ("H100", _): "NVIDIA_H100_80GB"
        case ("H200", _): "NVIDIA_H200_141GB"
        case ("V100", _): "NVIDIA_TESLA_V100"
        default: nil
        }
    }

    /// When the endpoint was created: 20 to 219 days before the model's start.
    func creationTime(of id: EndpointID) -> Date {
        let value = hash("created|\(id.key)")
        let days = 20 + Double(value % 200)
        let seconds = Double((value >> 8) % 86_400) + Double((value >> 32) % 1_000_000) / 1_000_000
        let midnight = (model.start.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: midnight - days * 86_400 + seconds)
    }

    func hash(_ text: String) -> UInt64 {
        AWSPageToken.fnv1a(Array(text.utf8))
    }
}
