import Foundation

/// Just enough XML for the query-protocol answers we read (STS): the text of the first element
/// with a given name. The answers are flat and small; a full parser would buy nothing.
public enum AWSXML {
    /// The unescaped text inside the first `<name>…</name>` (namespaced or not), or nil.
    public static func firstValue(_ name: String, in body: [UInt8]) -> String? {
        guard let text = String(bytes: body, encoding: .utf8) else { return nil }
        return firstValue(name, in: text)
    }

    public static func firstValue(_ name: String, in text: String) -> String? {
        var searchStart = text.startIndex
        while let open = text.range(of: "<\(name)", range: searchStart..<text.endIndex) {
            // Accept `<Name>` and `<Name attr="…">`, not `<NameSuffix>`.
            guard let close = text.range(of: ">", range: open.upperBound..<text.endIndex) else { return nil }
            let between = text[open.upperBound..<close.lowerBound]
            if between.isEmpty || between.first == " " {
                if between.hasSuffix("/") { return "" }
                guard let end = text.range(of: "</\(name)>", range: close.upperBound..<text.endIndex) else { return nil }
                return unescape(String(text[close.upperBound..<end.lowerBound]))
            }
            searchStart = open.upperBound
        }
        return nil
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#xD;", with: "\r").replacingOccurrences(of: "&#xA;", with: "\n")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
