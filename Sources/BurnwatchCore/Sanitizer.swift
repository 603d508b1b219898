/// Strips what could drive a terminal from strings that came from the network: C0 and C1
/// control characters, DEL, and so every escape sequence's introducer. Tabs and newlines
/// become spaces; bidirectional overrides are removed so text cannot reorder a row.
public enum Sanitizer {
    public static func clean(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D:
                result.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
