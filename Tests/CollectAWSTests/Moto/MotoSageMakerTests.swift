import BurnwatchCollect
import CollectAWS
import Foundation
import Testing

extension MotoIntegrationTests {
    /// SageMaker discovery (ListEndpoints, DescribeEndpoint, DescribeEndpointConfig) over JSON 1.1.
    @Suite struct MotoSageMakerTests {
        struct EndpointPage: Decodable {
            struct Summary: Decodable {
                var EndpointName: String
                var EndpointStatus: String
                var CreationTime: Double
            }
            var Endpoints: [Summary]
            var NextToken: String?
        }

        struct Endpoint: Decodable {
            struct Variant: Decodable {
                var VariantName: String
                var CurrentInstanceCount: Int?
                var DesiredInstanceCount: Int?
                var CurrentServerlessConfig: MotoSeedSummary.ServerlessConfig?
            }
            var EndpointName: String
            var EndpointConfigName: String
            var EndpointStatus: String
            var ProductionVariants: [Variant]
        }

        struct EndpointConfig: Decodable {
            struct Variant: Decodable {
                var VariantName: String
                var InstanceType: String?
                var InitialInstanceCount: Int?
                var ServerlessConfig: MotoSeedSummary.ServerlessConfig?
            }
            var ProductionVariants: [Variant]
        }

        /// All endpoint names of a region, two per page, with the number of pages it took.
        func listEndpoints(region: String, moto: MotoHarness) async throws -> (names: [String], pages: Int) {
            var names: [String] = []
            var token: String?
            var pages = 0
            repeat {
                var request: [String: Any] = ["MaxResults": 2]
                if let token { request["NextToken"] = token }
                let answer = try await moto.client().json(
                    .sageMaker, region: region, operation: "ListEndpoints", body: MotoIntegrationTests.body(request), transport: moto.transport
                )
                let page = try AWSJSON.decode(EndpointPage.self, from: answer, operation: "ListEndpoints")
                #expect(page.Endpoints.count <= 2)
                #expect(page.Endpoints.allSatisfy { $0.EndpointStatus == "InService" && $0.CreationTime > 1_600_000_000 })
                names += page.Endpoints.map(\.EndpointName)
                token = page.NextToken
                pages += 1
            } while token != nil && pages < 10
            return (names, pages)
        }

        @Test func listEndpointsPagesThroughEveryEndpointOfEachRegion() async throws {
            let moto = try #require(MotoHarness.current)
            let east = try await listEndpoints(region: "us-east-1", moto: moto)
            // Three endpoints at two a page: a full page with a NextToken, then the last one.
            #expect(east.pages == 2)
            #expect(east.names.count == 3)
            #expect(Set(east.names) == ["llm-prod", "embed-prod", "chat-serverless"])
            #expect(Set(east.names) == Set(moto.seed.sageMakerEndpoints.filter { $0.region == "us-east-1" }.map(\.name)))

            let west = try await listEndpoints(region: "eu-west-1", moto: moto)
            #expect(west.pages == 1)
            #expect(west.names == ["llm-eu"])
        }

        @Test func describeEndpointGivesInstanceCountsAndConfigGivesTheGPUType() async throws {
            let moto = try #require(MotoHarness.current)
            #expect(moto.seed.sageMakerEndpoints.count == 4)
            for seeded in moto.seed.sageMakerEndpoints {
                let answer = try await moto.client().json(
                    .sageMaker, region: seeded.region, operation: "DescribeEndpoint",
                    body: MotoIntegrationTests.body(["EndpointName": seeded.name]), transport: moto.transport
                )
                let endpoint = try AWSJSON.decode(Endpoint.self, from: answer, operation: "DescribeEndpoint")
                let variant = try #require(endpoint.ProductionVariants.first)
                #expect(endpoint.ProductionVariants.count == 1)
                #expect(variant.VariantName == seeded.variant)
                // moto reports the configured initial count as current and desired at once.
                #expect(variant.CurrentInstanceCount == seeded.instanceCount, "\(seeded.name)")
                #expect(variant.DesiredInstanceCount == seeded.instanceCount, "\(seeded.name)")
                #expect(variant.CurrentServerlessConfig == seeded.serverless, "\(seeded.name)")

                let configAnswer = try await moto.client().json(
                    .sageMaker, region: seeded.region, operation: "DescribeEndpointConfig",
                    body: MotoIntegrationTests.body(["EndpointConfigName": endpoint.EndpointConfigName]), transport: moto.transport
                )
                let config = try AWSJSON.decode(EndpointConfig.self, from: configAnswer, operation: "DescribeEndpointConfig")
                #expect(config.ProductionVariants.first?.InstanceType == seeded.instanceType, "\(seeded.name)")
                #expect(config.ProductionVariants.first?.ServerlessConfig == seeded.serverless, "\(seeded.name)")
            }
            // Hand-checked against seed.py's table, so a broken summary cannot pass unnoticed.
            #expect(moto.seed.endpoint("llm-prod")?.instanceCount == 2)
            #expect(moto.seed.endpoint("llm-prod")?.instanceType == "ml.g4dn.12xlarge")
            #expect(moto.seed.endpoint("llm-eu")?.instanceCount == 3)
            #expect(moto.seed.endpoint("chat-serverless")?.serverless == MotoSeedSummary.ServerlessConfig(MemorySizeInMB: 4096, MaxConcurrency: 8))
        }

        @Test func unknownEndpointIsAMisconfiguredErrorNamingTheAction() async throws {
            let moto = try #require(MotoHarness.current)
            let error = try #require(await MotoIntegrationTests.collectorError {
                try await moto.client().json(
                    .sageMaker, region: "us-east-1", operation: "DescribeEndpoint",
                    body: MotoIntegrationTests.body(["EndpointName": "no-such-endpoint"]), transport: moto.transport
                )
            })
            // moto answers 400 {"__type": "ValidationException", …}: not retryable, the user must act.
            #expect(error.kind == "misconfigured")
            #expect(!error.isRetryable)
            #expect(error.detail.hasPrefix("sagemaker:DescribeEndpoint: ValidationException"))
        }
    }
}
