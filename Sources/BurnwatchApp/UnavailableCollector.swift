import BurnwatchCollect
import BurnwatchCore
import Foundation

/// A configured account that cannot be polled (a profile that does not exist, no region): it
/// fails every round with the reason, so the Collectors screen shows the problem next to the
/// accounts that work instead of the whole dashboard refusing to start.
public struct UnavailableCollector: Collector {
    public let descriptor: CollectorDescriptor
    public let error: CollectorError

    public init(descriptor: CollectorDescriptor, error: CollectorError) {
        self.descriptor = descriptor
        self.error = error
    }

    public func collect(_ dataClass: DataClass, context: CollectContext) async throws -> CollectBatch {
        throw error
    }
}
