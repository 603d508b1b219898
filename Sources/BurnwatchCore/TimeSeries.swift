import Foundation

/// A fixed-size ring of evenly spaced points, newest last, with implicit timestamps.
///
/// Each slot holds one `Float` (4 bytes); a slot never written is missing (`nil`), which is
/// distinct from zero. The timestamp of a slot is derived from its position, so a day at
/// one-minute resolution costs 1,440 × 4 bytes per series.
public struct TimeSeries: Sendable, Equatable {
    public let resolution: TimeInterval
    public let capacity: Int
    private var values: [Float]
    /// Index of the newest slot in `values`.
    private var head: Int
    /// Bucket number (time / resolution) of the newest slot, or nil when nothing was written yet.
    private var newestBucket: Int64?

    public init(capacity: Int = 1440, resolution: TimeInterval = 60) {
        precondition(capacity > 0 && resolution > 0)
        self.capacity = capacity
        self.resolution = resolution
        self.values = [Float](repeating: .nan, count: capacity)
        self.head = capacity - 1
        self.newestBucket = nil
    }

    private func bucket(of time: Date) -> Int64 {
        Int64((time.timeIntervalSince1970 / resolution).rounded(.down))
    }

    /// The start time of the newest slot, if any.
    public var newestTime: Date? {
        newestBucket.map { Date(timeIntervalSince1970: Double($0) * resolution) }
    }

    /// Records `value` for the slot containing `time`. A later write to the same slot replaces
    /// the earlier one (providers revise the last minutes). Points older than the window are dropped.
    public mutating func record(_ value: Double, at time: Date) {
        let target = bucket(of: time)
        guard let newest = newestBucket else {
            newestBucket = target
            values[head] = Float(value)
            return
        }
        if target > newest {
            let advance = target - newest
            if advance >= Int64(capacity) {
                for index in values.indices { values[index] = .nan }
                head = capacity - 1
            } else {
                for _ in 0..<Int(advance) {
                    head = (head + 1) % capacity
                    values[head] = .nan
                }
            }
            newestBucket = target
            values[head] = Float(value)
        } else {
            let back = newest - target
            guard back < Int64(capacity) else { return }
            let index = (head - Int(back) + capacity) % capacity
            values[index] = Float(value)
        }
    }

    /// The value in the slot containing `time`, or nil when missing or outside the window.
    public func value(at time: Date) -> Double? {
        guard let newest = newestBucket else { return nil }
        let target = bucket(of: time)
        let back = newest - target
        guard back >= 0, back < Int64(capacity) else { return nil }
        let stored = values[(head - Int(back) + capacity) % capacity]
        return stored.isNaN ? nil : Double(stored)
    }

    /// The newest value that is present, with the start time of its slot.
    public var latest: (time: Date, value: Double)? {
        guard let newest = newestBucket else { return nil }
        for back in 0..<capacity {
            let stored = values[(head - back + capacity) % capacity]
            if !stored.isNaN {
                return (Date(timeIntervalSince1970: Double(newest - Int64(back)) * resolution), Double(stored))
            }
        }
        return nil
    }

    /// `count` consecutive slots ending at the slot containing `end`, oldest first; missing slots are nil.
    public func window(count: Int, endingAt end: Date) -> [Double?] {
        let endBucket = bucket(of: end)
        return (0..<count).map { offset in
            let slotBucket = endBucket - Int64(count - 1 - offset)
            return value(at: Date(timeIntervalSince1970: Double(slotBucket) * resolution))
        }
    }

    /// Present points with their timestamps, oldest first.
    public var points: [(time: Date, value: Double)] {
        guard let newest = newestBucket else { return [] }
        var result: [(Date, Double)] = []
        for back in stride(from: capacity - 1, through: 0, by: -1) {
            let stored = values[(head - back + capacity) % capacity]
            if !stored.isNaN {
                result.append((Date(timeIntervalSince1970: Double(newest - Int64(back)) * resolution), Double(stored)))
            }
        }
        return result
    }
}
