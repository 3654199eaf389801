import StanceCore

/// Finds lexicon entries (single or multiword, with trailing wildcards) at a token position without
/// scanning every entry: entries are bucketed by their first word, wildcard-first entries apart.
public struct PhraseIndex: Sendable {
    private var byFirstWord: [String: [LexiconEntry]] = [:]
    private var wildcardFirst: [LexiconEntry] = []
    public let entries: [LexiconEntry]

    public init(_ entries: [LexiconEntry]) {
        self.entries = entries
        for entry in entries where !entry.words.isEmpty {
            if entry.isWildcard && entry.words.count == 1 {
                wildcardFirst.append(entry)
            } else {
                byFirstWord[entry.words[0], default: []].append(entry)
            }
        }
        for key in byFirstWord.keys { byFirstWord[key]!.sort { $0.words.count > $1.words.count } }
        wildcardFirst.sort { $0.words[0].count > $1.words[0].count }
    }

    public init(_ list: WordList) { self.init(list.entries) }

    public var isEmpty: Bool { entries.isEmpty }

    /// The longest entry matching the words starting at `index`, with the number of tokens it spans.
    /// `words[i]` is the folded word at token i, or nil where matching must stop (punctuation, quote).
    public func match(_ words: [String?], at index: Int) -> (entry: LexiconEntry, length: Int)? {
        guard index < words.count, let first = words[index] else { return nil }
        if let candidates = byFirstWord[first] {
            for entry in candidates {
                if let length = span(entry, words, index) { return (entry, length) }
            }
        }
        for entry in wildcardFirst where first.hasPrefix(entry.words[0]) { return (entry, 1) }
        return nil
    }

    public func contains(word: String) -> Bool { match([word], at: 0)?.length == 1 }

    public func entry(word: String) -> LexiconEntry? {
        guard let m = match([word], at: 0), m.length == 1 else { return nil }
        return m.entry
    }

    /// Tokens an entry spans from `index`, or nil. A `_` word is a slot for one to three words
    /// ("within _ interests" matches "within Russia's interests").
    private func span(_ entry: LexiconEntry, _ words: [String?], _ index: Int) -> Int? {
        func walk(_ k: Int, _ i: Int) -> Int? {
            if k == entry.words.count { return i - index }
            if entry.words[k] == "_" {
                for width in 1...Self.maxSlotWords where i + width <= words.count {
                    guard (i..<(i + width)).allSatisfy({ words[$0] != nil }) else { break }
                    if let end = walk(k + 1, i + width) { return end }
                }
                return nil
            }
            guard i < words.count, let w = words[i], entry.matches(word: w, at: k) else { return nil }
            return walk(k + 1, i + 1)
        }
        return walk(0, index)
    }

    /// The most words a `_` slot takes: a name with a possessive ("the Kremlin's") fits in three.
    static let maxSlotWords = 3

    /// Every match, left to right, longest first, not overlapping.
    public func all(_ words: [String?], in range: Range<Int>) -> [(start: Int, length: Int, entry: LexiconEntry)] {
        var found: [(Int, Int, LexiconEntry)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let m = match(words, at: i), i + m.length <= range.upperBound {
                found.append((i, m.length, m.entry))
                i += m.length
            } else {
                i += 1
            }
        }
        return found
    }
}
