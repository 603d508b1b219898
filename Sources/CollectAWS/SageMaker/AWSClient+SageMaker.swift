import BurnwatchCollect
import Foundation

/// SageMaker control-plane calls: the endpoint list and what each endpoint runs on.
extension AWSClient {
    /// Every endpoint in the region, following `NextToken` (100 per page, the model's maximum).
    public func listEndpoints(region: String, transport: any Transport) async throws -> [SageMakerShapes.EndpointSummary] {
        var endpoints: [SageMakerShapes.EndpointSummary] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            let body = try AWSJSON.encode(SageMakerShapes.ListEndpointsInput(maxResults: 100, nextToken: token))
            let answer = try await json(.sageMaker, region: region, operation: "ListEndpoints", body: body, transport: transport)
            let page = try AWSJSON.decode(SageMakerShapes.ListEndpointsOutput.self, from: answer, operation: "ListEndpoints")
            endpoints += page.endpoints
            token = try Self.nextPageToken(page.nextToken, seen: &seenTokens, operation: "ListEndpoints")
        } while token != nil
        return endpoints
    }

    public func describeEndpoint(name: String, region: String, transport: any Transport) async throws -> SageMakerShapes.DescribeEndpointOutput {
        let body = try AWSJSON.encode(SageMakerShapes.DescribeEndpointInput(endpointName: name))
        let answer = try await json(.sageMaker, region: region, operation: "DescribeEndpoint", body: body, transport: transport)
        return try AWSJSON.decode(SageMakerShapes.DescribeEndpointOutput.self, from: answer, operation: "DescribeEndpoint")
    }

    public func describeEndpointConfig(
        name: String, region: String, transport: any Transport
    ) async throws -> SageMakerShapes.DescribeEndpointConfigOutput {
        let body = try AWSJSON.encode(SageMakerShapes.DescribeEndpointConfigInput(endpointConfigName: name))
        let answer = try await json(.sageMaker, region: region, operation: "DescribeEndpointConfig", body: body, transport: transport)
        return try AWSJSON.decode(SageMakerShapes.DescribeEndpointConfigOutput.self, from: answer, operation: "DescribeEndpointConfig")
    }

    /// The token for the next page, or nil at the end. An empty token ends the list too; a token
    /// seen before means the service is looping, which is reported rather than followed forever.
    static func nextPageToken(_ token: String?, seen: inout Set<String>, operation: String) throws -> String? {
        guard let token, !token.isEmpty else { return nil }
        guard seen.insert(token).inserted else {
            throw CollectorError.malformedResponse("\(operation): the same page token came back twice")
        }
        return token
    }
}
