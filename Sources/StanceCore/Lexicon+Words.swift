extension WordList {
    /// Single-word entries as a folded set, for membership tests on tokens. Multiword and
    /// wildcard entries are matched by `PhraseMatcher` instead.
    public var singleWords: Set<String> {
        Set(entries.filter { $0.words.count == 1 && !$0.isWildcard }.map { $0.words[0] })
    }

    /// The entry for a single folded word (exact or by wildcard prefix).
    public func entry(forWord word: String) -> LexiconEntry? {
        entries.first { $0.words.count == 1 && $0.matches(word: word, at: 0) }
    }
}
