import Foundation

/// The parts of Vertex AI's `projects.locations.endpoints.list` answer burnwatch reads
/// (`aiplatform.v1.json`, schemas `GoogleCloudAiplatformV1*`).
///
/// Proto3 JSON leaves out default values: a missing `minReplicaCount` is 0 (scale to zero), a
/// missing `availableReplicaCount` in a present `status` is 0, a missing list is empty.
public enum VertexShapes {
    public struct ListEndpointsResponse: Codable, Sendable, Hashable {
        public var endpoints: [Endpoint]?
        public var nextPageToken: String?
    }

    public struct Endpoint: Codable, Sendable, Hashable {
        /// `projects/{number}/locations/{location}/endpoints/{id}`.
        public var name: String
        public var displayName: String?
        public var deployedModels: [DeployedModel]?
        /// Deployed model id → percent of traffic.
        public var trafficSplit: [String: Int]?
        public var labels: [String: String]?

        public init(
            name: String, displayName: String? = nil, deployedModels: [DeployedModel]? = nil, trafficSplit: [String: Int]? = nil,
            labels: [String: String]? = nil
        ) {
            self.name = name
            self.displayName = displayName
            self.deployedModels = deployedModels
            self.trafficSplit = trafficSplit
            self.labels = labels
        }

        /// The last segment of `name`: the id Cloud Monitoring labels the endpoint's series with.
        public var endpointID: String { name.split(separator: "/").last.map(String.init) ?? name }

        /// The project number in `name` (Vertex answers with numbers even when asked by id).
        public var projectNumber: String? {
            let parts = name.split(separator: "/")
            guard parts.count >= 2, parts[0] == "projects" else { return nil }
            return String(parts[1])
        }
    }

    public struct DeployedModel: Codable, Sendable, Hashable {
        public var id: String?
        public var model: String?
        public var displayName: String?
        public var dedicatedResources: DedicatedResources?
        public var automaticResources: AutomaticResources?
        /// A DeploymentResourcePool name: the pool's machines are billed to the pool.
        public var sharedResources: String?
        public var status: DeployedModelStatus?

        public init(
            id: String? = nil, model: String? = nil, displayName: String? = nil, dedicatedResources: DedicatedResources? = nil,
            automaticResources: AutomaticResources? = nil, sharedResources: String? = nil, status: DeployedModelStatus? = nil
        ) {
            self.id = id
            self.model = model
            self.displayName = displayName
            self.dedicatedResources = dedicatedResources
            self.automaticResources = automaticResources
            self.sharedResources = sharedResources
            self.status = status
        }
    }

    public struct DedicatedResources: Codable, Sendable, Hashable {
        public var machineSpec: MachineSpec?
        public var minReplicaCount: Int?
        public var maxReplicaCount: Int?

        public init(machineSpec: MachineSpec? = nil, minReplicaCount: Int? = nil, maxReplicaCount: Int? = nil) {
            self.machineSpec = machineSpec
            self.minReplicaCount = minReplicaCount
            self.maxReplicaCount = maxReplicaCount
        }
    }

    public struct AutomaticResources: Codable, Sendable, Hashable {
        public var minReplicaCount: Int?
        public var maxReplicaCount: Int?

        public init(minReplicaCount: Int? = nil, maxReplicaCount: Int? = nil) {
            self.minReplicaCount = minReplicaCount
            self.maxReplicaCount = maxReplicaCount
        }
    }

    public struct MachineSpec: Codable, Sendable, Hashable {
        public var machineType: String?
        /// `NVIDIA_TESLA_T4`, `NVIDIA_L4`, `NVIDIA_A100_80GB`, … (`ACCELERATOR_TYPE_UNSPECIFIED` or absent: none).
        public var acceleratorType: String?
        public var acceleratorCount: Int?

        public init(machineType: String? = nil, acceleratorType: String? = nil, acceleratorCount: Int? = nil) {
            self.machineType = machineType
            self.acceleratorType = acceleratorType
            self.acceleratorCount = acceleratorCount
        }
    }

    public struct DeployedModelStatus: Codable, Sendable, Hashable {
        public var availableReplicaCount: Int?
        public var lastUpdateTime: String?
        public var message: String?

        public init(availableReplicaCount: Int? = nil, lastUpdateTime: String? = nil, message: String? = nil) {
            self.availableReplicaCount = availableReplicaCount
            self.lastUpdateTime = lastUpdateTime
            self.message = message
        }
    }
}
