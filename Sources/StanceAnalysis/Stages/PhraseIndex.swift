import StanceCore

/// Finds lexicon entries (single or multiword, with trailing wildcards) at a token position without
/// scanning every entry: entries are bucketed by their first word, wildcard-first entries apart.
public struct PhraseIndex: Sendable {
    private var byFirstWord: [String: [LexiconEntry]] = [:]
    /// Entries whose first (and only) word is a prefix, bucketed by their first scalar so a token is
    /// compared only with prefixes that can match it (a scalar key: a `Character` costs grapheme
    /// breaking on every token).
    private var wildcardFirst: [Unicode.Scalar: [LexiconEntry]] = [:]
    /// The one-word entry a word matches without wildcards: what `match([word], at: 0)` finds
    /// first in its bucket, looked up without building a one-word array.
    private var singleWord: [String: LexiconEntry] = [:]
    public let entries: [LexiconEntry]

    public init(_ entries: [LexiconEntry]) {
        self.entries = entries
        for entry in entries where !entry.words.isEmpty {
            if entry.isWildcard && entry.words.count == 1 {
                if let c = entry.words[0].unicodeScalars.first { wildcardFirst[c, default: []].append(entry) }
            } else {
                byFirstWord[entry.words[0], default: []].append(entry)
            }
        }
        for key in byFirstWord.keys { byFirstWord[key]!.sort { $0.words.count > $1.words.count } }
        for key in wildcardFirst.keys { wildcardFirst[key]!.sort { $0.words[0].count > $1.words[0].count } }
        for (key, bucket) in byFirstWord {
            if let entry = bucket.first(where: { $0.words.count == 1 }) { singleWord[key] = entry }
        }
    }

    public init(_ list: WordList) { self.init(list.entries) }

    public var isEmpty: Bool { entries.isEmpty }

    /// The longest entry matching the words starting at `index`, with the number of tokens it spans.
    /// `words[i]` is the folded word at token i, or nil where matching must stop (punctuation, quote).
    public func match(_ words: [String?], at index: Int) -> (entry: LexiconEntry, length: Int)? {
        guard index < words.count, let first = words[index] else { return nil }
        return match(words, at: index, first: first, candidates: byFirstWord[first])
    }

    private func match(_ words: [String?], at index: Int, first: String, candidates: [LexiconEntry]?) -> (entry: LexiconEntry, length: Int)? {
        if let candidates {
            for entry in candidates {
                if let length = span(entry, words, index) { return (entry, length) }
            }
        }
        return wildcardEntry(first).map { ($0, 1) }
    }

    private func wildcardEntry(_ word: String) -> LexiconEntry? {
        if !wildcardFirst.isEmpty, let c = word.unicodeScalars.first, let candidates = wildcardFirst[c] {
            for entry in candidates where word.hasPrefix(entry.words[0]) { return entry }
        }
        return nil
    }

    public func contains(word: String) -> Bool { entry(word: word) != nil }

    /// The entry `word` alone matches (as `match([word], at: 0)` with length 1 would find it).
    public func entry(word: String) -> LexiconEntry? {
        singleWord[word] ?? wildcardEntry(word)
    }

    /// Tokens an entry spans from `index`, or nil. A `_` word is a slot for one to three words
    /// ("within _ interests" matches "within Russia's interests").
    private func span(_ entry: LexiconEntry, _ words: [String?], _ index: Int) -> Int? {
        walk(entry.words, entry.isWildcard, words, index, 0, index)
    }

    /// Word `k` of an entry (its words and wildcard flag, not the whole entry: no copy of its
    /// fields per step) against the words from `i`; the tokens spanned from `index`, or nil.
    private func walk(_ entryWords: [String], _ isWildcard: Bool, _ words: [String?], _ index: Int, _ k: Int, _ i: Int) -> Int? {
        if k == entryWords.count { return i - index }
        if entryWords[k] == "_" {
            for width in 1...Self.maxSlotWords where i + width <= words.count {
                guard (i..<(i + width)).allSatisfy({ words[$0] != nil }) else { break }
                if let end = walk(entryWords, isWildcard, words, index, k + 1, i + width) { return end }
            }
            return nil
        }
        guard i < words.count, let w = words[i] else { return nil }
        // As LexiconEntry.matches(word:at:): the last word of a wildcard entry is a prefix.
        let matches = isWildcard && k == entryWords.count - 1 ? w.hasPrefix(entryWords[k]) : w == entryWords[k]
        guard matches else { return nil }
        return walk(entryWords, isWildcard, words, index, k + 1, i + 1)
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
