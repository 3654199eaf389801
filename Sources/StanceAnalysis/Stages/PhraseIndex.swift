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
            for entry in candidates where fits(entry, words, index) { return (entry, entry.words.count) }
        }
        for entry in wildcardFirst where first.hasPrefix(entry.words[0]) { return (entry, 1) }
        return nil
    }

    public func contains(word: String) -> Bool { match([word], at: 0)?.length == 1 }

    public func entry(word: String) -> LexiconEntry? {
        guard let m = match([word], at: 0), m.length == 1 else { return nil }
        return m.entry
    }

    private func fits(_ entry: LexiconEntry, _ words: [String?], _ index: Int) -> Bool {
        guard index + entry.words.count <= words.count else { return false }
        for k in 0..<entry.words.count {
            guard let w = words[index + k], entry.matches(word: w, at: k) else { return false }
        }
        return true
    }
}
