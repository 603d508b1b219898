import BurnwatchCore
import Foundation
import Testing

@Suite struct TimeSeriesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func missingSlotsAreNilNotZero() {
        var series = TimeSeries(capacity: 10, resolution: 60)
        series.record(5, at: t0)
        series.record(7, at: t0.addingTimeInterval(180))
        #expect(series.window(count: 4, endingAt: t0.addingTimeInterval(180)) == [5, nil, nil, 7])
        #expect(series.latest?.value == 7)
        #expect(series.value(at: t0.addingTimeInterval(60)) == nil)
    }

    @Test func wrapsAroundAndDropsTheOldest() {
        var series = TimeSeries(capacity: 3, resolution: 60)
        for minute in 0..<5 { series.record(Double(minute), at: t0.addingTimeInterval(Double(minute) * 60)) }
        #expect(series.points.map(\.value) == [2, 3, 4])
        #expect(series.value(at: t0) == nil)
        #expect(series.points.first?.time == t0.addingTimeInterval(120))
    }

    @Test func lateRevisionReplacesAnEarlierMinute() {
        var series = TimeSeries(capacity: 5, resolution: 60)
        series.record(1, at: t0.addingTimeInterval(120))
        series.record(9, at: t0.addingTimeInterval(60))
        series.record(3, at: t0.addingTimeInterval(60 + 30))
        #expect(series.value(at: t0.addingTimeInterval(60)) == 3)
        #expect(series.latest?.value == 1)
    }

    @Test func pointsOlderThanTheWindowAreIgnored() {
        var series = TimeSeries(capacity: 3, resolution: 60)
        series.record(1, at: t0.addingTimeInterval(600))
        series.record(2, at: t0)
        #expect(series.points.count == 1)
    }

    @Test func aLongGapClearsEverything() {
        var series = TimeSeries(capacity: 3, resolution: 60)
        series.record(1, at: t0)
        series.record(2, at: t0.addingTimeInterval(3600))
        #expect(series.points.map(\.value) == [2])
    }

    @Test func hourlyTierHoldsTheMeanOfItsMinutes() {
        var history = MetricHistory()
        let hour = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 3600))
        history.record(10, at: hour)
        history.record(20, at: hour.addingTimeInterval(60))
        history.record(60, at: hour.addingTimeInterval(120))
        #expect(history.hours.value(at: hour) == 30)
    }

    @Test func stalenessIsTwiceCadencePlusIngestDelay() {
        let policy = StalenessPolicy(cadence: 60, ingestDelay: 120)
        #expect(policy.staleAfter == 240)
        #expect(!policy.isStale(observedAt: t0, now: t0.addingTimeInterval(240)))
        #expect(policy.isStale(observedAt: t0, now: t0.addingTimeInterval(241)))
    }
}

@Suite struct SanitizerTests {
    @Test func stripsEscapeSequencesAndControls() {
        #expect(Sanitizer.clean("llm\u{1B}[2J-prod\u{07}") == "llm[2J-prod")
        #expect(Sanitizer.clean("a\tb\nc") == "a b c")
        #expect(Sanitizer.clean("x\u{9B}31m") == "x31m")
        #expect(Sanitizer.clean("evil\u{202E}txt") == "eviltxt")
        #expect(Sanitizer.clean("naïve-端点") == "naïve-端点")
    }
}
