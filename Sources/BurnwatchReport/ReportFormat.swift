/// The one-shot output formats of `burnwatch report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table
    case markdown
    case csv
    case json
}
