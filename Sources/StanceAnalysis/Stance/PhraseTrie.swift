import Foundation
import StanceCore

/// Word lists compiled into one trie over interned words: one left-to-right pass over a statement
/// finds the matches of every list, at a cost that grows with the tokens and not with the entries.
///
/// Each list keeps `PhraseIndex.all`'s answer exactly: at a token the list takes the entry
/// `PhraseIndex.match` picks (more words first, then file order; a one-word wildcard only when no
/// other entry matches, longest prefix first), and its matches are greedy, left to right and not
/// overlapping. Lexicon words are interned once at load; a statement's words are looked up once
/// (one string hash per token), and the walk compares integers.
final class PhraseTrie: Sendable {
    /// The interned form of one statement's words, shared by every list.
    struct Symbols {
        /// Per token: its word's symbol, `unknownWord` (a word no entry names exactly) or `noWord`
        /// (punctuation or a quote mark: matching stops there).
        fileprivate var word: [Int32]
        /// Per token: the wildcard prefixes its word starts with, as `prefixes[prefixStart[i]..<prefixStart[i + 1]]`.
        fileprivate var prefixStart: [Int32]
        fileprivate var prefixes: [Int32]
        var count: Int { word.count }
    }

    fileprivate static let unknownWord: Int32 = -1
    fileprivate static let noWord: Int32 = -2
    private static let none: Int32 = -1

    let listCount: Int
    /// Exact words of the entries (a `_` slot and a wildcard's last word excepted) -> symbol.
    private let wordSymbols: [String: Int32]
    /// The same for ASCII words, read from their bytes: most tokens are ASCII, and a string
    /// hash costs several times a byte hash.
    private let asciiSymbols: ASCIIWordTable<Int32>
    /// Wildcard prefixes (symbols after the words'), by their first scalar: a word is compared
    /// only with prefixes that can start it.
    private let prefixesByFirstScalar: [Unicode.Scalar: [(prefix: String, symbol: Int32)]]
    /// The same for ASCII prefixes, by first byte (nil where some prefix with that first byte is not
    /// ASCII: such words take `prefixesByFirstScalar`). Most unknown words are ASCII, and comparing
    /// bytes costs far less than `String.hasPrefix`.
    private let asciiPrefixesByFirstByte: [[(bytes: [UInt8], symbol: Int32)]?]
    /// The prefixes each exact word starts with, found at load so a known word needs no comparison.
    private let prefixesOfWord: [[Int32]]
    private let symbolCount: Int

    /// The root's children, indexed by symbol (every token starts a walk there).
    private let rootChild: [Int32]
    /// Other nodes' children: `edgeSymbol/edgeChild[edgeStart[n]..<edgeStart[n + 1]]`, sorted by symbol.
    private let edgeStart: [Int32]
    private let edgeSymbol: [Int32]
    private let edgeChild: [Int32]
    /// The node a `_` slot (one to `PhraseIndex.maxSlotWords` words) leads to, or `none`.
    private let slotChild: [Int32]
    /// Entries ending at a node: `accept*[acceptStart[n]..<acceptStart[n + 1]]`.
    private let acceptStart: [Int32]
    private let acceptList: [Int32]
    /// Lower ranks win within a list (the order `PhraseIndex.match` tries entries in).
    private let acceptRank: [Int32]
    private let acceptEntry: [LexiconEntry]

