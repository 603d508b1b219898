import Foundation

/// The SageMaker (`sagemaker/2017-07-24`, awsJson1_1) request and answer shapes burnwatch uses,
/// cut down to the members it reads. Wire names are the model's; timestamps are epoch seconds.
public enum SageMakerShapes {
    public struct ListEndpointsInput: Encodable, Sendable, Hashable {
        public var maxResults: Int
        public var nextToken: String?

        public init(maxResults: Int = 100, nextToken: String? = nil) {
            self.maxResults = maxResults
            self.nextToken = nextToken
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case maxResults = "MaxResults", nextToken = "NextToken"
        }
    }

    public struct ListEndpointsOutput: Decodable, Sendable, Hashable {
        public var endpoints: [EndpointSummary]
        public var nextToken: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case endpoints = "Endpoints", nextToken = "NextToken"
        }
    }

    public struct EndpointSummary: Decodable, Sendable, Hashable {
        public var endpointName: String
        public var endpointArn: String?
        public var endpointStatus: String?
        public var creationTime: Double?
        public var lastModifiedTime: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case endpointName = "EndpointName", endpointArn = "EndpointArn", endpointStatus = "EndpointStatus"
            case creationTime = "CreationTime", lastModifiedTime = "LastModifiedTime"
        }
    }

    public struct DescribeEndpointInput: Encodable, Sendable, Hashable {
        public var endpointName: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case endpointName = "EndpointName"
        }
    }

    public struct DescribeEndpointOutput: Decodable, Sendable, Hashable {
        public var endpointName: String
        public var endpointArn: String?
        public var endpointConfigName: String?
        public var endpointStatus: String?
        public var failureReason: String?
        public var productionVariants: [ProductionVariantSummary]?
        public var lastModifiedTime: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case endpointName = "EndpointName", endpointArn = "EndpointArn", endpointConfigName = "EndpointConfigName"
            case endpointStatus = "EndpointStatus", failureReason = "FailureReason"
            case productionVariants = "ProductionVariants", lastModifiedTime = "LastModifiedTime"
        }
    }

    public struct ProductionVariantSummary: Decodable, Sendable, Hashable {
        public var variantName: String
        public var currentInstanceCount: Int?
        public var desiredInstanceCount: Int?
        public var instancePools: [InstancePoolSummary]?
        public var currentServerlessConfig: ServerlessConfig?
        public var desiredServerlessConfig: ServerlessConfig?
        public var managedInstanceScaling: ManagedInstanceScaling?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case variantName = "VariantName", currentInstanceCount = "CurrentInstanceCount"
            case desiredInstanceCount = "DesiredInstanceCount", instancePools = "InstancePools"
            case currentServerlessConfig = "CurrentServerlessConfig", desiredServerlessConfig = "DesiredServerlessConfig"
            case managedInstanceScaling = "ManagedInstanceScaling"
        }
    }

    public struct InstancePoolSummary: Decodable, Sendable, Hashable {
        public var instanceType: String
        public var currentInstanceCount: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case instanceType = "InstanceType", currentInstanceCount = "CurrentInstanceCount"
        }
    }

    /// `ProductionVariantServerlessConfig`: memory 1024–6144 MB, concurrency 1–200.
    public struct ServerlessConfig: Decodable, Sendable, Hashable {
        public var memorySizeInMB: Int?
        public var maxConcurrency: Int?
        public var provisionedConcurrency: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case memorySizeInMB = "MemorySizeInMB", maxConcurrency = "MaxConcurrency"
            case provisionedConcurrency = "ProvisionedConcurrency"
        }
    }

    public struct ManagedInstanceScaling: Decodable, Sendable, Hashable {
        /// `ENABLED` or `DISABLED`.
        public var status: String?
        public var minInstanceCount: Int?
        public var maxInstanceCount: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case status = "Status", minInstanceCount = "MinInstanceCount", maxInstanceCount = "MaxInstanceCount"
        }
    }

    public struct DescribeEndpointConfigInput: Encodable, Sendable, Hashable {
        public var endpointConfigName: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case endpointConfigName = "EndpointConfigName"
        }
    }

    public struct DescribeEndpointConfigOutput: Decodable, Sendable, Hashable {
        public var endpointConfigName: String
        public var productionVariants: [ProductionVariant]
        public var creationTime: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case endpointConfigName = "EndpointConfigName", productionVariants = "ProductionVariants"
            case creationTime = "CreationTime"
        }
    }

    public struct ProductionVariant: Decodable, Sendable, Hashable {
        public var variantName: String
        public var modelName: String?
        public var initialInstanceCount: Int?
        public var instanceType: String?
        public var serverlessConfig: ServerlessConfig?
        public var managedInstanceScaling: ManagedInstanceScaling?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case variantName = "VariantName", modelName = "ModelName", initialInstanceCount = "InitialInstanceCount"
            case instanceType = "InstanceType", serverlessConfig = "ServerlessConfig"
            case managedInstanceScaling = "ManagedInstanceScaling"
        }
    }
}
