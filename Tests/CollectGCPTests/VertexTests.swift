import BurnwatchCollect
import BurnwatchCore
import Foundation
import Testing
@testable import CollectGCP

@Suite struct VertexTests {
    @Test func listingUsesTheLocationsHostAndFollowsPages() async throws {
        let transport = FakeGCPTransport { call in
            if call.query("pageToken") == "next" {
                return GCPFixtures.ok(#"{"endpoints":[{"name":"projects/123/locations/europe-west4/endpoints/2","displayName":"b"}]}"#)
            }
            return GCPFixtures.ok(#"{"endpoints":[{"name":"projects/123/locations/europe-west4/endpoints/1","displayName":"a"}],"nextPageToken":"next"}"#)
        }
        let endpoints = try await GCPFixtures.client(quotaProject: "quota-proj").listEndpoints(project: "ml-prod", location: "europe-west4", transport: transport)
        #expect(endpoints.map(\.endpointID) == ["1", "2"])
        #expect(endpoints.first?.projectNumber == "123")
        let urls = transport.requests.map(\.url.absoluteString)
        #expect(urls == [
            "https://europe-west4-aiplatform.googleapis.com/v1/projects/ml-prod/locations/europe-west4/endpoints?pageSize=100",
            "https://europe-west4-aiplatform.googleapis.com/v1/projects/ml-prod/locations/europe-west4/endpoints?pageSize=100&pageToken=next",
        ])
        #expect(transport.calls.first?.header("x-goog-user-project") == "quota-proj")
    }

    @Test func dedicatedResourcesGiveMachineGPUAndReplicas() throws {
        let body = """
            {"name":"projects/123/locations/us-central1/endpoints/456","displayName":"llm-prod\\u001b[31m",
             "deployedModels":[
               {"id":"789","model":"projects/123/locations/us-central1/models/m1",
                "dedicatedResources":{"machineSpec":{"machineType":"g2-standard-12","acceleratorType":"NVIDIA_L4","acceleratorCount":1},
                  "minReplicaCount":1,"maxReplicaCount":4},
                "status":{"availableReplicaCount":2,"lastUpdateTime":"2025-06-16T10:00:00Z"}},
               {"id":"790","model":"projects/123/locations/us-central1/models/m2",
                "dedicatedResources":{"machineSpec":{"machineType":"n1-standard-4","acceleratorType":"NVIDIA_TESLA_T4","acceleratorCount":2},
                  "minReplicaCount":1,"maxReplicaCount":2},
                "status":{"availableReplicaCount":1}}],
             "trafficSplit":{"789":80,"790":20},"labels":{"team":"search"}}
            """
        let endpoint = try JSONDecoder().decode(VertexShapes.Endpoint.self, from: Data(body.utf8))
        let target = GCPCollector.endpointTargets([endpoint], project: "ml-prod", location: "us-central1", prices: GCPPriceTable(), now: GCPFixtures.now)[0]
        #expect(target.id == EndpointID(account: "ml-prod", region: "us-central1", service: .vertexEndpoint, name: "llm-prod[31m"))
        #expect(target.endpoint.kind == .dedicated)
        let configuration = target.endpoint.configuration
        #expect(configuration.instanceType == "g2-standard-12")
        #expect(configuration.gpu == .l4 && configuration.gpuCount == 1)
        #expect(configuration.minReplicas == 2 && configuration.maxReplicas == 6)
        #expect(configuration.model == "m1")
        #expect(target.replicas == 3)
        #expect(target.labels == ["team": "search"])
        // Replica-weighted: (2 × g2-standard-12 $1.1505 + 1 × (n1-standard-4 $0.2185 + 2 × T4 $0.4025)) / 3 = $3.3245 / 3.
        #expect(target.replicaHourPrice == Money(Decimal(string: "3.3245")! / 3, "USD"))
    }