    init(_ lists: [PhraseIndex]) {
        listCount = lists.count
        var words: [String: Int32] = [:]
        var prefixSymbol: [String: Int32] = [:]
        var prefixOrder: [String] = []
        func isSlot(_ word: String) -> Bool { word == "_" }
        // A one-word wildcard's word is a prefix; a longer wildcard's last word is a prefix; other
        // words are exact ("_" is a slot anywhere but in a one-word wildcard, as in `PhraseIndex`).
        func isPrefix(_ entry: LexiconEntry, _ k: Int) -> Bool {
            entry.isWildcard && k == entry.words.count - 1 && (entry.words.count == 1 || !isSlot(entry.words[k]))
        }
        for list in lists {
            for entry in list.entries where Self.canMatch(entry) {
                for (k, word) in entry.words.enumerated() {
                    if isPrefix(entry, k) {
                        if prefixSymbol[word] == nil { prefixSymbol[word] = 0; prefixOrder.append(word) }
                    } else if !isSlot(word), words[word] == nil {
                        words[word] = Int32(words.count)
                    }
                }
            }
        }
        for (offset, prefix) in prefixOrder.enumerated() { prefixSymbol[prefix] = Int32(words.count + offset) }
        wordSymbols = words
        // By symbol, so the layout never depends on dictionary order. A non-ASCII word that is
        // canonically an ASCII one (a Kelvin sign for "k") must be found from the ASCII token too:
        // `String ==` would match them.
        asciiSymbols = ASCIIWordTable(words.sorted { $0.value < $1.value }.map { ($0.key.precomposedStringWithCanonicalMapping, $0.value) })
        symbolCount = words.count + prefixOrder.count
        var byScalar: [Unicode.Scalar: [(prefix: String, symbol: Int32)]] = [:]
        for prefix in prefixOrder {
            byScalar[prefix.unicodeScalars.first!, default: []].append((prefix, prefixSymbol[prefix]!))
        }
        prefixesByFirstScalar = byScalar
        asciiPrefixesByFirstByte = (0..<128).map { byte in
            let candidates = byScalar[Unicode.Scalar(UInt8(byte))] ?? []
            guard candidates.allSatisfy({ $0.prefix.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
            return candidates.map { (Array($0.prefix.utf8), $0.symbol) }
        }
        var ofWord = [[Int32]](repeating: [], count: words.count)
        for (word, symbol) in words {
            ofWord[Int(symbol)] = Self.prefixSymbols(of: word, in: byScalar)
        }
        prefixesOfWord = ofWord

        // Build with per-node dictionaries, then lay the nodes out flat.
        var children: [[Int32: Int32]] = [[:]]
        var slots: [Int32] = [Self.none]
        var accepts: [[(list: Int32, rank: Int32, entry: LexiconEntry)]] = [[]]
        for (listIndex, list) in lists.enumerated() {
            for (rank, entry) in Self.priorityOrder(list.entries).enumerated() {
                var node = 0
                for (k, word) in entry.words.enumerated() {
                    let next: Int32?
                    if isPrefix(entry, k) {
                        next = children[node][prefixSymbol[word]!]
                    } else if isSlot(word) {
                        next = slots[node] == Self.none ? nil : slots[node]
                    } else {
                        next = children[node][words[word]!]
                    }
                    if let next { node = Int(next); continue }
                    let created = Int32(children.count)
                    children.append([:])
                    slots.append(Self.none)
                    accepts.append([])
                    if isPrefix(entry, k) {
                        children[node][prefixSymbol[word]!] = created
                    } else if isSlot(word) {
                        slots[node] = created
                    } else {
                        children[node][words[word]!] = created
                    }
                    node = Int(created)
                }
                accepts[node].append((Int32(listIndex), Int32(rank), entry))
            }
        }
        var root = [Int32](repeating: Self.none, count: symbolCount)
        for (symbol, child) in children[0] { root[Int(symbol)] = child }
        rootChild = root
        var starts: [Int32] = [0], symbols: [Int32] = [], targets: [Int32] = []
        var acceptStarts: [Int32] = [0], lists: [Int32] = [], ranks: [Int32] = [], entries: [LexiconEntry] = []
        for node in children.indices {
            if node != 0 {
                for (symbol, child) in children[node].sorted(by: { $0.key < $1.key }) {
                    symbols.append(symbol)
                    targets.append(child)
                }
            }
            starts.append(Int32(symbols.count))
            for a in accepts[node] {
                lists.append(a.list)
                ranks.append(a.rank)
                entries.append(a.entry)
            }
            acceptStarts.append(Int32(lists.count))
        }
        edgeStart = starts
        edgeSymbol = symbols
        edgeChild = targets
        slotChild = slots
        acceptStart = acceptStarts
        acceptList = lists
        acceptRank = ranks
        acceptEntry = entries
    }

    /// `PhraseIndex` files an entry by its first word: one starting with a slot is never asked
    /// for (no token is "_"), and an empty one has no first word.
    private static func canMatch(_ entry: LexiconEntry) -> Bool {
        guard let first = entry.words.first else { return false }
        return entry.isWildcard && entry.words.count == 1 ? !first.isEmpty : first != "_"
    }

    /// A list's entries in the order `PhraseIndex.match` tries them at a token: entries filed by
    /// first word, more words first (a stable sort keeps file order among equals), then one-word
    /// wildcards, longer prefixes first. Entries at one token share their first word, so one
    /// order over the whole list serves every token.
    private static func priorityOrder(_ entries: [LexiconEntry]) -> [LexiconEntry] {
        let usable = entries.enumerated().filter { canMatch($0.element) }
        func key(_ e: LexiconEntry) -> (Int, Int) {
            e.isWildcard && e.words.count == 1 ? (1, -e.words[0].count) : (0, -e.words.count)
        }
        return usable.sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    private static func prefixSymbols(of word: String, in byScalar: [Unicode.Scalar: [(prefix: String, symbol: Int32)]]) -> [Int32] {
        var found: [Int32] = []
        appendPrefixSymbols(of: word, in: byScalar, to: &found)
        return found
    }

    private static func appendPrefixSymbols(of word: String, in byScalar: [Unicode.Scalar: [(prefix: String, symbol: Int32)]],
                                            to found: inout [Int32]) {
        guard let first = word.unicodeScalars.first, let candidates = byScalar[first] else { return }
        for candidate in candidates where word.hasPrefix(candidate.prefix) { found.append(candidate.symbol) }
    }

    /// Interns a statement's words (`words[i]`: the folded word at token i, nil where matching stops).
    func symbols(_ words: [String?]) -> Symbols {
        var symbols = Symbols(word: [], prefixStart: [], prefixes: [])
        intern(words, into: &symbols)
        return symbols
    }

    /// `symbols(_:)` into reused storage.
    private func intern(_ words: [String?], into symbols: inout Symbols) {
        symbols.word.removeAll(keepingCapacity: true)
        symbols.prefixStart.removeAll(keepingCapacity: true)
        symbols.prefixes.removeAll(keepingCapacity: true)
        symbols.prefixStart.append(0)
        symbols.word.reserveCapacity(words.count)
        symbols.prefixStart.reserveCapacity(words.count + 1)
        for word in words {
            if var word {
                let symbol: Int32?
                switch asciiSymbols.lookup(word) {
                case .found(let known): symbol = known
                case .absent: symbol = nil
                case .notASCII: symbol = wordSymbols[word]
                }
                if let symbol {
                    symbols.word.append(symbol)
                    let known = prefixesOfWord[Int(symbol)]
                    if !known.isEmpty { symbols.prefixes += known }
                } else {
                    symbols.word.append(Self.unknownWord)
                    if !prefixesByFirstScalar.isEmpty, !appendASCIIPrefixSymbols(of: &word, to: &symbols.prefixes) {
                        Self.appendPrefixSymbols(of: word, in: prefixesByFirstScalar, to: &symbols.prefixes)
                    }
                }
            } else {
                symbols.word.append(Self.noWord)
            }
            symbols.prefixStart.append(Int32(symbols.prefixes.count))
        }
    }

    /// `appendPrefixSymbols` for an ASCII word, from its bytes; false when the word needs the
    /// general comparison (not ASCII, or a prefix with its first byte is not).
    private func appendASCIIPrefixSymbols(of word: inout String, to found: inout [Int32]) -> Bool {
        word.withUTF8 { utf8 in
            guard let first = utf8.first, first < 0x80, utf8.allSatisfy({ $0 < 0x80 }),
                  let candidates = asciiPrefixesByFirstByte[Int(first)] else { return false }
            for c in candidates where c.bytes.count <= utf8.count
                && c.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, utf8.baseAddress!, $0.count) == 0 }) {
                found.append(c.symbol)
            }
            return true
        }
    }

