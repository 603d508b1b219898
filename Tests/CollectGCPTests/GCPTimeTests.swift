import Foundation
import Testing
@testable import CollectGCP

@Suite struct GCPTimeTests {
    /// The reference: Foundation's own RFC 3339 reader, for whole seconds in UTC.
    func foundation(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    @Test func agreesWithFoundationAcrossEdges() {
        for text in [
            "1970-01-01T00:00:00Z", "2025-06-16T10:05:00Z", "2024-02-29T23:59:59Z", "2000-02-29T12:00:00Z",
            "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-03-01T00:00:00Z",
        ] {
            #expect(GCPTime.parse(text) == foundation(text), "\(text)")
            #expect(GCPTime.format(foundation(text)!) == text)
        }
    }

    @Test func fractionsAndOffsets() {
        let base = foundation("2025-06-16T10:05:00Z")!
        #expect(GCPTime.parse("2025-06-16T10:05:00.5Z") == base.addingTimeInterval(0.5))
        #expect(abs(GCPTime.parse("2025-06-16T10:05:00.123456789Z")!.timeIntervalSince(base) - 0.123456789) < 1e-6)
        #expect(GCPTime.parse("2025-06-16T12:05:00+02:00") == base)
        #expect(GCPTime.parse("2025-06-16T05:35:00-04:30") == base)
        #expect(GCPTime.parse("2025-06-16t10:05:00z") == base)
    }

    @Test func malformedTextIsRefused() {
        for text in [
            "", "2025-06-16", "2025-06-16T10:05:00", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2025-06-16T24:00:00Z",
            "2025-06-16T10:05:00.Z", "2025-06-16T10:05:00+0200", "2025-06-16T10:05:00Zjunk", "２０２５-06-16T10:05:00Z",
        ] {
            #expect(GCPTime.parse(text) == nil, "\(text)")
        }
    }
}
