import Foundation

/// Durations as the config writes them: `"60s"`, `"5m"`, `"4h"`, `"1h30m"`, `"1d"`: whole numbers
/// with units from largest to smallest, each unit at most once.
public enum ConfigDuration {
    private static let units: [(symbol: Character, seconds: Int)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The number of seconds `text` stands for; nil when it is not a duration.
    public static func seconds(parsing text: String) -> TimeInterval? {
        var total = 0
        var digits = ""
        var nextUnit = 0
        var sawComponent = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                // Nine digits is already thirty years of seconds; more is a typo, not a cadence.
                guard digits.count <= 9 else { return nil }
                continue
            }
            guard let unitIndex = units.firstIndex(where: { $0.symbol == character }),
                  unitIndex >= nextUnit, let count = Int(digits)
            else { return nil }
            total += count * units[unitIndex].seconds
            nextUnit = unitIndex + 1
            digits = ""
            sawComponent = true
        }
        guard sawComponent, digits.isEmpty else { return nil }
        return TimeInterval(total)
    }

    /// The shortest spelling of a whole number of seconds: 90 → `"1m30s"`, 3600 → `"1h"`, 0 → `"0s"`.
    public static func format(_ seconds: TimeInterval) -> String {
        var remaining = Int(seconds.rounded())
        guard remaining > 0 else { return "0s" }
        var text = ""
        for unit in units where remaining >= unit.seconds {
            text += "\(remaining / unit.seconds)\(unit.symbol)"
            remaining %= unit.seconds
        }
        return text
    }
}
