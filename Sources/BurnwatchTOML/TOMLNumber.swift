/// Reads TOML integers and floats from their token text, following TOML 1.0's rules for signs,
/// prefixes, leading zeros and `_` separators (each `_` between two digits).
enum TOMLNumber {
    static func parse(_ text: String, at position: TOMLPosition, path: TOMLKeyPath) throws(TOMLError) -> TOMLValue {
        func value(_ content: TOMLValue.Content) -> TOMLValue {
            TOMLValue(content, position: position, path: path, literal: text)
        }
        switch text {
        case "inf", "+inf": return value(.float(.infinity))
        case "-inf": return value(.float(-.infinity))
        case "nan", "+nan", "-nan": return value(.float(.nan))
        default: break
        }

        guard text.contains(where: \.isASCIIDigit) else {
            throw .syntax("expected a value (strings need quotes)", at: position)
        }

        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }

        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
            guard text.first != "+", text.first != "-" else {
                throw .syntax("a sign is not allowed on a hexadecimal, octal or binary integer", at: position)
            }
            let digits = body.dropFirst(2)
            guard hasValidSeparators(digits, isDigit: { Int(String($0), radix: radix) != nil }) else {
                throw .syntax("invalid number", at: position)
            }
            guard let number = Int64(String(digits.filter { $0 != "_" }), radix: radix) else {
                throw .syntax("integer out of range (a 64-bit integer)", at: position)
            }
            return value(.integer(number))
        }

        if body.filter({ $0 == "." }).count > 1 {
            throw .syntax("invalid number", at: position)
        }
        let exponentIndex = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = exponentIndex.map { body[..<$0] } ?? body
        let dotIndex = mantissa.firstIndex(of: ".")
        let integerPart = dotIndex.map { mantissa[..<$0] } ?? mantissa

        guard hasValidSeparators(integerPart, isDigit: \.isASCIIDigit) else {
            throw .syntax("invalid number", at: position)
        }
        if integerPart.count > 1, integerPart.first == "0" {
            throw .syntax("leading zeros are not allowed in a number", at: position)
        }

        if dotIndex == nil, exponentIndex == nil {
            guard let number = Int64(sign + String(integerPart.filter { $0 != "_" })) else {
                throw .syntax("integer out of range (a 64-bit integer)", at: position)
            }
            return value(.integer(number))
        }

        if let dotIndex {
            let fraction = mantissa[mantissa.index(after: dotIndex)...]
            guard hasValidSeparators(fraction, isDigit: \.isASCIIDigit) else {
                throw .syntax("a decimal point needs digits on both sides", at: position)
            }
        }
        if let exponentIndex {
            var exponent = body[body.index(after: exponentIndex)...]
            if let first = exponent.first, first == "+" || first == "-" { exponent = exponent.dropFirst() }
            guard hasValidSeparators(exponent, isDigit: \.isASCIIDigit) else {
                throw .syntax("invalid exponent", at: position)
            }
        }
        guard let number = Double(sign + String(body.filter { $0 != "_" })), number.isFinite else {
            throw .syntax("float out of range", at: position)
        }
        return value(.float(number))
    }

    /// Non-empty, only digits and `_`, and every `_` has a digit on both sides.
    private static func hasValidSeparators(_ text: Substring, isDigit: (Character) -> Bool) -> Bool {
        guard let first = text.first, let last = text.last, isDigit(first), isDigit(last) else { return false }
        var previousWasSeparator = false
        for character in text {
            if character == "_" {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else if isDigit(character) {
                previousWasSeparator = false
            } else {
                return false
            }
        }
        return true
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
