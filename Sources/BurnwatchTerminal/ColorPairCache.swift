/// Maps (foreground, background) colour numbers to curses colour pairs, bounded by
/// `COLOR_PAIRS`. When the table is full it reuses the least recently used pair that the
/// frame being painted does not use: redefining a pair recolours every cell that still shows
/// it, so a pair in use this frame is never taken.
struct ColorPairCache: Sendable {
    struct Colors: Hashable, Sendable {
        var foreground: Int32
        var background: Int32

        init(foreground: Int32, background: Int32) {
            self.foreground = foreground
            self.background = background
        }
    }

    enum Lookup: Equatable, Sendable {
        /// Pair 0: the terminal's default colours, never redefined.
        case defaultPair
        /// Already defined with these colours.
        case cached(Int32)
        /// Newly assigned: the caller must define it (init_extended_pair) before use.
        case assigned(Int32)
        /// Every pair is in use by the current frame; paint with pair 0.
        case exhausted
    }

    private struct Entry: Sendable {
        var pair: Int32
        var lastUsedFrame: UInt64
        /// Order of last use, so the least recently used entry is well defined.
        var lastUse: UInt64
    }

    /// Usable pairs are 1...capacity.
    let capacity: Int32
    private var entries: [Colors: Entry] = [:]
    private var nextUnused: Int32 = 1
    private var frame: UInt64 = 0
    private var clock: UInt64 = 0

    init(colorPairs: Int) {
        capacity = Int32(clamping: max(0, colorPairs - 1))
    }

    /// Starts a new frame: pairs looked up from now on are pinned until the next call.
    mutating func beginFrame() {
        frame &+= 1
    }

    mutating func pair(for colors: Colors) -> Lookup {
        if colors.foreground == CursesStyle.terminalDefault, colors.background == CursesStyle.terminalDefault {
            return .defaultPair
        }
        clock &+= 1
        if var entry = entries[colors] {
            entry.lastUsedFrame = frame
            entry.lastUse = clock
            entries[colors] = entry
            return .cached(entry.pair)
        }
        if nextUnused <= capacity {
            let pair = nextUnused
            nextUnused += 1
            entries[colors] = Entry(pair: pair, lastUsedFrame: frame, lastUse: clock)
            return .assigned(pair)
        }
        // Linear scan: only reached once every pair has been handed out.
        var victim: (colors: Colors, entry: Entry)?
        for (key, entry) in entries where entry.lastUsedFrame < frame {
            if let current = victim, current.entry.lastUse <= entry.lastUse { continue }
            victim = (key, entry)
        }
        guard let victim else { return .exhausted }
        entries[victim.colors] = nil
        entries[colors] = Entry(pair: victim.entry.pair, lastUsedFrame: frame, lastUse: clock)
        return .assigned(victim.entry.pair)
    }

    /// Forgets every assignment (after curses' colour state is reset).
    mutating func removeAll() {
        entries.removeAll()
        nextUnused = 1
    }

    var count: Int { entries.count }
}
