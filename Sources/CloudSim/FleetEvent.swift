import BurnwatchCore

/// A scripted change to one endpoint, timed in minutes from the model's start (negative: before it).
/// Endpoints are named as in their `EndpointID.name`.
public enum FleetEvent: Sendable, Hashable {
    /// Multiplies the endpoint's organic traffic (a launch, a marketing push, a regional failover).
    case trafficSurge(endpoint: String, minutes: Range<Int>, factor: Double)
    /// Adds a steady stream of calls with their own token sizes (a batch job, a runaway retry loop).
    case batchLoad(endpoint: String, minutes: Range<Int>, invocationsPerMinute: Double, tokens: TokenMix?)
    /// Adds this fraction of failed calls (a bad deploy, a dependency outage, quota throttling).
    case errorBurst(endpoint: String, minutes: Range<Int>, errorFraction: Double)
    /// Replaces the endpoint's configuration from this minute on (replica bounds, instance type, units).
    case reconfigure(endpoint: String, atMinute: Int, configuration: EndpointConfiguration)

    /// An upper bound for windows that never close.
    public static let forever = Int.max / 2

    public var endpoint: String {
        switch self {
        case .trafficSurge(let name, _, _), .batchLoad(let name, _, _, _), .errorBurst(let name, _, _),
            .reconfigure(let name, _, _):
            name
        }
    }
}
