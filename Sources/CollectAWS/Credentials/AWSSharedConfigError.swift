/// A line of `~/.aws/config` or `~/.aws/credentials` that cannot be read, named by file and line.
/// Never repeats the line itself: it may hold a secret key.
public struct AWSSharedConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Reason: Sendable, Hashable {
        case unclosedSection
        case textAfterSection
        case emptySectionName
        case propertyOutsideSection
        case missingEquals
        case emptyKey
    }

    let reason: Reason
    public let file: String
    public let line: Int

    init(_ reason: Reason, file: String, line: Int) {
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String {
        let text = switch reason {
        case .unclosedSection: "section header has no closing ']'"
        case .textAfterSection: "unexpected text after the section header's ']' (comments start with # or ;)"
        case .emptySectionName: "section header has no name"
        case .propertyOutsideSection: "setting before any [section] header"
        case .missingEquals: "expected 'key = value'"
        case .emptyKey: "setting has no name before '='"
        }
        return "\(file):\(line): \(text)"
    }
}
