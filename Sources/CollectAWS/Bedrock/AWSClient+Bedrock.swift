import BurnwatchCollect
import Foundation

/// Bedrock control-plane calls.
extension AWSClient {
    /// Every provisioned throughput in the region (`GET /provisioned-model-throughputs`), following `nextToken`.
    public func listProvisionedModelThroughputs(
        region: String, transport: any Transport
    ) async throws -> [BedrockShapes.ProvisionedModelSummary] {
        var summaries: [BedrockShapes.ProvisionedModelSummary] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            var query = [("maxResults", "100")]
            if let token { query.append(("nextToken", token)) }
            let answer = try await rest(
                .bedrock, region: region, method: "GET", path: "/provisioned-model-throughputs", query: query,
                operation: "ListProvisionedModelThroughputs", transport: transport
            )
            let page = try AWSJSON.decode(
                BedrockShapes.ListProvisionedModelThroughputsResponse.self, from: answer, operation: "ListProvisionedModelThroughputs"
            )
            summaries += page.provisionedModelSummaries ?? []
            token = try Self.nextPageToken(page.nextToken, seen: &seenTokens, operation: "ListProvisionedModelThroughputs")
        } while token != nil
        return summaries
    }
}
