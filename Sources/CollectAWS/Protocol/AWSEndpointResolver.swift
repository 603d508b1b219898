import Foundation

/// Where a call to one service in one region goes, following the SDKs' endpoint-override
/// convention: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the configured
/// `endpoint_url` (burnwatch's `[[aws]]` table or the profile), then the public host.
public struct AWSEndpointResolver: Sendable {
    /// The process environment (only `AWS_ENDPOINT_URL*` is read).
    public var environment: [String: String]
    /// `endpoint_url` from the burnwatch config or the shared-config profile.
    public var configuredURL: URL?
    /// When set, every service goes here whatever the environment says (the demo's simulator).
    public var forcedURL: URL?

    public init(environment: [String: String] = [:], configuredURL: URL? = nil, forcedURL: URL? = nil) {
        self.environment = environment
        self.configuredURL = configuredURL
        self.forcedURL = forcedURL
    }

    public struct Resolved: Sendable, Hashable {
        /// Scheme, host, port and base path; requests add their own path.
        public var baseURL: URL
        public var signingRegion: String
    }

    public func resolve(_ service: AWSService, region: String) -> Resolved {
        let signingRegion = service.globalRegion ?? region
        if let override = forcedURL ?? overrideURL(for: service) ?? configuredURL {
            return Resolved(baseURL: override, signingRegion: signingRegion)
        }
        let host = service.globalHost ?? "\(service.endpointPrefix).\(region).\(Self.dnsSuffix(region))"
        return Resolved(baseURL: URL(string: "https://\(host)")!, signingRegion: signingRegion)
    }

    private func overrideURL(for service: AWSService) -> URL? {
        for name in ["AWS_ENDPOINT_URL_\(service.environmentID)", "AWS_ENDPOINT_URL"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty, let url = URL(string: value) {
                return url
            }
        }
        return nil
    }

    /// China regions live under `amazonaws.com.cn`; everything else under `amazonaws.com`.
    static func dnsSuffix(_ region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }
}
