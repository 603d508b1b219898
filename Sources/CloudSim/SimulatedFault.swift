import BurnwatchCollect
import BurnwatchCore
import Foundation

/// A scripted collector failure: for a window of minutes after the model's start, one cloud's
/// collector fails some data classes in a given way.
public struct SimulatedFault: Sendable, Hashable {
    public enum Behaviour: Sendable, Hashable {
        /// The round throws this error.
        case fail(CollectorError)
        /// The round does not answer: it sleeps (real time) until cancelled, then throws
        /// `CancellationError`; if nobody cancels it within `seconds`, it throws `.timeout`.
        case hang(seconds: TimeInterval)
        /// The provider answers garbage: for now the round throws `.malformedResponse`.
        case malformed(detail: String)
    }

    /// The cloud whose collector fails; nil: every cloud.
    public var cloud: Cloud?
    public var dataClasses: Set<DataClass>
    /// Minutes after the model's start: active when `start + lower·60 ≤ now < start + upper·60`.
    public var minutes: Range<Int>
    public var behaviour: Behaviour

    public init(cloud: Cloud?, dataClasses: Set<DataClass> = Set(DataClass.allCases), minutes: Range<Int>, behaviour: Behaviour) {
        self.cloud = cloud
        self.dataClasses = dataClasses
        self.minutes = minutes
        self.behaviour = behaviour
    }

    /// The provider throttles: each round throws `.throttled(retryAfter:)`.
    public static func throttled(
        cloud: Cloud?, dataClasses: Set<DataClass> = [.metrics], minutes: Range<Int>, retryAfter: TimeInterval = 30
    ) -> SimulatedFault {
        SimulatedFault(
            cloud: cloud, dataClasses: dataClasses, minutes: minutes,
            behaviour: .fail(.throttled(retryAfter: retryAfter, "simulated throttling (HTTP 429)"))
        )
    }

    func applies(to cloud: Cloud, dataClass: DataClass, offset: TimeInterval) -> Bool {
        guard self.cloud == nil || self.cloud == cloud, dataClasses.contains(dataClass) else { return false }
        let minute = (offset / 60).rounded(.down)
        return minute >= Double(minutes.lowerBound) && minute < Double(minutes.upperBound)
    }
}
