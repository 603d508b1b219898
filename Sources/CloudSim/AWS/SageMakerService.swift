import BurnwatchCore
import Foundation

/// SageMaker's ListEndpoints, DescribeEndpoint and DescribeEndpointConfig (awsJson1_1, API
/// 2017-07-24), for the endpoints of the caller's account in the signing region.
struct SageMakerService: Sendable {
    let view: AWSFleetView

    private static let services: Set<Service> = [.sageMakerRealtime, .sageMakerServerless]

    private func endpoints(_ call: AWSCall) -> [SimulatedEndpoint] {
        view.endpoints(account: call.account, region: call.region, services: SageMakerService.services)
    }

    func listEndpoints(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let maxResults = try call.int("MaxResults", in: 1...100) ?? 10
        let sortBy = try call.string("SortBy") ?? "CreationTime"
        let sortOrder = try call.string("SortOrder") ?? "Descending"
        guard ["Name", "CreationTime", "Status"].contains(sortBy) else {
            throw .validation("1 validation error detected: Value '\(sortBy)' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime, Status]")
        }
        guard ["Ascending", "Descending"].contains(sortOrder) else {
            throw .validation("1 validation error detected: Value '\(sortOrder)' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]")
        }
        let nameContains = try call.string("NameContains")
        let status = try call.string("StatusEquals")
        let createdBefore = call.json["CreationTimeBefore"]?.numberValue
        let createdAfter = call.json["CreationTimeAfter"]?.numberValue

        var rows = endpoints(call).filter { endpoint in
            let created = view.creationTime(of: endpoint.id).timeIntervalSince1970
            if let nameContains, !endpoint.id.name.lowercased().contains(nameContains.lowercased()) { return false }
            if let status, status != endpointStatus(endpoint) { return false }
            if let createdBefore, created >= createdBefore { return false }
            if let createdAfter, created <= createdAfter { return false }
            return true
        }
        rows.sort { lhs, rhs in
            let ascending: Bool
            switch sortBy {
            case "Name": ascending = lhs.id.name < rhs.id.name
            case "Status": ascending = (endpointStatus(lhs), lhs.id.name) < (endpointStatus(rhs), rhs.id.name)
            default: ascending = view.creationTime(of: lhs.id) < view.creationTime(of: rhs.id)
            }
            return sortOrder == "Ascending" ? ascending : !ascending
        }
        let fingerprint = AWSPageToken.fingerprint(call.json, ignoring: ["NextToken", "MaxResults"])
        var offset = 0
        if let token = try call.string("NextToken") {
            guard let decoded = AWSPageToken.offset(token, request: fingerprint) else {
                throw .validation("Invalid pagination token because of unexpected token value.")
            }
            offset = decoded
        }
        let page = rows.dropFirst(offset).prefix(maxResults)
        var members: [(String, AWSJSONValue)] = [(
            "Endpoints",
            .array(page.map { endpoint in
                [
                    "EndpointName": .string(endpoint.id.name), "EndpointArn": .string(view.sageMakerARN(endpoint.id)),
                    "CreationTime": AWSWireTime.epoch(view.creationTime(of: endpoint.id)),
                    "LastModifiedTime": AWSWireTime.epoch(view.lastModifiedTime(of: endpoint.id)),
                    "EndpointStatus": .string(endpointStatus(endpoint)),
                ]
            })
        )]
        if offset + page.count < rows.count {
            members.append(("NextToken", .string(AWSPageToken.make(offset: offset + page.count, request: fingerprint))))
        }
        return .object(members)
    }

