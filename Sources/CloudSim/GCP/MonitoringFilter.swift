/// A Cloud Monitoring filter, in the subset the simulator understands: comparisons joined by
/// `AND`, each `field = "value"` or `field != "value"`, where the field is `metric.type`,
/// `resource.type`, `metric.labels.<key>` or `resource.labels.<key>` (`label` is accepted for
/// `labels`). Exactly one `metric.type = "…"` is required, as Monitoring requires. Anything else
/// (OR, NOT, parentheses, `:`, functions such as `starts_with`) is refused with INVALID_ARGUMENT.
struct MonitoringFilter: Sendable {
    enum Field: Sendable, Hashable {
        case metricLabel(String)
        case resourceLabel(String)

        /// A `groupByFields` entry or filter field naming a label.
        static func parse(_ text: String) -> Field? {
            for (prefix, make) in [("metric.labels.", Field.metricLabel), ("metric.label.", Field.metricLabel),
                                   ("resource.labels.", Field.resourceLabel), ("resource.label.", Field.resourceLabel)] as [(String, (String) -> Field)]
            where text.hasPrefix(prefix) && text.count > prefix.count {
                return make(String(text.dropFirst(prefix.count)))
            }
            return nil
        }
    }

    struct Condition: Sendable, Hashable {
        var field: Field
        var value: String
        var equal: Bool
    }

    var metricType: String
    var resourceType: String?
    var resourceTypeEqual = true
    var conditions: [Condition]

    func matches(_ series: MonitoringSeries) -> Bool {
        if let resourceType, (series.resourceType == resourceType) != resourceTypeEqual { return false }
        return conditions.allSatisfy { condition in
            (series.label(condition.field) == condition.value) == condition.equal
        }
    }

    static func parse(_ text: String) throws(GCPServiceError) -> MonitoringFilter {
        func invalid(_ why: String) -> GCPServiceError {
            .invalidArgument("Field filter had an invalid value of \"\(text)\": \(why)")
        }
        let tokens = try tokenize(text, invalid: invalid)
        var metricTypes: [String] = []
        var resourceType: String?
        var resourceTypeEqual = true
        var conditions: [Condition] = []
        var index = 0
        while index < tokens.count {
            guard index + 2 < tokens.count else {
                throw invalid("incomplete comparison at the end of the filter.")
            }
            guard case .word(let field) = tokens[index], case .operator(let op) = tokens[index + 1],
                case .string(let value) = tokens[index + 2]
            else {
                throw invalid("the simulator supports only comparisons of the form field = \"value\" joined by AND.")
            }
            let equal = op == "="
            switch field {
            case "metric.type":
                guard equal else { throw invalid("a filter must name its metric type with '='.") }
                metricTypes.append(value)
            case "resource.type":
                guard resourceType == nil else { throw invalid("resource.type is given twice.") }
                resourceType = value
                resourceTypeEqual = equal
            default:
                guard let parsed = Field.parse(field) else { throw invalid("unknown or unsupported field '\(field)'.") }
                conditions.append(Condition(field: parsed, value: value, equal: equal))
            }
            index += 3
            if index < tokens.count {
                guard case .word(let joiner) = tokens[index], joiner.uppercased() == "AND" else {
                    throw invalid("the simulator supports only comparisons joined by AND.")
                }
                index += 1
                guard index < tokens.count else { throw invalid("the filter ends with AND.") }
            }
        }
        guard metricTypes.count == 1 else {
            throw invalid(metricTypes.isEmpty ? "A filter must specify a metric type." : "A filter must specify exactly one metric type.")
        }
        return MonitoringFilter(metricType: metricTypes[0], resourceType: resourceType, resourceTypeEqual: resourceTypeEqual, conditions: conditions)
    }

    private enum Token {
        case word(String)
        case string(String)
        case `operator`(String)
    }

    private static func tokenize(_ text: String, invalid: (String) -> GCPServiceError) throws(GCPServiceError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var position = 0
        while position < characters.count {
            let character = characters[position]
            if character.isWhitespace {
                position += 1
            } else if character == "\"" {
                position += 1
                var value = ""
                var closed = false
                while position < characters.count {
                    let next = characters[position]
                    position += 1
                    if next == "\\", position < characters.count {
                        value.append(characters[position])
                        position += 1
                    } else if next == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(next)
                    }
                }
                guard closed else { throw invalid("unterminated string.") }
                tokens.append(.string(value))
            } else if character == "=" {
                tokens.append(.operator("="))
                position += 1
            } else if character == "!", position + 1 < characters.count, characters[position + 1] == "=" {
                tokens.append(.operator("!="))
                position += 2
            } else if character.isLetter || character.isNumber || character == "_" || character == "." || character == "/" || character == "-" {
                var word = ""
                while position < characters.count,
                    characters[position].isLetter || characters[position].isNumber || "_./-".contains(characters[position])
                {
                    word.append(characters[position])
                    position += 1
                }
                tokens.append(.word(word))
            } else {
                throw invalid("the simulator does not support '\(character)' in filters.")
            }
        }
        // A bare word as a value (metric.labels.x = total) is read as that string.
        var result: [Token] = []
        for (index, token) in tokens.enumerated() {
            if case .word(let word) = token, index > 0, case .operator = tokens[index - 1] {
                result.append(.string(word))
            } else {
                result.append(token)
            }
        }
        return result
    }
}
