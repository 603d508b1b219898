import BurnwatchTOML
import Testing

/// Whatever the input, the parser returns a document or throws a positioned error: it never traps.
@Suite struct TOMLRobustnessTests {
    static let sample = """
        # sample
        refresh = "60s"
        ratio = 1.5e0
        hex = 0xFF
        when = 1979-05-27T07:32:00Z
        list = [1, [2, 3], { a = "b" }, ]
        multi = \"\"\"
        line \\
          joined\"\"\"
        lit = '''x'''
        [[aws]]
        profile = 'p'
        [aws.inner]
        "quoted key" = true
        [forecast]
        "aws/x" = "1.00 USD"
        """

    @Test func everyTruncationParsesOrFailsCleanly() {
        let scalars = Array(Self.sample.unicodeScalars)
        for length in 0...scalars.count {
            let text = String(String.UnicodeScalarView(scalars[0..<length]))
            expectParsesOrThrows(text)
        }
    }

    @Test func everySingleCharacterMutationParsesOrFailsCleanly() {
        let scalars = Array(Self.sample.unicodeScalars)
        let replacements: [Unicode.Scalar] = ["\"", "'", "[", "]", "{", "}", "=", ".", ",", "#", "\\", "\n", "\r", " ", "0", "-", "\u{0}"]
        for index in scalars.indices {
            for replacement in replacements {
                var mutated = scalars
                mutated[index] = replacement
                expectParsesOrThrows(String(String.UnicodeScalarView(mutated)))
            }
        }
    }

    @Test func deepNestingIsRefusedNotOverflowed() {
        let deep = "a = " + String(repeating: "[", count: 100_000)
        do {
            _ = try TOMLDocument(parsing: deep)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "arrays and inline tables nest more than 64 deep")
            #expect(error.column == 69)
        }
        let fine = "a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try TOMLDocument(parsing: fine) }
        let inline = "a = " + String(repeating: "{ b = ", count: 65) + "1" + String(repeating: " }", count: 65)
        #expect(throws: TOMLError.self) { try TOMLDocument(parsing: inline) }
    }

    @Test func errorPositionsStayInsideTheText() {
        for text in ["\"", "a = \"\\u", "[", "[[", "a = [", "a = {", "a = '''", "a = 1979-", "a.", "a = 0x"] {
            do {
                _ = try TOMLDocument(parsing: text)
                Issue.record("expected \(text.debugDescription) to fail")
            } catch {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(error.line >= 1 && error.line <= lines.count, "\(text.debugDescription): \(error)")
                #expect(error.column >= 1 && error.column <= lines[error.line - 1].unicodeScalars.count + 1, "\(text.debugDescription): \(error)")
            }
        }
    }

    private func expectParsesOrThrows(_ text: String) {
        do {
            _ = try TOMLDocument(parsing: text)
        } catch {
            #expect(error.line >= 1 && error.column >= 1)
        }
    }
}
