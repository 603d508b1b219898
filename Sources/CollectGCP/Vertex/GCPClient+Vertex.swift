import BurnwatchCollect
import BurnwatchCore
import Foundation

/// Vertex AI reads: the endpoints of one location, on that location's own host.
extension GCPClient {
    /// Every endpoint of `project` in `location`, following `nextPageToken`. The call is free
    /// (quota only).
    public func listEndpoints(project: String, location: String, pageSize: Int = 100, transport: any Transport) async throws -> [VertexShapes.Endpoint] {
        let path = "/v1/projects/\(GCPEndpoints.encode(project))/locations/\(GCPEndpoints.encode(location))/endpoints"
        var endpoints: [VertexShapes.Endpoint] = []
        var pages = GCPPageTokens(call: GCPAPI.vertexEndpoints.name)
        repeat {
            var query = [("pageSize", String(pageSize))]
            if let token = pages.next { query.append(("pageToken", token)) }
            guard let url = GCPEndpoints.url(self.endpoints.aiplatform(location: location), path: path, query: query) else {
                throw CollectorError.misconfigured("aiplatform endpoint \(Sanitizer.clean(self.endpoints.aiplatform)) is not a valid URL")
            }
            let body = try await get(url, api: .vertexEndpoints, transport: transport)
            let page = try GCPJSON.decode(VertexShapes.ListEndpointsResponse.self, from: body, call: GCPAPI.vertexEndpoints.name)
            endpoints += page.endpoints ?? []
            try pages.advance(page.nextPageToken)
        } while pages.next != nil
        return endpoints
    }
}

/// Follows `nextPageToken`s: an empty or missing token ends the listing; a token seen before
/// (a server looping) is a malformed answer rather than an endless round.
struct GCPPageTokens: Sendable {
    let call: String
    private(set) var next: String?
    private var seen: Set<String> = []
    /// A bound on pages, so a misbehaving server cannot keep a round busy for ever.
    static let maximumPages = 1000

    init(call: String) { self.call = call }

    mutating func advance(_ token: String?) throws {
        guard let token, !token.isEmpty else {
            next = nil
            return
        }
        guard seen.insert(token).inserted else { throw CollectorError.malformedResponse("\(call): the same page token came back twice") }
        guard seen.count < Self.maximumPages else { throw CollectorError.malformedResponse("\(call): more than \(Self.maximumPages) pages") }
        next = token
    }
}
