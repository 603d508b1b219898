import Testing
@testable import CollectAWS

@Suite struct SigV4SignerTests {
    @Test func placeholder() {
        #expect(SigV4Encoding.encode("a b") == "a%20b")
    }
}
