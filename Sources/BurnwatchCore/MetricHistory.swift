import Foundation

/// Two tiers of history for one metric of one endpoint: 24 h at one minute and 7 d at one hour.
public struct MetricHistory: Sendable, Equatable {
    public private(set) var minutes: TimeSeries
    public private(set) var hours: TimeSeries

    public init(minuteCapacity: Int = 1440, hourCapacity: Int = 168) {
        minutes = TimeSeries(capacity: minuteCapacity, resolution: 60)
        hours = TimeSeries(capacity: hourCapacity, resolution: 3600)
    }

    /// Records a minute value and refreshes the mean of its hour in the hourly tier.
    public mutating func record(_ value: Double, at time: Date) {
        minutes.record(value, at: time)
        let hourStart = Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let slots = minutes.window(count: 60, endingAt: hourStart.addingTimeInterval(3599)).compactMap { $0 }
        if !slots.isEmpty {
            hours.record(slots.reduce(0, +) / Double(slots.count), at: hourStart)
        }
    }

    public var latest: (time: Date, value: Double)? { minutes.latest }
}
