import BurnwatchCore
import Foundation
import Testing
@testable import CollectAWS

/// A botocore service model, read at test time from the repository's verbatim copy of
/// `shared/reference/specs/aws/models` (botocore 1.43.11), or from `BURNWATCH_AWS_MODELS`.
struct BotocoreModel {
    let shapes: [String: [String: Any]]
    let operations: [String: [String: Any]]
    let metadata: [String: Any]

    static func directory() -> URL {
        if let override = ProcessInfo.processInfo.environment["BURNWATCH_AWS_MODELS"] { return URL(fileURLWithPath: override) }
        return SpecFixtures.botocoreModels
    }

    static func load(_ file: String) throws -> BotocoreModel {
        let url = directory().appendingPathComponent(file)
        let data = try Data(contentsOf: url)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return BotocoreModel(
            shapes: try #require(root["shapes"] as? [String: [String: Any]]),
            operations: try #require(root["operations"] as? [String: [String: Any]]),
            metadata: root["metadata"] as? [String: Any] ?? [:]
        )
    }

    func shape(_ name: String) throws -> [String: Any] {
        try #require(shapes[name], "no shape \(name) in the model")
    }

    func members(_ name: String) throws -> [String: [String: Any]] {
        try #require(try shape(name)["members"] as? [String: [String: Any]], "\(name) has no members")
    }

    /// The shape an operation takes or returns.
    func operationShape(_ operation: String, _ direction: String) throws -> String {
        let op = try #require(operations[operation], "no operation \(operation)")
        let ref = try #require(op[direction] as? [String: Any])
        return try #require(ref["shape"] as? String)
    }

    /// An example JSON value of a shape, with every member filled in, as the service would send it:
    /// numbers for integers and doubles, epoch seconds for timestamps (ISO strings where the shape
    /// says `iso8601`), the first enum value for strings.
    func example(_ name: String, depth: Int = 0) throws -> Any {
        let shape = try shape(name)
        let type = shape["type"] as? String ?? ""
        switch type {
        case "structure":
            var object: [String: Any] = [:]
            guard depth < 8 else { return object }
            for (member, ref) in try members(name) {
                let target = try #require(ref["shape"] as? String)
                if (ref["location"] as? String) != nil { continue }  // headers, query, path: not in the body
                object[member] = try example(target, depth: depth + 1)
            }
            return object
        case "list":
            let member = try #require((shape["member"] as? [String: Any])?["shape"] as? String)
            return [try example(member, depth: depth + 1)]
        case "map":
            let value = try #require((shape["value"] as? [String: Any])?["shape"] as? String)
            return ["key": try example(value, depth: depth + 1)]
        case "string":
            if let values = shape["enum"] as? [String], let first = values.first { return first }
            return name.contains("Amount") || name == "NumericValue" || name == "MetricAmount" ? "12.5" : "example-\(name)"
        case "integer", "long":
            return max(1, shape["min"] as? Int ?? 1)
        case "double", "float":
            return 1.5
        case "boolean":
            return true
        case "timestamp":
            return (shape["timestampFormat"] as? String) == "iso8601" ? "2024-05-01T12:00:00Z" : 1_717_000_000.5
        case "blob":
            return "AAAA"
        default:
            Issue.record("shape \(name) has type \(type) the example builder does not know")
            return NSNull()
        }
    }

