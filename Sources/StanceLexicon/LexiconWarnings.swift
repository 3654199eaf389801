import StanceCore

/// Checks across a loaded set that point at likely mistakes without stopping an analysis.
///
/// W003 (entries that never match on a corpus) needs a corpus: the policy (which entries are checked,
/// the warning's words and place) is here, in `usageCandidates(_:)` and `unusedEntries(lexicon:used:documents:)`;
/// the matching itself (the project's tokenizer and `PhraseIndex`) is `EntryUsage` in StanceKit,
/// which sees both this module and the analysis.
public enum LexiconWarnings {
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

// MARK: - W003: entries unused on a corpus

extension LexiconWarnings {
    /// Lists where "never matches on this corpus" says nothing about the entry, so W003 skips them:
    /// - `cleaning/*`: chrome phrases matched against whole short paragraphs; a corpus without
    ///   site chrome leaves them all unused;
    /// - `grammar/*`: closed-class English (determiners, pronouns, connectors) the rules need whenever
    ///   the construction occurs; an unused "whose" is no mistake;
    /// - `segmentation/abbreviations`: protective: an abbreviation only stops a wrong sentence break;
    /// - `suggest/*`: read by `stance topics suggest`, never by the analysis.
    public static let usageExemptLists: [String] = ["cleaning/*", "grammar/*", "segmentation/abbreviations", "suggest/*"]

    /// True when W003 skips the list named `name` (e.g. `grammar/determiners`).
    public static func isUsageExempt(list name: String) -> Bool {
        usageExemptLists.contains { pattern in
            pattern.hasSuffix("/*") ? name.hasPrefix(String(pattern.dropLast())) : name == pattern
        }
    }

    /// The entries W003 checks, each place once, in file, line and column order: every entry of the
    /// word lists not exempt, and every term of a topic (actor groups, holder, objects, opposites,
    /// terms, cues; a group member referenced as `"@group"` is the member's own line).
    public static func usageCandidates(_ lexicon: Lexicon) -> [LexiconEntry] {
        var seen: Set<SourceLocation> = []
        var entries: [LexiconEntry] = []
        func add(_ entry: LexiconEntry) {
            if seen.insert(entry.location).inserted { entries.append(entry) }
        }
        for name in lexicon.lists.keys.sorted() where !isUsageExempt(list: name) {
            lexicon.lists[name]!.entries.forEach(add)
        }
        for topic in lexicon.topics {
            for group in topic.actors.keys.sorted() { topic.actors[group]!.forEach(add) }
            (topic.holder + topic.objects + topic.opposites + topic.terms + topic.cues).forEach(add)
        }
        return entries.sorted { LexiconPath.precedes($0.location, $1.location) }
    }

    /// W003: a warning at each candidate whose place is not in `used` (the places of the entries that
    /// matched somewhere in a corpus of `documents` documents).
    public static func unusedEntries(lexicon: Lexicon, used: Set<SourceLocation>, documents: Int) -> [Diagnostic] {
        let corpus = documents == 1 ? "1 document" : "\(documents) documents"
        return usageCandidates(lexicon).filter { !used.contains($0.location) }.map { entry in
            Diagnostic(.warning, .unusedEntry, "\"\(entry.term)\" never matches on the corpus (\(corpus))", at: entry.location)
        }
    }

    /// Two sets of diagnostics as one, by file, line and column (the order `stance lexicon check`
    /// prints); diagnostics at the same place keep their order, `first` before `second`.
    public static func merged(_ first: [Diagnostic], _ second: [Diagnostic]) -> [Diagnostic] {
        (first + second).enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            if LexiconPath.precedes(x, y) { return true }
            if LexiconPath.precedes(y, x) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
