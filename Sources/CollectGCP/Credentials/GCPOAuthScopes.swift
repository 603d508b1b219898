/// The OAuth scopes burnwatch asks for.
///
/// `cloud-platform` alone, because it is the only scope that every call accepts (checked against
/// the discovery documents): Vertex AI `endpoints.list` takes `aiplatform` or `cloud-platform`
/// (not `cloud-platform.read-only`), and the Billing Budget API takes `cloud-billing` or
/// `cloud-platform`. A scope only caps what a token may do; what burnwatch can actually read is
/// set by the read-only IAM roles granted to the identity (see the README's GCP section).
public enum GCPOAuthScopes {
    public static let cloudPlatform = "https://www.googleapis.com/auth/cloud-platform"

    /// The scopes of every token burnwatch requests.
    public static let burnwatch: [String] = [cloudPlatform]
}