    /// Checks that every key we read exists in `shape`, and that our type decodes the model's example.
    func checkDecodes<Value: Decodable>(_ type: Value.Type, shape: String, keys: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let members = try members(shape)
        for key in keys {
            #expect(members[key] != nil, "\(shape) has no member \(key)", sourceLocation: sourceLocation)
        }
        let example = try example(shape)
        let data = try JSONSerialization.data(withJSONObject: example)
        #expect(throws: Never.self, "\(Value.self) does not decode the model's \(shape)", sourceLocation: sourceLocation) {
            _ = try JSONDecoder().decode(Value.self, from: data)
        }
    }

    /// Checks a request we encode against the model: every key is a member, every value has the
    /// member's type (and enum value, and integer range).
    func checkEncodes<Value: Encodable>(_ value: Value, shape: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let json = try JSONSerialization.jsonObject(with: Data(try AWSJSON.encode(value)), options: [.fragmentsAllowed])
        for problem in try problems(json, shape: shape, path: shape) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    func problems(_ value: Any, shape name: String, path: String) throws -> [String] {
        let shape = try shape(name)
        let type = shape["type"] as? String ?? ""
        switch type {
        case "structure":
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            let members = try members(name)
            var found: [String] = []
            for required in shape["required"] as? [String] ?? [] where object[required] == nil {
                found.append("\(path): required member \(required) missing")
            }
            for (key, child) in object {
                guard let ref = members[key], let target = ref["shape"] as? String else {
                    found.append("\(path).\(key): not a member of \(name)")
                    continue
                }
                found += try problems(child, shape: target, path: "\(path).\(key)")
            }
            return found
        case "list":
            guard let array = value as? [Any] else { return ["\(path): expected a list"] }
            let member = try #require((shape["member"] as? [String: Any])?["shape"] as? String)
            var found: [String] = []
            if let max = shape["max"] as? Int, array.count > max { found.append("\(path): \(array.count) items, at most \(max)") }
            for (index, element) in array.enumerated() {
                found += try problems(element, shape: member, path: "\(path)[\(index)]")
            }
            return found
        case "string":
            guard let text = value as? String else { return ["\(path): expected a string"] }
            if let values = shape["enum"] as? [String], !values.contains(text) { return ["\(path): \(text) is not one of the model's values"] }
            return []
        case "integer", "long":
            guard let number = value as? NSNumber, !(value is Bool), Double(number.intValue) == number.doubleValue else {
                return ["\(path): expected an integer"]
            }
            if let min = shape["min"] as? Int, number.intValue < min { return ["\(path): \(number) below \(min)"] }
            if let max = shape["max"] as? Int, number.intValue > max { return ["\(path): \(number) above \(max)"] }
            return []
        case "boolean":
            return value is Bool ? [] : ["\(path): expected a boolean"]
        case "timestamp":
            return value is NSNumber && !(value is Bool) ? [] : ["\(path): expected epoch seconds"]
        default:
            return ["\(path): unchecked type \(type)"]
        }
    }
}