    func describeEndpoint(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let name = try call.string("EndpointName", required: true) ?? ""
        guard let endpoint = endpoints(call).first(where: { $0.id.name == name }) else {
            throw .validation("Could not find endpoint \"\(view.sageMakerARN(EndpointID(account: call.account, region: call.region, service: .sageMakerRealtime, name: name)))\".")
        }
        let configuration = view.configuration(of: endpoint, at: call.now)
        var variant: [(String, AWSJSONValue)] = [
            ("VariantName", .string(AWSFleetView.variantName)),
            ("DeployedImages", [[
                "SpecifiedImage": .string("763104351884.dkr.ecr.\(endpoint.id.region).amazonaws.com/huggingface-pytorch-tgi-inference:2.4-gpu"),
                "ResolvedImage": .string("763104351884.dkr.ecr.\(endpoint.id.region).amazonaws.com/huggingface-pytorch-tgi-inference@sha256:\(String(repeating: "5e", count: 32))"),
                "ResolutionTime": AWSWireTime.epoch(view.lastModifiedTime(of: endpoint.id)),
            ]]),
            ("CurrentWeight", .number(1)), ("DesiredWeight", .number(1)),
        ]
        if endpoint.id.service == .sageMakerServerless {
            let serverless = serverlessConfig(configuration)
            variant.append(("CurrentServerlessConfig", serverless))
            variant.append(("DesiredServerlessConfig", serverless))
        } else {
            let minute = view.model.minute(of: endpoint.id, containing: call.now)
            let current = minute?.replicas ?? configuration.minReplicas ?? 1
            let pending = minute?.pendingReplicas ?? 0
            variant.append(("CurrentInstanceCount", .number(Double(current))))
            variant.append(("DesiredInstanceCount", .number(Double(current + pending))))
            if pending > 0 {
                // Instances on their way: SageMaker shows the variant as updating meanwhile.
                variant.append(("VariantStatus", [[
                    "Status": "Updating",
                    "StatusMessage": .string("Scaling to \(current + pending) instances"),
                    "StartTime": AWSWireTime.epoch(Date(timeIntervalSince1970: (call.now.timeIntervalSince1970 / 60).rounded(.down) * 60)),
                ]]))
            }
        }
        return .object([
            ("EndpointName", .string(endpoint.id.name)),
            ("EndpointArn", .string(view.sageMakerARN(endpoint.id))),
            ("EndpointConfigName", .string(view.endpointConfigName(endpoint.id))),
            ("ProductionVariants", .array([.object(variant)])),
            ("EndpointStatus", .string(endpointStatus(endpoint))),
            ("CreationTime", AWSWireTime.epoch(view.creationTime(of: endpoint.id))),
            ("LastModifiedTime", AWSWireTime.epoch(view.lastModifiedTime(of: endpoint.id))),
        ])
    }

    func describeEndpointConfig(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let name = try call.string("EndpointConfigName", required: true) ?? ""
        guard let endpoint = endpoints(call).first(where: { view.endpointConfigName($0.id) == name }) else {
            throw .validation("Could not find endpoint configuration \"\(name)\".")
        }
        let configuration = view.configuration(of: endpoint, at: call.now)
        var variant: [(String, AWSJSONValue)] = [
            ("VariantName", .string(AWSFleetView.variantName)),
            ("ModelName", .string("\(endpoint.id.name)-model")),
            ("InitialVariantWeight", .number(1)),
        ]
        if endpoint.id.service == .sageMakerServerless {
            variant.append(("ServerlessConfig", serverlessConfig(configuration)))
        } else {
            variant.insert(("InitialInstanceCount", .number(Double(configuration.minReplicas ?? 1))), at: 2)
            variant.insert(("InstanceType", .string(configuration.instanceType ?? "ml.g5.xlarge")), at: 3)
        }
        return .object([
            ("EndpointConfigName", .string(name)),
            ("EndpointConfigArn", .string(view.endpointConfigARN(endpoint.id))),
            ("ProductionVariants", .array([.object(variant)])),
            ("CreationTime", AWSWireTime.epoch(view.creationTime(of: endpoint.id))),
        ])
    }

    private func serverlessConfig(_ configuration: EndpointConfiguration) -> AWSJSONValue {
        var members: [(String, AWSJSONValue)] = [
            ("MemorySizeInMB", .number(Double(configuration.serverlessMemoryMB ?? 2048))),
            ("MaxConcurrency", .number(Double(configuration.maxConcurrency ?? 1))),
        ]
        if let provisioned = configuration.provisionedConcurrency {
            members.append(("ProvisionedConcurrency", .number(Double(provisioned))))
        }
        return .object(members)
    }

    private func endpointStatus(_ endpoint: SimulatedEndpoint) -> String {
        endpoint.status ?? "InService"
    }
}