    @Test func scaleToZeroAndAutomaticResources() throws {
        // proto3 JSON leaves a zero minimum and a zero replica count out.
        let body = """
            {"endpoints":[
              {"name":"projects/123/locations/us-central1/endpoints/1","displayName":"sdxl",
               "deployedModels":[{"id":"a","dedicatedResources":{"machineSpec":{"machineType":"a2-highgpu-2g"},"maxReplicaCount":3},"status":{}}]},
              {"name":"projects/123/locations/us-central1/endpoints/2","displayName":"automl",
               "deployedModels":[{"id":"b","automaticResources":{"minReplicaCount":1,"maxReplicaCount":5}}]},
              {"name":"projects/123/locations/us-central1/endpoints/3"}]}
            """
        let page = try JSONDecoder().decode(VertexShapes.ListEndpointsResponse.self, from: Data(body.utf8))
        let targets = GCPCollector.endpointTargets(page.endpoints ?? [], project: "p", location: "us-central1", prices: GCPPriceTable(), now: GCPFixtures.now)
        let sdxl = targets[0]
        #expect(sdxl.endpoint.kind == .serverless)
        #expect(sdxl.endpoint.configuration.minReplicas == 0 && sdxl.endpoint.configuration.maxReplicas == 3)
        #expect(sdxl.endpoint.configuration.gpu == .a100_40 && sdxl.endpoint.configuration.gpuCount == 2)
        #expect(sdxl.replicas == 0)
        #expect(sdxl.endpoint.status == "scaled to zero")
        #expect(sdxl.replicaHourPrice == Money(Decimal(string: "8.449")!, "USD"), "A2 prices include their GPUs")
        let automl = targets[1]
        #expect(automl.endpoint.configuration.minReplicas == 1 && automl.endpoint.configuration.maxReplicas == 5)
        #expect(automl.endpoint.configuration.instanceType == nil && automl.replicaHourPrice == nil && automl.replicas == nil)
        let empty = targets[2]
        #expect(empty.id.name == "3" && empty.endpoint.status == "no model deployed")
    }

    @Test func duplicateDisplayNamesKeepBothEndpoints() {
        let endpoints = ["1", "2"].map { VertexShapes.Endpoint(name: "projects/1/locations/l/endpoints/\($0)", displayName: "same") }
        let names = GCPCollector.endpointTargets(endpoints, project: "p", location: "l", prices: GCPPriceTable(), now: GCPFixtures.now).map(\.id.name)
        #expect(names == ["same (1)", "same (2)"])
    }

    @Test func pricesAddAcceleratorsOnlyWhereTheMachineDoesNotIncludeThem() {
        let table = GCPPriceTable(overrides: ["NVIDIA_TESLA_T4": Money(1, "USD")])
        #expect(table.hourly(machineType: "n1-standard-4", acceleratorType: "NVIDIA_TESLA_T4", acceleratorCount: 2) == Money(Decimal(string: "2.2185")!, "USD"))
        #expect(table.hourly(machineType: "a3-highgpu-8g", acceleratorType: "NVIDIA_H100_80GB", acceleratorCount: 8) == Money(Decimal(string: "101.0074")!, "USD"))
        #expect(table.hourly(machineType: "n1-standard-4", acceleratorType: "ACCELERATOR_TYPE_UNSPECIFIED", acceleratorCount: nil) == Money(Decimal(string: "0.2185")!, "USD"))
        #expect(table.hourly(machineType: "n1-standard-4", acceleratorType: "NVIDIA_L4", acceleratorCount: 1) == nil, "an unpriced GPU is not free")
        #expect(table.hourly(machineType: "e2-standard-4", acceleratorType: nil, acceleratorCount: nil) == nil)
        let h100 = GCPPriceTable.accelerator(machineType: "a3-highgpu-8g")
        #expect(h100?.gpu == .h100 && h100?.count == 8)
        let l4 = GCPPriceTable.accelerator(machineType: "g2-standard-48")
        #expect(l4?.gpu == .l4 && l4?.count == 4)
        #expect(GCPPriceTable.accelerator(machineType: "n1-standard-4") == nil)
        #expect(table.tokenPrices(model: "gemini-2.0-flash-lite-001")?.input == Money(Decimal(string: "0.000075")!, "USD"))
    }
}