@Suite struct ModelsTests {
    @Test func sageMakerShapesMatchTheModel() throws {
        let model = try BotocoreModel.load("sagemaker.service-2.trimmed.json")
        #expect(model.metadata["signingName"] as? String == AWSService.sageMaker.signingName)
        #expect(model.metadata["targetPrefix"] as? String == "SageMaker")
        #expect(try model.operationShape("ListEndpoints", "output") == "ListEndpointsOutput")
        try model.checkDecodes(SageMakerShapes.ListEndpointsOutput.self, shape: "ListEndpointsOutput",
                               keys: SageMakerShapes.ListEndpointsOutput.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.EndpointSummary.self, shape: "EndpointSummary",
                               keys: SageMakerShapes.EndpointSummary.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.DescribeEndpointOutput.self, shape: "DescribeEndpointOutput",
                               keys: SageMakerShapes.DescribeEndpointOutput.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.ProductionVariantSummary.self, shape: "ProductionVariantSummary",
                               keys: SageMakerShapes.ProductionVariantSummary.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.InstancePoolSummary.self, shape: "InstancePoolSummary",
                               keys: SageMakerShapes.InstancePoolSummary.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.ServerlessConfig.self, shape: "ProductionVariantServerlessConfig",
                               keys: SageMakerShapes.ServerlessConfig.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.ManagedInstanceScaling.self, shape: "ProductionVariantManagedInstanceScaling",
                               keys: SageMakerShapes.ManagedInstanceScaling.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.DescribeEndpointConfigOutput.self, shape: "DescribeEndpointConfigOutput",
                               keys: SageMakerShapes.DescribeEndpointConfigOutput.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(SageMakerShapes.ProductionVariant.self, shape: "ProductionVariant",
                               keys: SageMakerShapes.ProductionVariant.CodingKeys.allCases.map(\.rawValue))
        try model.checkEncodes(SageMakerShapes.ListEndpointsInput(maxResults: 100, nextToken: "t"), shape: "ListEndpointsInput")
        try model.checkEncodes(SageMakerShapes.DescribeEndpointInput(endpointName: "llm-prod"), shape: "DescribeEndpointInput")
        try model.checkEncodes(SageMakerShapes.DescribeEndpointConfigInput(endpointConfigName: "cfg"), shape: "DescribeEndpointConfigInput")
    }

    @Test func bedrockShapesMatchTheModel() throws {
        let model = try BotocoreModel.load("bedrock.service-2.trimmed.json")
        let operation = try #require(model.operations["ListProvisionedModelThroughputs"])
        let http = try #require(operation["http"] as? [String: Any])
        #expect(http["method"] as? String == "GET")
        #expect(http["requestUri"] as? String == "/provisioned-model-throughputs")
        let input = try model.members("ListProvisionedModelThroughputsRequest")
        #expect(input["maxResults"]?["locationName"] as? String == "maxResults")
        #expect(input["nextToken"]?["locationName"] as? String == "nextToken")
        #expect((try model.shape("Timestamp"))["timestampFormat"] as? String == "iso8601")
        try model.checkDecodes(BedrockShapes.ListProvisionedModelThroughputsResponse.self, shape: "ListProvisionedModelThroughputsResponse",
                               keys: BedrockShapes.ListProvisionedModelThroughputsResponse.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(BedrockShapes.ProvisionedModelSummary.self, shape: "ProvisionedModelSummary",
                               keys: BedrockShapes.ProvisionedModelSummary.CodingKeys.allCases.map(\.rawValue))
    }

    @Test func cloudWatchShapesMatchTheModel() throws {
        let model = try BotocoreModel.load("cloudwatch.service-2.json")
        #expect(model.metadata["targetPrefix"] as? String == "GraniteServiceVersion20100801")
        #expect(model.metadata["jsonVersion"] as? String == "1.0")
        try model.checkDecodes(CloudWatchShapes.ListMetricsOutput.self, shape: "ListMetricsOutput",
                               keys: CloudWatchShapes.ListMetricsOutput.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CloudWatchShapes.Metric.self, shape: "Metric", keys: CloudWatchShapes.Metric.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CloudWatchShapes.GetMetricDataOutput.self, shape: "GetMetricDataOutput",
                               keys: CloudWatchShapes.GetMetricDataOutput.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CloudWatchShapes.MetricDataResult.self, shape: "MetricDataResult",
                               keys: CloudWatchShapes.MetricDataResult.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CloudWatchShapes.MessageData.self, shape: "MessageData",
                               keys: CloudWatchShapes.MessageData.CodingKeys.allCases.map(\.rawValue))
        let query = CloudWatchMetricQuery(
            id: "e0v0_ml", namespace: "AWS/SageMaker", metricName: "ModelLatency",
            dimensions: [.init(name: "EndpointName", value: "llm-prod"), .init(name: "VariantName", value: "AllTraffic")], stat: "p99"
        )
        try model.checkEncodes(
            CloudWatchShapes.GetMetricDataInput(metricDataQueries: [query.wireQuery], startTime: 1_749_988_500, endTime: 1_749_988_800,
                                                nextToken: "n", scanBy: "TimestampAscending"),
            shape: "GetMetricDataInput"
        )
        try model.checkEncodes(
            CloudWatchShapes.ListMetricsInput(namespace: "AWS/Bedrock", metricName: "Invocations",
                                              dimensions: [.init(name: "ModelId", value: nil)], nextToken: "n"),
            shape: "ListMetricsInput"
        )
    }

    @Test func costExplorerShapesMatchTheModel() throws {
        let model = try BotocoreModel.load("ce.service-2.json")
        #expect(model.metadata["targetPrefix"] as? String == "AWSInsightsIndexService")
        try model.checkDecodes(CostExplorerShapes.GetCostAndUsageResponse.self, shape: "GetCostAndUsageResponse",
                               keys: CostExplorerShapes.GetCostAndUsageResponse.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CostExplorerShapes.ResultByTime.self, shape: "ResultByTime",
                               keys: CostExplorerShapes.ResultByTime.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CostExplorerShapes.Group.self, shape: "Group", keys: CostExplorerShapes.Group.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CostExplorerShapes.MetricValue.self, shape: "MetricValue",
                               keys: CostExplorerShapes.MetricValue.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CostExplorerShapes.GetCostForecastResponse.self, shape: "GetCostForecastResponse",
                               keys: CostExplorerShapes.GetCostForecastResponse.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(CostExplorerShapes.ForecastResult.self, shape: "ForecastResult",
                               keys: CostExplorerShapes.ForecastResult.CodingKeys.allCases.map(\.rawValue))
        let period = CostExplorerPeriod(now: AWSFixtures.start)
        try model.checkEncodes(
            CostExplorerShapes.GetCostAndUsageRequest(
                timePeriod: period.usage, granularity: "DAILY", metrics: ["UnblendedCost"],
                groupBy: [.init(type: "TAG", key: "burnwatch:endpoint"), .init(type: "DIMENSION", key: "SERVICE")], nextPageToken: "n"
            ),
            shape: "GetCostAndUsageRequest"
        )
        try model.checkEncodes(
            CostExplorerShapes.GetCostForecastRequest(timePeriod: try #require(period.forecast), metric: "UNBLENDED_COST", granularity: "MONTHLY"),
            shape: "GetCostForecastRequest"
        )
    }

    @Test func budgetsShapesMatchTheModel() throws {
        let model = try BotocoreModel.load("budgets.service-2.json")
        #expect(model.metadata["targetPrefix"] as? String == "AWSBudgetServiceGateway")
        try model.checkDecodes(BudgetsShapes.DescribeBudgetsResponse.self, shape: "DescribeBudgetsResponse",
                               keys: BudgetsShapes.DescribeBudgetsResponse.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(BudgetsShapes.Budget.self, shape: "Budget", keys: BudgetsShapes.Budget.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(BudgetsShapes.CalculatedSpend.self, shape: "CalculatedSpend",
                               keys: BudgetsShapes.CalculatedSpend.CodingKeys.allCases.map(\.rawValue))
        try model.checkDecodes(BudgetsShapes.Spend.self, shape: "Spend", keys: BudgetsShapes.Spend.CodingKeys.allCases.map(\.rawValue))
        try model.checkEncodes(
            BudgetsShapes.DescribeBudgetsRequest(accountId: "123456789012", maxResults: 100, nextToken: "n", showFilterExpression: true),
            shape: "DescribeBudgetsRequest"
        )
    }

    /// The checker itself must catch a wrong type, or the tests above prove nothing.
    @Test func theCheckerRejectsAWrongType() throws {
        struct WrongSummary: Decodable {
            var endpointName: String
            var creationTime: String  // the model says timestamp: epoch seconds, not a string

            enum CodingKeys: String, CodingKey {
                case endpointName = "EndpointName", creationTime = "CreationTime"
            }
        }
        let model = try BotocoreModel.load("sagemaker.service-2.trimmed.json")
        let data = try JSONSerialization.data(withJSONObject: try model.example("EndpointSummary"))
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(WrongSummary.self, from: data) }
        #expect(try model.members("EndpointSummary")["EndpointNameX"] == nil)
        let tooMany = try JSONSerialization.jsonObject(with: Data(try AWSJSON.encode(SageMakerShapes.ListEndpointsInput(maxResults: 500))))
        #expect(try model.problems(tooMany, shape: "ListEndpointsInput", path: "in") == ["in.MaxResults: 500 above 100"])
        let unknown: [String: Any] = ["MaxResults": 10, "Bogus": "x"]
        #expect(try model.problems(unknown, shape: "ListEndpointsInput", path: "in") == ["in.Bogus: not a member of ListEndpointsInput"])
    }
}