    /// The matches of every list in one statement: `hits[listStart[k]..<listStart[k + 1]]` are list
    /// k's, left to right. One array for all lists, so a statement costs two allocations, not one per list.
    struct Matches {
        let hits: [StatementView.Hit]
        let listStart: [Int32]

        func list(_ k: Int) -> ArraySlice<StatementView.Hit> { hits[Int(listStart[k])..<Int(listStart[k + 1])] }
        /// Whether any of lists `lists` matched.
        func any(_ lists: Range<Int>) -> Bool { listStart[lists.upperBound] > listStart[lists.lowerBound] }
    }

    /// Working storage of `matches`, reused from one statement to the next. Owned by one scorer
    /// call (one thread): never shared.
    final class Scratch {
        fileprivate var symbols = Symbols(word: [], prefixStart: [], prefixes: [])
        fileprivate var touched: [Int] = []
        fileprivate var stack: [(node: Int32, next: Int)] = []
        /// The pass's matches in the order found (by start token), before they are grouped by list.
        fileprivate var found: [(list: Int32, start: Int32, length: Int32, accept: Int32)] = []
        fileprivate var cursor: [Int32] = []
        init() {}
    }

    /// For each list, its matches over all tokens, as `PhraseIndex.all(words, in: 0..<words.count)` gives them.
    func matches(_ words: [String?], scratch: Scratch) -> Matches {
        intern(words, into: &scratch.symbols)
        return matches(scratch)
    }

    /// The same, per list in separate arrays.
    func all(_ symbols: Symbols) -> [[StatementView.Hit]] {
        let scratch = Scratch()
        scratch.symbols = symbols
        let m = matches(scratch)
        return (0..<listCount).map { Array(m.list($0)) }
    }

