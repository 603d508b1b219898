/// A benchmark whose set-up did not produce what it is meant to measure: the run stops with this
/// message rather than print figures for the wrong thing.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
