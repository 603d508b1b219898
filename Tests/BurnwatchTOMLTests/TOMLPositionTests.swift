import BurnwatchTOML
import Testing

@Suite struct TOMLPositionTests {
    @Test func linesStayRightAfterMultiLineStringsAndArrays() throws {
        let root = try TOMLDocument(parsing: """
            a = \"\"\"
            one
            two\"\"\"
            b = [
              1,
              2,
            ]
            c = '''
            x
            '''
            [ t . "quoted key" ]
              d = 4
            [[ list ]]
            """).root
        #expect(root.entry("b")?.keyPosition == TOMLPosition(line: 4, column: 1))
        #expect(root.entry("c")?.keyPosition == TOMLPosition(line: 8, column: 1))
        #expect(try root.string("c") == "x\n")
        let t = try #require(try root.table("t"))
        // `t` was created implicitly by the header; its key position is where `t` is written.
        #expect(root.entry("t")?.keyPosition == TOMLPosition(line: 11, column: 3))
        let quoted = try #require(t.entry("quoted key"))
        #expect(quoted.keyPosition == TOMLPosition(line: 11, column: 7))
        #expect(quoted.value.position == TOMLPosition(line: 11, column: 1))
        #expect(try quoted.value.table().entry("d")?.keyPosition == TOMLPosition(line: 12, column: 3))
        #expect(try root.tableArray("list")?.first?.position == TOMLPosition(line: 13, column: 1))
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two UTF-8 bytes and "😀" four; columns count each as one.
        do {
            _ = try TOMLDocument(parsing: "name = \"é😀\" x")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.column == 13)
        }
    }

    @Test func errorAfterManyLinesHasTheRightLine() {
        let text = (1...40).map { "key\($0) = \($0)" }.joined(separator: "\n") + "\nkey17 = 0\n"
        do {
            _ = try TOMLDocument(parsing: text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 41)
            #expect(error.message == #"key "key17" is defined twice (first at line 17)"#)
        }
    }
}
