import BurnwatchCore
import BurnwatchUI
import BurnwatchTestSupport
import Foundation
import Testing

/// Every screen at 80×24 and 200×50, in colour, mono and ASCII, compared with reviewable text files in Snapshots/.
/// Set BURNWATCH_RECORD_SNAPSHOTS=1 to rewrite them after a deliberate change, then read the diff.
@Suite struct RendererSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    enum Variant: String, CaseIterable {
        case colour, mono, ascii

        var capabilities: TerminalCapabilities {
            switch self {
            case .colour: TerminalCapabilities(colorDepth: .indexed256, unicode: true)
            case .mono: TerminalCapabilities(colorDepth: .mono, unicode: true)
            case .ascii: TerminalCapabilities(colorDepth: .ansi16, unicode: false)
            }
        }
    }

    static let cases: [(Screen, Int, Int, Variant)] = {
        var all: [(Screen, Int, Int, Variant)] = []
        for screen in Screen.allCases {
            for (columns, rows) in [(80, 24), (200, 50)] {
                for variant in Variant.allCases { all.append((screen, columns, rows, variant)) }
            }
        }
        return all
    }()

    @Test(arguments: cases)
    func screenMatchesSnapshot(screen: Screen, columns: Int, rows: Int, variant: Variant) throws {
        let state = FleetFixture.state(columns: columns, rows: rows, screen: screen)
        let frame = Renderer.render(state, theme: .builtIn, capabilities: variant.capabilities)
        #expect(frame.width == columns && frame.height == rows)
        let name = "\(screen.rawValue)-\(columns)x\(rows)-\(variant.rawValue)"
        // The colour variant records the style map too; mono and ASCII differ in glyphs and attributes.
        let content = FrameSnapshot.text(frame) + "\n" + FrameSnapshot.styles(frame)
        try compare(content, name: name)
        if variant == .ascii {
            for y in 0..<frame.height {
                let line = frame.text(row: y)
                let isASCII = line.unicodeScalars.allSatisfy { $0.isASCII }
                #expect(isASCII, "non-ASCII on line \(y) of \(name)")
            }
        }
    }

    func compare(_ content: String, name: String) throws {
        let url = Self.directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["BURNWATCH_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != content {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = content.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                \(name) differs from Snapshots/\(name).txt at line \((firstDifference?.offset ?? min(expectedLines.count, actualLines.count)) + 1):
                expected: \(firstDifference.map { String($0.element.0) } ?? "<end>")
                actual:   \(firstDifference.map { String($0.element.1) } ?? "<end>")
                (BURNWATCH_RECORD_SNAPSHOTS=1 rewrites the snapshots)
                """)
        }
    }
}
