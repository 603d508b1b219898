import BurnwatchCore
import Foundation

/// Vertex AI `projects.locations.endpoints.list` (`GET /v1/projects/{p}/locations/{l}/endpoints`).
///
/// Each simulated Vertex endpoint of the location is one `Endpoint` with one `DeployedModel` on
/// dedicated resources (machine type, accelerator enum and count, min / max replicas) and a live
/// `status.availableReplicaCount` from the model at the simulator's "now". Fields are written as
/// proto3 JSON writes them: an int32 of 0 is left out, so the scale-to-zero endpoint's
/// `minReplicaCount` and, at rest, its `availableReplicaCount` are absent (absent means 0).
/// Publisher models are not Vertex endpoints and are not listed. `filter`, `orderBy` and
/// `readMask` are not supported (400 when sent).
struct VertexEndpointService: Sendable {
    let view: GCPFleetView
    let options: SimulatedGCPOptions

    /// The largest page the simulator serves; `pageSize` above it is lowered to it.
    static let maximumPageSize = 1000

    func list(project: SimulatedAccount, location: String, request: GCPRequest, now: Date) throws(GCPServiceError) -> AWSJSONValue {
        for unsupported in ["filter", "orderBy", "readMask"] where !(request.parameter(unsupported) ?? "").isEmpty {
            throw .invalidArgument("The simulator does not support the '\(unsupported)' parameter of endpoints.list.")
        }
        var pageSize = options.endpointsPageSize
        if let text = request.parameter("pageSize") {
            guard let value = Int(text), value >= 0 else { throw .invalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"\(text)\"") }
            if value > 0 { pageSize = min(value, VertexEndpointService.maximumPageSize) }
        }
        let endpoints = view.vertexEndpoints(project: project.id.account, location: location)
        let fingerprint = GCPPageToken.fingerprint(request.query, ignoring: ["pageToken", "pageSize"], extra: request.path)
        var offset = 0
        if let token = request.parameter("pageToken"), !token.isEmpty {
            guard let positions = GCPPageToken.positions(token, count: 1, request: fingerprint), let first = positions.first,
                first >= 0, first <= endpoints.count
            else { throw .invalidArgument("Invalid page token.") }
            offset = Int(first)
        }
        let page = endpoints.dropFirst(offset).prefix(pageSize)
        var members: [(String, AWSJSONValue)] = []
        if !page.isEmpty { members.append(("endpoints", .array(page.map { describe($0, now: now) }))) }
        if offset + page.count < endpoints.count {
            members.append(("nextPageToken", .string(GCPPageToken.make([Int64(offset + page.count)], request: fingerprint))))
        }
        return .object(members)
    }

    private func describe(_ endpoint: SimulatedEndpoint, now: Date) -> AWSJSONValue {
        let id = endpoint.id
        let configuration = view.configuration(of: endpoint, at: now)
        let minute = view.model.minute(of: id, containing: now)
        let created = view.creationTime(of: id)
        let deployedModelID = view.deployedModelID(id)

        var machineSpec: [(String, AWSJSONValue)] = []
        if let machineType = configuration.instanceType { machineSpec.append(("machineType", .string(machineType))) }
        if let gpu = configuration.gpu, let accelerator = GCPFleetView.acceleratorType(gpu) {
            machineSpec.append(("acceleratorType", .string(accelerator)))
            machineSpec.append(("acceleratorCount", .number(Double(configuration.gpuCount ?? 1))))
        }
        var dedicated: [(String, AWSJSONValue)] = [("machineSpec", .object(machineSpec))]
        Self.addInt32("minReplicaCount", configuration.minReplicas ?? 1, to: &dedicated)
        Self.addInt32("maxReplicaCount", configuration.maxReplicas ?? configuration.minReplicas ?? 1, to: &dedicated)
        if configuration.gpu != nil {
            dedicated.append((
                "autoscalingMetricSpecs",
                [["metricName": "aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle", "target": 60]]
            ))
        }

        var status: [(String, AWSJSONValue)] = []
        Self.addInt32("availableReplicaCount", minute?.replicas ?? 0, to: &status)
        status.append(("lastUpdateTime", .string(GCPWireTime.rfc3339(SimTime.date(minute: SimTime.minute(containing: now))))))

        let deployed: AWSJSONValue = .object([
            ("id", .string(deployedModelID)),
            ("model", .string(view.modelName(id))),
            ("displayName", .string(id.name)),
            ("createTime", .string(GCPWireTime.rfc3339(created.addingTimeInterval(412.5)))),
            ("dedicatedResources", .object(dedicated)),
            ("modelVersionId", "1"),
            ("status", .object(status)),
        ])
        return .object([
            ("name", .string(view.endpointName(id))),
            ("displayName", .string(id.name)),
            ("deployedModels", .array([deployed])),
            ("trafficSplit", .object([(deployedModelID, .number(100))])),
            ("etag", .string("AMEw9yN" + String(view.hash("etag|\(id.key)") % 1_000_000_000, radix: 36))),
            ("createTime", .string(GCPWireTime.rfc3339(created))),
            ("updateTime", .string(GCPWireTime.rfc3339(created.addingTimeInterval(412.5)))),
        ])
    }

    /// proto3 JSON leaves an int32 of zero out.
    private static func addInt32(_ name: String, _ value: Int, to members: inout [(String, AWSJSONValue)]) {
        if value != 0 { members.append((name, .number(Double(value)))) }
    }
}
