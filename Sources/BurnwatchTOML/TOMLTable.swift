import Foundation

/// A TOML table: its entries in the order they were written, each key with its own position.
public struct TOMLTable: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let key: String
        /// Where the key is written (for a key defined by a header, where it appears in the header).
        public let keyPosition: TOMLPosition
        public let value: TOMLValue

        public init(key: String, keyPosition: TOMLPosition, value: TOMLValue) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    public let entries: [Entry]
    /// Where the table starts: its header, its inline `{`, or the first key that created it.
    public let position: TOMLPosition
    public let path: TOMLKeyPath
    private let indexByKey: [String: Int]

    public init(entries: [Entry], position: TOMLPosition, path: TOMLKeyPath) {
        self.entries = entries
        self.position = position
        self.path = path
        var index: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() where index[entry.key] == nil {
            index[entry.key] = offset
        }
        self.indexByKey = index
    }

    public var keys: [String] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    public func entry(_ key: String) -> Entry? {
        indexByKey[key].map { entries[$0] }
    }

    /// The value at a dotted route of keys below this table (`["gcp", "endpoints"]` does not index arrays).
    public func value(atKeys keys: [String]) -> TOMLValue? {
        guard let first = keys.first, let value = self[first] else { return nil }
        if keys.count == 1 { return value }
        guard case .table(let table) = value.content else { return nil }
        return table.value(atKeys: Array(keys.dropFirst()))
    }

    // MARK: - Typed lookups: nil when the key is absent, an error when it holds the wrong type

    public func string(_ key: String) throws(TOMLError) -> String? { try self[key]?.string() }
    public func integer(_ key: String) throws(TOMLError) -> Int64? { try self[key]?.integer() }
    public func float(_ key: String) throws(TOMLError) -> Double? { try self[key]?.float() }
    public func decimal(_ key: String) throws(TOMLError) -> Decimal? { try self[key]?.decimal() }
    public func bool(_ key: String) throws(TOMLError) -> Bool? { try self[key]?.bool() }
    public func array(_ key: String) throws(TOMLError) -> [TOMLValue]? { try self[key]?.array() }
    public func table(_ key: String) throws(TOMLError) -> TOMLTable? { try self[key]?.table() }
    public func stringArray(_ key: String) throws(TOMLError) -> [String]? { try self[key]?.stringArray() }
    public func tableArray(_ key: String) throws(TOMLError) -> [TOMLTable]? { try self[key]?.tableArray() }

    // MARK: - Schema checks

    /// One error per key not in `allowed`, in file order, each with a "did you mean" when an allowed key is close.
    public func unknownKeys(allowed: some Collection<String>) -> [TOMLError] {
        let allowedSet = Set(allowed)
        return entries.filter { !allowedSet.contains($0.key) }.map { entry in
            .unknownKey(entry, suggestion: TOMLTable.closest(to: entry.key, among: allowed))
        }
    }

    /// The candidate nearest to `key` by edit distance, if it is near enough to be a likely typo.
    public static func closest(to key: String, among candidates: some Collection<String>) -> String? {
        let lowered = key.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowered.unicodeScalars), Array(candidate.lowercased().unicodeScalars))
            if distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        guard let best else { return nil }
        // About one slip per three characters of the candidate, and at least one.
        let limit = max(1, best.candidate.count / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    /// Edit distance counting a swap of two neighbouring characters as one edit (optimal string
    /// alignment), since `alram` for `alarm` is the commonest slip of all.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
