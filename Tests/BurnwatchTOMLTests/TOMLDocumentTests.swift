import Testing
import Foundation
import BurnwatchTOML

/// Parses `text`, failing the test with the parser's message if it does not parse.
private func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TOMLTable {
    do {
        return try TOMLDocument(parsing: text).root
    } catch {
        Issue.record("unexpected parse error: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error `text` fails with; records an issue when it parses.
private func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
    do {
        _ = try TOMLDocument(parsing: text)
        Issue.record("expected a parse error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct TOMLScalarTests {
    @Test func stringsIntegersFloatsBooleans() throws {
        let root = try parse("""
            name = "burn"
            count = 42
            negative = -17
            big = 1_000_000
            ratio = 1.5
            exp = 6.02e23
            small = -1E-2
            on = true
            off = false
            """)
        #expect(try root.string("name") == "burn")
        #expect(try root.integer("count") == 42)
        #expect(try root.integer("negative") == -17)
        #expect(try root.integer("big") == 1_000_000)
        #expect(try root.float("ratio") == 1.5)
        #expect(try root.float("exp") == 6.02e23)
        #expect(try root.float("small") == -0.01)
        #expect(try root.bool("on") == true)
        #expect(try root.bool("off") == false)
        #expect(root.keys == ["name", "count", "negative", "big", "ratio", "exp", "small", "on", "off"])
    }

    @Test func prefixedIntegersAndSpecialFloats() throws {
        let root = try parse("""
            hex = 0xDEAD_beef
            oct = 0o755
            bin = 0b1101
            plus = +99
            zero = 0
            top = 9223372036854775807
            bottom = -9223372036854775808
            pinf = +inf
            ninf = -inf
            notanumber = nan
            """)
        #expect(try root.integer("hex") == 0xDEAD_BEEF)
        #expect(try root.integer("oct") == 0o755)
        #expect(try root.integer("bin") == 13)
        #expect(try root.integer("plus") == 99)
        #expect(try root.integer("zero") == 0)
        #expect(try root.integer("top") == Int64.max)
        #expect(try root.integer("bottom") == Int64.min)
        #expect(try root.float("pinf") == .infinity)
        #expect(try root.float("ninf") == -.infinity)
        #expect(try root.float("notanumber")?.isNaN == true)
    }

    @Test func decimalsAreReadExactlyFromTheSourceText() throws {
        let root = try parse("a = 1.1\nb = 1_000.000_1\nc = 3\nd = 2.5e2")
        #expect(try root.decimal("a") == Decimal(string: "1.1"))
        #expect(try root.decimal("b") == Decimal(string: "1000.0001"))
        #expect(try root.decimal("c") == 3)
        #expect(try root.decimal("d") == 250)
    }

    @Test func basicStringEscapes() throws {
        let root = try parse(#"""
            s = "tab\there \"quoted\" back\\slash \u00E9 \U0001F525 nl\n"
            """#)
        #expect(try root.string("s") == "tab\there \"quoted\" back\\slash é 🔥 nl\n")
    }

    @Test func literalStringsKeepBackslashes() throws {
        let root = try parse(#"path = 'C:\Users\burn' "#)
        #expect(try root.string("path") == #"C:\Users\burn"#)
    }

    @Test func multiLineBasicStringTrimsFirstNewlineAndJoinsBackslashLines() throws {
        let root = try parse("""
            text = \"\"\"
            one
            two \\
                three\"\"\"
            quotes = \"\"\"a ""quoted"" b\"\"\"\"\"
            """)
        #expect(try root.string("text") == "one\ntwo three")
        #expect(try root.string("quotes") == "a \"\"quoted\"\" b\"\"")
    }

    @Test func multiLineLiteralString() throws {
        let root = try parse("""
            text = '''
            raw \\n stays
            second'''
            """)
        #expect(try root.string("text") == "raw \\n stays\nsecond")
    }

    @Test func dateTimesAreKeptAsText() throws {
        let root = try parse("""
            a = 1979-05-27T07:32:00Z
            b = 1979-05-27 07:32:00.999-07:00
            c = 1979-05-27
            d = 07:32:00
            """)
        #expect(root["a"]?.content == .dateTime("1979-05-27T07:32:00Z"))
        #expect(root["b"]?.content == .dateTime("1979-05-27 07:32:00.999-07:00"))
        #expect(root["c"]?.content == .dateTime("1979-05-27"))
        #expect(root["d"]?.content == .dateTime("07:32:00"))
    }

    @Test func commentsBlankLinesCRLFAndByteOrderMark() throws {
        let root = try parse("\u{FEFF}# header comment\r\n\r\n  a = 1 # trailing\r\n\tb = \"# not a comment\"\r\n")
        #expect(try root.integer("a") == 1)
        #expect(try root.string("b") == "# not a comment")
        #expect(root.entry("b")?.keyPosition == TOMLPosition(line: 4, column: 2))
    }

    @Test func emptyDocument() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("# only a comment\n\n").isEmpty)
    }
}

@Suite struct TOMLKeyTests {
    @Test func quotedAndDottedKeys() throws {
        let root = try parse("""
            "aws/ml.g5.2xlarge" = "1.515 USD/h"
            'literal key' = 1
            site."google.com" = true
            a . b . c = 2
            """)
        #expect(try root.string("aws/ml.g5.2xlarge") == "1.515 USD/h")
        #expect(try root.integer("literal key") == 1)
        #expect(try root.value(atKeys: ["site", "google.com"])?.bool() == true)
        #expect(try root.value(atKeys: ["a", "b", "c"])?.integer() == 2)
        let c = try #require(root.value(atKeys: ["a", "b", "c"]))
        #expect(c.path.description == "a.b.c")
        #expect(root["site"]?.position == TOMLPosition(line: 3, column: 1))
    }

    @Test func dottedKeysExtendTheirOwnTables() throws {
        let root = try parse("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        let apple = try #require(try root.value(atKeys: ["fruit", "apple"])?.table())
        #expect(apple.keys == ["color", "taste", "texture"])
        #expect(try apple.value(atKeys: ["texture", "smooth"])?.bool() == true)
    }

    @Test func keyPathSpelling() {
        #expect(TOMLKeyPath.root.appending("forecast").appending("aws/ml-prod").description == "forecast.'aws/ml-prod'")
        #expect(TOMLKeyPath.root.appending("aws").appending(index: 2).appending("regions").description == "aws[2].regions")
        #expect(TOMLKeyPath.root.appending("it's").description == #""it's""#)
        #expect(TOMLKeyPath.root.appending("").description == "''")
    }
}

@Suite struct TOMLCompoundTests {
    @Test func arraysMultiLineWithCommentsAndTrailingComma() throws {
        let root = try parse("""
            regions = [
              "us-east-1",   # primary
              "eu-west-1",
            ]
            empty = []
            nested = [[1, 2], ["a"]]
            mixed = [1, "two", 3.0]
            """)
        #expect(try root.stringArray("regions") == ["us-east-1", "eu-west-1"])
        #expect(try root.array("empty")?.isEmpty == true)
        let nested = try #require(try root.array("nested"))
        #expect(try nested[1].stringArray() == ["a"])
        #expect(nested[1].path.description == "nested[1]")
        let regions = try #require(try root.array("regions"))
        #expect(regions[1].position == TOMLPosition(line: 3, column: 3))
        #expect(regions[1].path.description == "regions[1]")
        #expect(try root.array("mixed")?.count == 3)
    }

    @Test func inlineTables() throws {
        let root = try parse(#"point = { x = 1, y.z = 2, name = "p" }"# + "\nempty = {}")
        let point = try #require(try root.table("point"))
        #expect(try point.integer("x") == 1)
        #expect(try point.value(atKeys: ["y", "z"])?.integer() == 2)
        #expect(point.entry("name")?.keyPosition == TOMLPosition(line: 1, column: 27))
        #expect(try root.table("empty")?.isEmpty == true)
    }

    @Test func tablesAndSubTables() throws {
        let root = try parse("""
            top = 1

            [server]
            host = "x"

            [server.tls]
            verify = true

            [a.b.c]
            d = 1
            [a]
            e = 2
            """)
        #expect(try root.integer("top") == 1)
        let server = try #require(try root.table("server"))
        #expect(server.position == TOMLPosition(line: 3, column: 1))
        #expect(try server.value(atKeys: ["tls", "verify"])?.bool() == true)
        let a = try #require(try root.table("a"))
        #expect(a.keys == ["b", "e"])
        // `[a]` defines the table that `[a.b.c]` created implicitly: its position is its own header.
        #expect(a.position == TOMLPosition(line: 11, column: 1))
    }

    @Test func arraysOfTablesAndSubTablesOfTheLastElement() throws {
        let root = try parse("""
            [[gcp]]
            project = "one"
            [gcp.endpoints]
            token = "http://a"

            [[gcp]]
            project = "two"
            [gcp.endpoints]
            token = "http://b"

            [[gcp]]
            project = "three"
            """)
        let gcp = try #require(try root.tableArray("gcp"))
        #expect(gcp.count == 3)
        #expect(try gcp.map { try $0.string("project") } == ["one", "two", "three"])
        #expect(try gcp[0].value(atKeys: ["endpoints", "token"])?.string() == "http://a")
        #expect(try gcp[1].value(atKeys: ["endpoints", "token"])?.string() == "http://b")
        #expect(gcp[2]["endpoints"] == nil)
        #expect(gcp[1].position == TOMLPosition(line: 6, column: 1))
        let token = try #require(gcp[1].value(atKeys: ["endpoints", "token"]))
        #expect(token.path.description == "gcp[1].endpoints.token")
        #expect(token.position == TOMLPosition(line: 9, column: 9))
        #expect(root["gcp"]?.typeDescription == "an array of tables")
    }

    @Test func nestedArrayOfTablesInsideAnElement() throws {
        let root = try parse("""
            [[fruits]]
            name = "apple"
            [[fruits.varieties]]
            name = "red delicious"
            [[fruits.varieties]]
            name = "granny smith"
            [[fruits]]
            name = "banana"
            [[fruits.varieties]]
            name = "plantain"
            """)
        let fruits = try #require(try root.tableArray("fruits"))
        #expect(try fruits[0].tableArray("varieties")?.count == 2)
        #expect(try fruits[1].tableArray("varieties")?.first?.string("name") == "plantain")
    }
}

@Suite struct TOMLSyntaxErrorTests {
    @Test func duplicateKeyNamesBothLines() {
        let error = parseError("a = 1\nb = 2\na = 3")
        #expect(error?.line == 3)
        #expect(error?.column == 1)
        #expect(error?.message == #"key "a" is defined twice (first at line 1)"#)
        #expect(error?.isSyntaxError == true)
    }

    @Test func duplicateKeyInsideTableAndDottedKey() {
        #expect(parseError("[t]\nx = 1\n\nx = 2")?.line == 4)
        #expect(parseError("a.b = 1\na.b = 2")?.message == #"key "a.b" is defined twice (first at line 1)"#)
        #expect(parseError("p = { x = 1, x = 2 }")?.column == 14)
    }

    @Test func tableDefinedTwice() {
        let error = parseError("[a]\nx = 1\n\n[a]\ny = 2")
        #expect(error?.line == 4)
        #expect(error?.message == "table [a] is defined twice (first at line 1)")
    }

    @Test func redefinitionsThatTOMLForbids() {
        // A header cannot redefine a table made by dotted keys.
        #expect(parseError("[fruit]\napple.color = \"red\"\n[fruit.apple]")?.line == 3)
        // Dotted keys cannot reach into a table that has its own header.
        #expect(parseError("[a.b]\nx = 1\n[a]\nb.y = 2")?.line == 4)
        // A key holding a value cannot become a table.
        #expect(parseError("a = 1\n[a.b]")?.message == #"key "a" already holds a value (line 1)"#)
        // Inline tables are closed once written.
        #expect(parseError("a = { x = 1 }\na.y = 2")?.line == 2)
        #expect(parseError("a = { x = 1 }\n[a.b]")?.line == 2)
        // A table cannot become an array of tables, nor the other way round.
        #expect(parseError("[a]\n[[a]]")?.line == 2)
        #expect(parseError("[[a]]\n[a]")?.message == #""a" is an array of tables (line 1); use [[a]] to add an element"#)
        // A static array cannot be extended with [[...]].
        #expect(parseError("a = []\n[[a]]")?.line == 2)
    }

    @Test func valueErrorsHaveExactPositions() {
        let unquoted = parseError("a = 1\nname = hello")
        #expect(unquoted?.line == 2)
        #expect(unquoted?.column == 8)
        #expect(unquoted?.message == "expected a value (strings need quotes)")

        #expect(parseError("a = ")?.message == "expected a value")
        #expect(parseError("a = 1 2")?.column == 7)
        #expect(parseError("a = 01")?.message == "leading zeros are not allowed in a number")
        #expect(parseError("a = 1__0")?.message == "invalid number")
        #expect(parseError("a = 1_")?.message == "invalid number")
        #expect(parseError("a = 1.")?.message == "a decimal point needs digits on both sides")
        #expect(parseError("a = 1.5.0")?.message == "invalid number")
        #expect(parseError("a = .5")?.line == 1)
        #expect(parseError("a = 9223372036854775808")?.message == "integer out of range (a 64-bit integer)")
        #expect(parseError("a = +0x10")?.line == 1)
        #expect(parseError("a = truex")?.line == 1)
        #expect(parseError("a = 1979-13-27")?.message == "invalid date or time")
    }

    @Test func stringErrors() {
        let unclosed = parseError("a = 1\nb = \"open\nc = 2")
        #expect(unclosed?.line == 2)
        #expect(unclosed?.column == 5)
        #expect(unclosed?.message == "string is not closed on its line")
        #expect(parseError(#"a = "bad \q escape""#)?.column == 10)
        #expect(parseError(#"a = "\u12""#)?.line == 1)
        #expect(parseError(#"a = "\uD800""#)?.message == "escape is not a Unicode scalar value")
        #expect(parseError("a = \"tab\u{01}\"")?.line == 1)
        #expect(parseError("a = \"\"\"\nnever closed")?.message == "multi-line string opened here is not closed")
    }

    @Test func errorMessagesDoNotQuoteStringContents() {
        let error = parseError(#"client_secret = "hunter2\xsecret""#)
        #expect(error != nil)
        #expect(error.map { !$0.description.contains("hunter2") && !$0.description.contains("secret\"") } == true)
        let bare = parseError("client_secret = hunter2")
        #expect(bare.map { !$0.description.contains("hunter2") } == true)
    }

    @Test func arrayAndInlineTableErrors() {
        let unclosed = parseError("a = [\n  1,\n  2\n")
        #expect(unclosed?.line == 1)
        #expect(unclosed?.message == "array opened at line 1 is not closed")
        #expect(parseError("a = [1 2]")?.message == "expected ',' or ']' after an array element")
        #expect(parseError("a = [1,,2]")?.column == 8)
        #expect(parseError("a = { x = 1, }")?.message == "trailing comma in an inline table")
        #expect(parseError("a = { x = 1\n}")?.line == 1)
    }

    @Test func headerAndKeyErrors() {
        #expect(parseError("[a\nx = 1")?.message == "expected ']' to close the header")
        #expect(parseError("[[a]\n")?.message == "expected ']]' to close the header")
        #expect(parseError("[]")?.line == 1)
        #expect(parseError("= 1")?.message == "expected a key (letters, digits, '_' and '-', or a quoted key)")
        #expect(parseError("a 1")?.message == "expected '=' after the key")
        #expect(parseError("a = 1\r")?.message == "carriage return without a line feed")
        #expect(parseError("# bell \u{07}\n")?.message == "control character in a comment")
    }

    @Test func locatedMessagesIncludeFileAndLine() {
        let error = parseError("\n\nx = [")
        #expect(error?.located(in: "config.toml") == "config.toml:3:5: array opened at line 3 is not closed")
    }
}

@Suite struct TOMLTypedAccessTests {
    let root: TOMLTable

    init() throws {
        root = try TOMLDocument(parsing: """
            name = 7
            [alarm]
            fg = 12
            regions = ["a", 2]
            [[aws]]
            profile = true
            """).root
    }

    @Test func typeMismatchNamesKeyPathAndLine() {
        #expect(throws: TOMLError.self) { try root.string("name") }
        do {
            _ = try root.string("name")
        } catch {
            #expect(error.message == #"key "name": expected a string, found an integer"#)
            #expect(error.line == 1)
            #expect(error.located(in: "t.toml") == #"t.toml:1: key "name": expected a string, found an integer"#)
        }
        do {
            _ = try root.table("alarm")?.string("fg")
        } catch {
            #expect(error.description == #"3:6: key "alarm.fg": expected a string, found an integer"#)
        }
    }

    @Test func arrayElementMismatchNamesTheElement() {
        do {
            _ = try root.table("alarm")?.stringArray("regions")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"key "alarm.regions[1]": expected a string, found an integer"#)
            #expect(error.column == 17)
        }
    }

    @Test func tableArrayMismatchSuggestsTheHeaderForm() throws {
        let single = try TOMLDocument(parsing: "[aws]\nprofile = \"x\"").root
        do {
            _ = try single.tableArray("aws")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"key "aws": expected an array of tables ([[aws]]), found a table"#)
        }
        let element = try #require(try root.tableArray("aws")?.first)
        do {
            _ = try element.string("profile")
        } catch {
            #expect(error.message == #"key "aws[0].profile": expected a string, found a boolean"#)
            #expect(error.line == 6)
        }
    }

    @Test func absentKeysAreNilNotErrors() throws {
        #expect(try root.string("missing") == nil)
        #expect(try root.tableArray("azure") == nil)
    }

    @Test func floatAcceptsIntegersButNotStrings() throws {
        let doc = try TOMLDocument(parsing: "a = 2\nb = \"2\"").root
        #expect(try doc.float("a") == 2)
        #expect(throws: TOMLError.self) { try doc.float("b") }
    }
}

@Suite struct TOMLUnknownKeyTests {
    @Test func unknownKeysWithSuggestions() throws {
        let root = try TOMLDocument(parsing: """
            refesh = "60s"
            theme = "default"
            zzz = 1
            [[aws]]
            regoins = []
            """).root
        let errors = root.unknownKeys(allowed: ["refresh", "theme", "aws"])
        #expect(errors.map(\.message) == [#"unknown key "refesh" (did you mean "refresh"?)"#, #"unknown key "zzz""#])
        #expect(errors.map(\.line) == [1, 3])
        #expect(errors.first?.suggestion == "refresh")
        #expect(errors.allSatisfy { $0.isUnknownKey })

        let aws = try #require(try root.tableArray("aws")?.first)
        let nested = aws.unknownKeys(allowed: ["profile", "regions", "cost_tag", "endpoint_url"])
        #expect(nested.map(\.message) == [#"unknown key "aws[0].regoins" (did you mean "regions"?)"#])
        #expect(nested.first?.line == 5)
    }

    @Test func suggestionsOnlyForCloseMatches() {
        #expect(TOMLTable.closest(to: "profil", among: ["profile", "regions"]) == "profile")
        #expect(TOMLTable.closest(to: "Theme", among: ["theme"]) == "theme")
        // A swap of neighbours is one slip, even in a short word.
        #expect(TOMLTable.closest(to: "alram", among: ["alarm", "ok"]) == "alarm")
        #expect(TOMLTable.closest(to: "fg", among: ["bg", "fg256"]) == "bg")
        #expect(TOMLTable.closest(to: "colour", among: ["fg", "bg"]) == nil)
        #expect(TOMLTable.closest(to: "xy", among: ["fg"]) == nil)
    }
}
