import Foundation

/// The Bedrock control-plane (`bedrock/2023-04-20`, restJson1) answers burnwatch reads.
/// Member names are already camelCase on the wire; timestamps are ISO-8601 strings.
public enum BedrockShapes {
    public struct ListProvisionedModelThroughputsResponse: Decodable, Sendable, Hashable {
        public var nextToken: String?
        public var provisionedModelSummaries: [ProvisionedModelSummary]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case nextToken, provisionedModelSummaries
        }
    }

    public struct ProvisionedModelSummary: Decodable, Sendable, Hashable {
        public var provisionedModelName: String
        public var provisionedModelArn: String
        public var modelArn: String?
        public var foundationModelArn: String?
        public var modelUnits: Int?
        public var desiredModelUnits: Int?
        /// `Creating`, `InService`, `Updating` or `Failed`.
        public var status: String?
        public var commitmentDuration: String?
        public var creationTime: String?
        public var lastModifiedTime: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case provisionedModelName, provisionedModelArn, modelArn, foundationModelArn, modelUnits, desiredModelUnits
            case status, commitmentDuration, creationTime, lastModifiedTime
        }

        /// The model id behind the throughput (`anthropic.claude-3-haiku-20240307-v1:0`), from the
        /// foundation model's ARN (`arn:aws:bedrock:us-east-1::foundation-model/<id>`).
        public var foundationModelID: String? {
            guard let arn = foundationModelArn ?? modelArn, let slash = arn.range(of: "foundation-model/") else { return nil }
            let id = arn[slash.upperBound...]
            return id.isEmpty ? nil : String(id)
        }

        public var creationDate: Date? { creationTime.flatMap(BedrockShapes.parseTimestamp) }

        public var lastModifiedDate: Date? { lastModifiedTime.flatMap(BedrockShapes.parseTimestamp) }
    }

    /// ISO-8601 with or without fractional seconds (`2024-05-01T12:00:00Z`, `…:00.123Z`).
    public static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
