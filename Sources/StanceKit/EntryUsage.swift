import Foundation
import StanceCore
import StanceLexicon
import StanceAnalysis

/// W003 on a corpus (`stance lexicon check --corpus PATH`): which lexicon entries match somewhere in
/// it. The corpus is read as the analysis reads it (paragraphs that are not site chrome, the
/// project's `Tokenizer`, words folded by `Folding.fold`) and matched with `PhraseIndex`, so
/// multiword entries, trailing wildcards and `_` slots count exactly as in an analysis.
///
/// "Matches" means the entry's words occur, whichever rule would read them: an entry that occurs
/// only inside a longer one ("minister" in "prime minister") is used. Which lists are checked is
/// `LexiconWarnings.usageCandidates` (grammar, chrome, abbreviations and suggestion lists are not).
///
/// Documents are read one at a time; only the set of used entries is kept.
public final class EntryUsage {
    public let lexicon: Lexicon
    private let cleaner: Cleaner
    private let candidates: [LexiconEntry]
    /// Entries not yet seen, indexed; rebuilt only when some entry is first seen.
    private var remaining: PhraseIndex
    public private(set) var used: Set<SourceLocation> = []
    public private(set) var documents = 0

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        cleaner = Cleaner(lexicon: lexicon)
        candidates = LexiconWarnings.usageCandidates(lexicon)
        remaining = PhraseIndex(candidates)
    }

    /// Notes the entries that match in `document`.
    public func read(_ document: Document) {
        documents += 1
        let paragraphs = CorpusWords.paragraphs(of: document, cleaner: cleaner)
        // At each token the index gives the longest remaining entry only; once those are marked,
        // another pass finds the shorter ones at the same places ("peace" under "peace agreement").
        while !remaining.isEmpty {
            var found: Set<SourceLocation> = []
            for paragraph in paragraphs {
                for match in CorpusWords.matches(remaining, in: paragraph) { found.insert(match.entry.location) }
            }
            guard !found.isEmpty else { break }
            used.formUnion(found)
            remaining = PhraseIndex(candidates.filter { !used.contains($0.location) })
        }
    }

    /// How many entries W003 checks.
    public var checkedEntries: Int { candidates.count }

    /// The W003 warnings for what has been read so far.
    public var warnings: [Diagnostic] {
        LexiconWarnings.unusedEntries(lexicon: lexicon, used: used, documents: documents)
    }

    /// W003 over every article under `path`. Articles that cannot be read are returned, not fatal;
    /// throws when the path itself is unusable.
    public static func check(lexicon: Lexicon, corpus path: String,
                             maxFileBytes: Int = DocumentReader.defaultMaxFileBytes) throws -> (warnings: [Diagnostic], documents: Int, checked: Int, failures: [InputError]) {
        let usage = EntryUsage(lexicon: lexicon)
        var failures: [InputError] = []
        try CorpusWords.forEachDocument(under: path, maxFileBytes: maxFileBytes, { usage.read($0) },
                                        failure: { failures.append($0) })
        return (usage.warnings, usage.documents, usage.checkedEntries, failures)
    }
}
