import BurnwatchCore
import Foundation
import Testing

@testable import CloudSim

@Suite struct GCPVertexEndpointTests {
    static func path(_ location: String, project: String = "ml-prod-123") -> String {
        "/v1/projects/\(project)/locations/\(location)/endpoints"
    }

    @Test func endpointsOfALocationDescribeTheirMachinesAndReplicas() async throws {
        try await withDemoGCP { client, model, clock in
            let answer = try await client.get(Self.path("us-central1"))
            #expect(answer.status == 200)
            let endpoints = try #require(answer.json?["endpoints"]?.arrayValue)
            #expect(endpoints.map { $0["displayName"]?.stringValue } == ["image-tagger-t4", "llama-405b-h100", "sdxl-scale-to-zero"])
            #expect(answer.json?["nextPageToken"] == nil)

            let view = GCPFleetView(model: model)
            let number = view.projectNumber("ml-prod-123")
            #expect(number.count == 12)
            for endpoint in endpoints {
                let name = try #require(endpoint["name"]?.stringValue)
                let parts = name.split(separator: "/").map(String.init)
                #expect(parts.count == 6 && parts[0] == "projects" && parts[1] == number && parts[3] == "us-central1" && parts[4] == "endpoints")
                #expect(parts[5].count == 19 && parts[5].allSatisfy(\.isNumber))
                let deployed = try #require(endpoint["deployedModels"]?.arrayValue?.first)
                let deployedID = try #require(deployed["id"]?.stringValue)
                #expect(endpoint["trafficSplit"]?[deployedID] == .number(100))
            }

            func spec(_ index: Int) -> AWSJSONValue? { endpoints[index]["deployedModels"]?.arrayValue?.first?["dedicatedResources"] }
            #expect(spec(0)?["machineSpec"] == ["machineType": "n1-standard-4", "acceleratorType": "NVIDIA_TESLA_T4", "acceleratorCount": 1])
            #expect(spec(0)?["minReplicaCount"] == .number(1) && spec(0)?["maxReplicaCount"] == .number(6))
            #expect(spec(1)?["machineSpec"] == ["machineType": "a3-highgpu-8g", "acceleratorType": "NVIDIA_H100_80GB", "acceleratorCount": 8])
            #expect(spec(1)?["maxReplicaCount"] == .number(2))
            #expect(spec(2)?["machineSpec"] == ["machineType": "g2-standard-8", "acceleratorType": "NVIDIA_L4", "acceleratorCount": 1])
            // Scale to zero: proto3 JSON leaves the int32 0 out.
            #expect(spec(2)?["minReplicaCount"] == nil && spec(2)?["maxReplicaCount"] == .number(2))

            for (index, name) in ["image-tagger-t4", "llama-405b-h100", "sdxl-scale-to-zero"].enumerated() {
                let replicas = try #require(model.minute(of: model.id(named: name), containing: clock.now())?.replicas)
                let status = endpoints[index]["deployedModels"]?.arrayValue?.first?["status"]
                #expect(status?["availableReplicaCount"] == (replicas == 0 ? nil : .number(Double(replicas))), "\(name)")
            }
        }
    }

    @Test func theA100IsTheFortyGigabyteEnumAndOtherLocationsListTheirOwn() async throws {
        try await withDemoGCP { client, model, _ in
            let europe = try await client.get(Self.path("europe-west4"))
            let endpoints = try #require(europe.json?["endpoints"]?.arrayValue)
            #expect(endpoints.count == 1)
            #expect(endpoints.first?["deployedModels"]?.arrayValue?.first?["dedicatedResources"]?["machineSpec"]?["acceleratorType"] == "NVIDIA_TESLA_A100")
            // A location with only publisher models has no endpoints: an empty object.
            let publisherOnly = try await client.get(Self.path("us-east5"))
            #expect(publisherOnly.status == 200 && publisherOnly.json == .object([]))
            // The project number works as well as the id.
            let number = GCPFleetView(model: model).projectNumber("ml-prod-123")
            let byNumber = try await client.get(Self.path("europe-west4", project: number))
            #expect(byNumber.json == europe.json)
        }
    }

    @Test func pagesFollowPageTokens() async throws {
        try await withDemoGCP { client, _, _ in
            let token = try await client.accessToken()
            let first = try await client.get(Self.path("us-central1"), [("pageSize", "2")], token: token)
            #expect(first.json?["endpoints"]?.arrayValue?.count == 2)
            let next = try #require(first.json?["nextPageToken"]?.stringValue)
            let second = try await client.get(Self.path("us-central1"), [("pageSize", "2"), ("pageToken", next)], token: token)
            #expect(second.json?["endpoints"]?.arrayValue?.map { $0["displayName"]?.stringValue } == ["sdxl-scale-to-zero"])
            #expect(second.json?["nextPageToken"] == nil)
            // A token from another location's listing is refused.
            let replayed = try await client.get(Self.path("europe-west4"), [("pageToken", next)], token: token)
            #expect(replayed.status == 400 && replayed.errorStatus == "INVALID_ARGUMENT")
            let filtered = try await client.get(Self.path("us-central1"), [("filter", "display_name=\"x\"")], token: token)
            #expect(filtered.status == 400)
        }
    }
}
