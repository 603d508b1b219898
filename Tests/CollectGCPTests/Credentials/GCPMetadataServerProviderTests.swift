import BurnwatchCollect
import Foundation
import Testing
@testable import CollectGCP

@Suite struct GCPMetadataServerProviderTests {
    @Test func theTokenComesFromTheDefaultAccountWithTheMetadataFlavorHeader() async throws {
        let transport = RecordingGCPTransport { _ in .token("ya29.metadata", expiresIn: 1800) }
        let provider = GCPMetadataServerProvider(environment: [:])
        let token = try await provider.token(at: gcpTestNow, transport: transport)
        #expect(token.value == "ya29.metadata")
        #expect(token.expiry == gcpTestNow.addingTimeInterval(1800))
        #expect(token.source == "metadata server")
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token")
        #expect(request.header("Metadata-Flavor") == "Google")
        #expect(request.timeout == 1)
    }

    @Test func gceMetadataHostMovesTheServer() async throws {
        let transport = RecordingGCPTransport { request in
            request.url.path.hasSuffix("project-id") ? HTTPResponse(status: 200, body: Array("demo-project\n".utf8)) : .token("t")
        }
        let provider = GCPMetadataServerProvider(environment: ["GCE_METADATA_HOST": "127.0.0.1:8089"])
        _ = try await provider.token(at: gcpTestNow, transport: transport)
        #expect(try await provider.projectID(transport: transport) == "demo-project")
        #expect(transport.requests.map(\.url.absoluteString) == [
            "http://127.0.0.1:8089/computeMetadata/v1/instance/service-accounts/default/token",
            "http://127.0.0.1:8089/computeMetadata/v1/project/project-id",
        ])
        #expect(transport.requests.allSatisfy { $0.header("Metadata-Flavor") == "Google" })
    }

    @Test func anUnreachableServerMeansNoCredentials() async throws {
        for failure in [CollectorError.unreachable("no route to host"), .timeout("timed out after 1 s")] {
            let transport = RecordingGCPTransport { _ in throw failure }
            let error = await caughtError { try await GCPMetadataServerProvider(environment: [:]).token(at: gcpTestNow, transport: transport) } as? CollectorError
            #expect(error?.kind == "no credentials")
            #expect(error?.detail.contains("metadata.google.internal") == true)
        }
    }

    @Test func statusesMapToWhatTheUserCanDo() async throws {
        let cases: [(Int, String)] = [(404, "no credentials"), (403, "unauthorized"), (500, "server error 500")]
        for (status, kind) in cases {
            let transport = RecordingGCPTransport { _ in HTTPResponse(status: status) }
            let error = await caughtError { try await GCPMetadataServerProvider(environment: [:]).token(at: gcpTestNow, transport: transport) } as? CollectorError
            #expect(error?.kind == kind, "HTTP \(status)")
        }
    }

    @Test func aMissingProjectIsNil() async throws {
        let transport = RecordingGCPTransport { _ in HTTPResponse(status: 404) }
        #expect(try await GCPMetadataServerProvider(environment: [:]).projectID(transport: transport) == nil)
    }
}
