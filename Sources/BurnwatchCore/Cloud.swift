/// The three public clouds burnwatch watches.
public enum Cloud: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case aws
    case gcp
    case azure

    public var displayName: String {
        switch self {
        case .aws: "AWS"
        case .gcp: "GCP"
        case .azure: "Azure"
        }
    }

    public static func < (lhs: Cloud, rhs: Cloud) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
