import Testing
@testable import BurnwatchTerminal

struct ColorPairCacheTests {
    private let red = ColorPairCache.Colors(foreground: 1, background: -1)
    private let green = ColorPairCache.Colors(foreground: 2, background: -1)
    private let blue = ColorPairCache.Colors(foreground: 4, background: 0)

    @Test func terminalDefaultsUsePairZeroWithoutAllocating() {
        var cache = ColorPairCache(colorPairs: 64)
        cache.beginFrame()
        #expect(cache.pair(for: .init(foreground: -1, background: -1)) == .defaultPair)
        #expect(cache.count == 0)
    }

    @Test func assignsFromOneAndReusesDefinedPairs() {
        var cache = ColorPairCache(colorPairs: 64)
        cache.beginFrame()
        #expect(cache.pair(for: red) == .assigned(1))
        #expect(cache.pair(for: green) == .assigned(2))
        #expect(cache.pair(for: red) == .cached(1))
        cache.beginFrame()
        #expect(cache.pair(for: green) == .cached(2))
    }

    @Test func capacityIsColorPairsLessPairZero() {
        #expect(ColorPairCache(colorPairs: 64).capacity == 63)
        #expect(ColorPairCache(colorPairs: 0).capacity == 0)
    }

    @Test func fullTableReusesLeastRecentlyUsedPairNotInThisFrame() {
        var cache = ColorPairCache(colorPairs: 3)  // pairs 1 and 2
        cache.beginFrame()
        #expect(cache.pair(for: red) == .assigned(1))
        #expect(cache.pair(for: green) == .assigned(2))
        cache.beginFrame()
        #expect(cache.pair(for: green) == .cached(2))
        // red (pair 1) was used least recently and not in this frame: blue takes its number.
        #expect(cache.pair(for: blue) == .assigned(1))
        #expect(cache.count == 2)
        // red must be defined again; both pairs are now in use by this frame.
        #expect(cache.pair(for: red) == .exhausted)
    }

    @Test func evictionPicksOldestAcrossFrames() {
        var cache = ColorPairCache(colorPairs: 3)
        cache.beginFrame()
        _ = cache.pair(for: red)  // pair 1
        _ = cache.pair(for: green)  // pair 2
        cache.beginFrame()
        _ = cache.pair(for: red)  // red now newer than green
        cache.beginFrame()
        #expect(cache.pair(for: blue) == .assigned(2))
        #expect(cache.pair(for: red) == .cached(1))
    }

    @Test func noPairsMeansExhausted() {
        var cache = ColorPairCache(colorPairs: 0)
        cache.beginFrame()
        #expect(cache.pair(for: red) == .exhausted)
    }

    @Test func removeAllStartsNumberingAgain() {
        var cache = ColorPairCache(colorPairs: 8)
        cache.beginFrame()
        _ = cache.pair(for: red)
        _ = cache.pair(for: green)
        cache.removeAll()
        #expect(cache.pair(for: blue) == .assigned(1))
    }
}