    private func child(_ node: Int32, _ symbol: Int32) -> Int32 {
        if node == 0 { return rootChild[Int(symbol)] }
        var k = Int(edgeStart[Int(node)])
        let end = Int(edgeStart[Int(node) + 1])
        while k < end {
            let s = edgeSymbol[k]
            if s == symbol { return edgeChild[k] }
            if s > symbol { break }
            k += 1
        }
        return Self.none
    }

    private func matches(_ scratch: Scratch) -> Matches {
        withUnsafeTemporaryAllocation(of: ListState.self, capacity: listCount) { state in
            state.initialize(repeating: ListState())
            pass(scratch, state: state)
        }
        // Group by list (stable: each list's matches stay left to right).
        var cursor = scratch.cursor
        scratch.cursor = []
        cursor.removeAll(keepingCapacity: true)
        cursor.append(contentsOf: repeatElement(0, count: listCount + 1))
        let found = scratch.found
        for f in found { cursor[Int(f.list) + 1] += 1 }
        for k in 0..<listCount { cursor[k + 1] += cursor[k] }
        let listStart = cursor
        let hits = [StatementView.Hit](unsafeUninitializedCapacity: found.count) { buffer, initialized in
            for f in found {
                let at = Int(cursor[Int(f.list)])
                cursor[Int(f.list)] += 1
                (buffer.baseAddress! + at).initialize(to: StatementView.Hit(start: Int(f.start), length: Int(f.length),
                                                                              entry: acceptEntry[Int(f.accept)]))
            }
            initialized = found.count
        }
        scratch.cursor = cursor
        return Matches(hits: hits, listStart: listStart)
    }

    /// Where a list stands in the pass: the first token it may match again, and its best entry
    /// at the current token (`rank == .max`: none yet).
    fileprivate struct ListState {
        var nextFree: Int32 = 0
        var rank: Int32 = .max
        var accept: Int32 = 0
        var length: Int32 = 0
    }

    /// Fills `scratch.found` from `scratch.symbols`.
    private func pass(_ scratch: Scratch, state: UnsafeMutableBufferPointer<ListState>) {
        // Taken out of the scratch object for the pass: a class's properties are checked for
        // exclusive access on every use, locals are not.
        let symbols = scratch.symbols
        var found = scratch.found
        var touched = scratch.touched
        var stack = scratch.stack
        scratch.found = []
        scratch.touched = []
        scratch.stack = []
        defer {
            scratch.found = found
            scratch.touched = touched
            scratch.stack = stack
        }
        found.removeAll(keepingCapacity: true)
        touched.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        // `touched`: lists with a best entry at the current token, to read and reset. `stack`: depth
        // first, in the order `PhraseIndex` walks an entry (shorter slots first), so the first
        // time an entry's node is reached gives the span `PhraseIndex` reports.
        let n = symbols.count
        let maxSlot = PhraseIndex.maxSlotWords
        for i in 0..<n where symbols.word[i] != Self.noWord {
            stack.append((0, i))
            while let (node, j) = stack.popLast() {
                for a in Int(acceptStart[Int(node)])..<Int(acceptStart[Int(node) + 1]) {
                    let list = Int(acceptList[a])
                    guard state[list].nextFree <= i, acceptRank[a] < state[list].rank else { continue }
                    if state[list].rank == .max { touched.append(list) }
                    state[list].rank = acceptRank[a]
                    state[list].accept = Int32(a)
                    state[list].length = Int32(j - i)
                }
                // Pushed in reverse: popped exact word, prefixes, then slots of one, two, three words.
                let slot = slotChild[Int(node)]
                if slot != Self.none {
                    var width = 0
                    while width < maxSlot, j + width < n, symbols.word[j + width] != Self.noWord { width += 1 }
                    var w = width
                    while w >= 1 { stack.append((slot, j + w)); w -= 1 }
                }
                guard j < n else { continue }
                let word = symbols.word[j]
                guard word != Self.noWord else { continue }
                var p = Int(symbols.prefixStart[j + 1]) - 1
                while p >= Int(symbols.prefixStart[j]) {
                    let c = child(node, symbols.prefixes[p])
                    if c != Self.none { stack.append((c, j + 1)) }
                    p -= 1
                }
                if word != Self.unknownWord {
                    let c = child(node, word)
                    if c != Self.none { stack.append((c, j + 1)) }
                }
            }
            for list in touched {
                let length = Int(state[list].length)
                found.append((Int32(list), Int32(i), Int32(length), state[list].accept))
                state[list].nextFree = Int32(i + length)
                state[list].rank = .max
            }
            if !touched.isEmpty { touched.removeAll(keepingCapacity: true) }
        }
    }
}
