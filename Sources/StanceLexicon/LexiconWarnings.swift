import StanceCore

/// Checks across a loaded set that point at likely mistakes without stopping an analysis.
///
/// W003 (entries that never match on a corpus) needs a corpus and belongs to a later issue; it will
/// live here as `unusedEntries(lexicon:corpusTokens:)`.
enum LexiconWarnings {
    /// W001: the same term (folded words and wildcard) with a positive polarity in one place and a negative
    /// one in another, across `LexiconSchema.polarityLists` and topic cues. Reported at each occurrence
    /// that contradicts an earlier one, naming the earlier one.
    static func conflictingPolarity(lists: [String: WordList], topics: [Topic]) -> [Diagnostic] {
        let entries = LexiconSchema.polarityLists.flatMap { lists[$0]?.entries ?? [] } + topics.flatMap(\.cues)
        let signed = entries.compactMap { entry -> (entry: LexiconEntry, polarity: Double)? in
            guard let polarity = entry.number("polarity"), polarity != 0 else { return nil }
            return (entry, polarity)
        }.sorted { LexiconPath.precedes($0.entry.location, $1.entry.location) }

        var firstPositive: [TermKey: (entry: LexiconEntry, polarity: Double)] = [:]
        var firstNegative: [TermKey: (entry: LexiconEntry, polarity: Double)] = [:]
        var warnings: [Diagnostic] = []
        for item in signed {
            let key = item.entry.key
            let isPositive = item.polarity > 0
            if let other = isPositive ? firstNegative[key] : firstPositive[key] {
                warnings.append(Diagnostic(
                    .warning, .conflictingPolarity,
                    "conflicting polarity for \"\(item.entry.term)\": \(format(item.polarity)) here, "
                        + "\(format(other.polarity)) at \(other.entry.location.fileLine)",
                    at: item.entry.location))
            }
            if isPositive {
                firstPositive[key] = firstPositive[key] ?? item
            } else {
                firstNegative[key] = firstNegative[key] ?? item
            }
        }
        return warnings
    }

    /// W002: a multiword entry that contains another entry of the same list as a run of words, e.g.
    /// "prime minister" and "minister". Both may be meant, but which one wins then depends on the matcher.
    static func overlappingEntries(in list: WordList) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for longer in list.entries where longer.words.count > 1 {
            for shorter in list.entries where shorter.key != longer.key && contains(longer, shorter) {
                warnings.append(Diagnostic(
                    .warning, .overlappingEntries,
                    "\"\(longer.term)\" contains \"\(shorter.term)\" (line \(shorter.location.line)) of the same list",
                    at: longer.location))
            }
        }
        return warnings
    }

    /// True when the words of `shorter` match a contiguous run of the words of `longer`, by the same
    /// rule the matcher applies to text (a wildcard's last word as a prefix).
    private static func contains(_ longer: LexiconEntry, _ shorter: LexiconEntry) -> Bool {
        let count = shorter.words.count
        guard count <= longer.words.count else { return false }
        return (0...(longer.words.count - count)).contains { start in
            (0..<count).allSatisfy { shorter.matches(word: longer.words[start + $0], at: $0) }
        }
    }

    private static func format(_ value: Double) -> String { Number.format(value, decimals: 2, signed: true) }
}
