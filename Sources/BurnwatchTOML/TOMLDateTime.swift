/// Recognises TOML's date-time forms well enough to accept valid ones and reject malformed ones.
/// burnwatch reads no dates from its files, so values stay as text.
enum TOMLDateTime {
    /// `YYYY-MM-DD` with a plausible month and day.
    static func isDate(_ text: some StringProtocol) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-",
              let year = number(scalars[0..<4]), let month = number(scalars[5..<7]), let day = number(scalars[8..<10])
        else { return false }
        _ = year
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Starts like a date (`dddd-`), so it is read as one and reported as a bad date if it is not.
    static func hasDateShape(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(5))
        return scalars.count == 5 && scalars[4] == "-" && scalars[0..<4].allSatisfy { ("0"..."9").contains($0) }
    }

    /// `HH:MM:SS` with an optional fraction.
    static func isTime(_ text: some StringProtocol) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 8, scalars[2] == ":", scalars[5] == ":",
              let hour = number(scalars[0..<2]), let minute = number(scalars[3..<5]), let second = number(scalars[6..<8])
        else { return false }
        guard hour < 24, minute < 60, second <= 60 else { return false }
        if scalars.count == 8 { return true }
        return scalars[8] == "." && scalars.count > 9 && number(scalars[9...]) != nil
    }

    /// A local date, local time, local date-time or offset date-time.
    static func isValid(_ text: String) -> Bool {
        if isDate(text) || isTime(text) { return true }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 11, ["T", "t", " "].contains(scalars[10]),
              isDate(String(String.UnicodeScalarView(scalars[0..<10]))) else { return false }
        var time = String(String.UnicodeScalarView(scalars[11...]))
        if time.hasSuffix("Z") || time.hasSuffix("z") {
            time.removeLast()
        } else if time.count > 6 {
            let offset = Array(time.unicodeScalars.suffix(6))
            if (offset[0] == "+" || offset[0] == "-"), offset[3] == ":",
               let hours = number(offset[1..<3]), let minutes = number(offset[4..<6]), hours < 24, minutes < 60 {
                time.unicodeScalars.removeLast(6)
            }
        }
        return isTime(time)
    }

    private static func number(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !scalars.isEmpty, scalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(String(String.UnicodeScalarView(scalars)))
    }
}
