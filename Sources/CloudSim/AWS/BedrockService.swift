import BurnwatchCore
import Foundation

/// Bedrock's control-plane listings (restJson1, API 2023-04-20): provisioned throughputs of the
/// caller's account and the foundation-model catalogue, in the signing region. Timestamps are
/// ISO 8601 strings here, unlike the JSON-protocol services.
struct BedrockService: Sendable {
    let view: AWSFleetView

    /// A few well-known models besides those the fleet uses, so the catalogue is not just the fleet.
    private static let catalogue: [(id: String, name: String, provider: String)] = [
        ("amazon.titan-text-express-v1", "Titan Text G1 - Express", "Amazon"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "Claude 3.5 Sonnet", "Anthropic"),
        ("anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku", "Anthropic"),
        ("anthropic.claude-3-opus-20240229-v1:0", "Claude 3 Opus", "Anthropic"),
        ("cohere.command-r-plus-v1:0", "Command R+", "Cohere"),
        ("meta.llama3-1-8b-instruct-v1:0", "Llama 3.1 8B Instruct", "Meta"),
        ("meta.llama3-1-70b-instruct-v1:0", "Llama 3.1 70B Instruct", "Meta"),
        ("mistral.mistral-large-2407-v1:0", "Mistral Large (24.07)", "Mistral AI"),
    ]

    private func endpoints(_ call: AWSCall) -> [SimulatedEndpoint] {
        view.endpoints(account: call.account, region: call.region, services: [.bedrock])
    }

    func listProvisionedModelThroughputs(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        var maxResults = 1000
        if let text = call.parameter("maxResults") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw .validation("1 validation error detected: Value '\(text)' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000")
            }
            maxResults = value
        }
        let nameContains = call.parameter("nameContains")
        let status = call.parameter("statusEquals")
        let sortOrder = call.parameter("sortOrder") ?? "Descending"
        var rows = endpoints(call).filter { endpoint in
            guard view.isProvisioned(endpoint) else { return false }
            if let nameContains, !endpoint.id.name.contains(nameContains) { return false }
            if let status, status != "InService" { return false }
            return true
        }
        rows.sort { lhs, rhs in
            let ascending = view.creationTime(of: lhs.id) < view.creationTime(of: rhs.id)
            return sortOrder == "Ascending" ? ascending : !ascending
        }
        let fingerprint = AWSPageToken.fingerprint(
            call.parameters.filter { $0.0 != "nextToken" && $0.0 != "maxResults" }.map { "\($0.0)=\($0.1)" }.sorted().joined(separator: "&")
        )
        var offset = 0
        if let token = call.parameter("nextToken") {
            guard let decoded = AWSPageToken.offset(token, request: fingerprint) else {
                throw .validation("The pagination token is not valid.")
            }
            offset = decoded
        }
        let page = rows.dropFirst(offset).prefix(maxResults)
        var members: [(String, AWSJSONValue)] = []
        if offset + page.count < rows.count {
            members.append(("nextToken", .string(AWSPageToken.make(offset: offset + page.count, request: fingerprint))))
        }
        members.append((
            "provisionedModelSummaries",
            .array(page.map { endpoint in
                let configuration = view.configuration(of: endpoint, at: call.now)
                let modelID = configuration.model ?? endpoint.id.name
                let foundation = view.foundationModelARN(modelID, region: endpoint.id.region)
                let units = Double(configuration.provisionedUnits ?? 1)
                let created = view.creationTime(of: endpoint.id)
                return [
                    "provisionedModelName": .string(endpoint.id.name),
                    "provisionedModelArn": .string(view.provisionedModelARN(endpoint.id)),
                    "modelArn": .string(foundation), "desiredModelArn": .string(foundation),
                    "foundationModelArn": .string(foundation),
                    "modelUnits": .number(units), "desiredModelUnits": .number(units),
                    "status": "InService",
                    "commitmentDuration": "SixMonths",
                    "commitmentExpirationTime": .string(AWSWireTime.iso8601(created.addingTimeInterval(182 * 86_400 + 365 * 86_400))),
                    "creationTime": .string(AWSWireTime.iso8601(created)),
                    "lastModifiedTime": .string(AWSWireTime.iso8601(view.lastModifiedTime(of: endpoint.id))),
                ]
            })
        ))
        return .object(members)
    }

    func listFoundationModels(_ call: AWSCall) throws(AWSServiceError) -> AWSJSONValue {
        let byProvider = call.parameter("byProvider")?.lowercased()
        let byInferenceType = call.parameter("byInferenceType")
        if let byInferenceType, byInferenceType != "ON_DEMAND", byInferenceType != "PROVISIONED" {
            throw .validation("1 validation error detected: Value '\(byInferenceType)' at 'byInferenceType' failed to satisfy constraint: Member must satisfy enum value set: [ON_DEMAND, PROVISIONED]")
        }
        var models = BedrockService.catalogue
        for endpoint in view.model.endpointIDs.compactMap(view.model.endpoint) where endpoint.id.service == .bedrock {
            if let id = endpoint.configuration.model, !models.contains(where: { $0.id == id }) {
                let provider = id.split(separator: ".").first.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "Unknown"
                models.append((id, id, provider))
            }
        }
        models.sort { $0.id < $1.id }
        let summaries: [AWSJSONValue] = models.compactMap { model in
            if let byProvider, model.provider.lowercased() != byProvider { return nil }
            // Models of the 8B/haiku class also sell provisioned throughput; every model is on demand.
            let types: [AWSJSONValue] = model.id.contains("8b") || model.id.contains("haiku") ? ["ON_DEMAND", "PROVISIONED"] : ["ON_DEMAND"]
            if let byInferenceType, !types.contains(.string(byInferenceType)) { return nil }
            return [
                "modelArn": .string(view.foundationModelARN(model.id, region: call.region)),
                "modelId": .string(model.id), "modelName": .string(model.name), "providerName": .string(model.provider),
                "inputModalities": ["TEXT"], "outputModalities": ["TEXT"], "responseStreamingSupported": true,
                "customizationsSupported": [], "inferenceTypesSupported": .array(types),
                "modelLifecycle": ["status": "ACTIVE"],
            ]
        }
        return ["modelSummaries": .array(summaries)]
    }
}
