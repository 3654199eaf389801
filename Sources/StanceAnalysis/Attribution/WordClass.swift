import Foundation
import StanceCore

/// The attribution lists a folded word belongs to, as bits: the rules test list membership
/// dozens of times per token (every mention tried at every position), and a bit test costs
/// nothing where a `Set<String>` or `PhraseIndex` lookup hashes the word each time.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32

    // Closed-class grammar words (`grammar/*`).
    static let determiner = WordClass(rawValue: 1 << 0)
    static let titleConnector = WordClass(rawValue: 1 << 1)
    static let modifierStop = WordClass(rawValue: 1 << 2)
    static let subjectPronoun = WordClass(rawValue: 1 << 3)
    static let possessivePronoun = WordClass(rawValue: 1 << 4)
    static let appositionOpener = WordClass(rawValue: 1 << 5)
    static let addresseeVerb = WordClass(rawValue: 1 << 6)
    static let adjectiveMarker = WordClass(rawValue: 1 << 7)
    // Word sets of `attribution/*` and `segmentation/clause_markers`.
    static let titleWord = WordClass(rawValue: 1 << 8)
    static let particle = WordClass(rawValue: 1 << 9)
    static let notName = WordClass(rawValue: 1 << 10)
    static let circumstanceOpener = WordClass(rawValue: 1 << 11)
    static let frameAdverb = WordClass(rawValue: 1 << 12)
    static let clauseStopper = WordClass(rawValue: 1 << 13)
    static let clauseMarker = WordClass(rawValue: 1 << 14)
    // The word alone is an entry of a phrase list (`PhraseIndex.contains(word:)`).
    static let role = WordClass(rawValue: 1 << 15)
    static let honorific = WordClass(rawValue: 1 << 16)
    /// The word followed by a period is an honorific ("dr" of "Dr.").
    static let honorificWithPeriod = WordClass(rawValue: 1 << 17)
    static let pronoun = WordClass(rawValue: 1 << 18)
    static let documentNoun = WordClass(rawValue: 1 << 19)
    static let frameNegator = WordClass(rawValue: 1 << 20)
    static let reportingVerb = WordClass(rawValue: 1 << 21)
    // A match of a phrase list can start at the word (`PhraseIndex.match(_:at:)` may be non-nil).
    static let startsReportingVerb = WordClass(rawValue: 1 << 22)
    static let startsSourceFrame = WordClass(rawValue: 1 << 23)
    static let startsDisagreement = WordClass(rawValue: 1 << 24)
    static let startsOrganisation = WordClass(rawValue: 1 << 25)
    static let startsOutlet = WordClass(rawValue: 1 << 26)
}

/// Word classes of every word the attribution lists hold, worked out once per lexicon. A word
/// outside all lists belongs to none of them, unless a list has prefix (wildcard) entries: then
/// it is classified on the spot, with the same lookups the rules used to make.
final class WordClassTable: Sendable {
    private let lexicon: AttributionLexicon
    private let known: [String: WordClass]
    /// `known` for ASCII words (nearly every token), looked up without String hashing.
    private let knownASCII: ASCIIWordTable<WordClass>
    /// Some list can match words it does not spell out in full.
    private let hasPrefixEntries: Bool

    init(_ lexicon: AttributionLexicon) {
        self.lexicon = lexicon
        let grammar = lexicon.grammar
        let sets = [grammar.determiners, grammar.titleConnectors, grammar.modifierStops, grammar.subjectPronouns,
                    grammar.possessivePronouns, grammar.appositionOpeners, grammar.addresseeVerbs, grammar.adjectiveMarkers,
                    lexicon.titleWords, lexicon.particles, lexicon.notNames, lexicon.circumstanceOpeners, lexicon.frameAdverbs,
                    lexicon.clauseStoppers, lexicon.clauseMarkers]
        let indexes = Self.phraseLists(lexicon)
        var vocabulary = Set<String>()
        for set in sets { vocabulary.formUnion(set) }
        for index in indexes {
            for entry in index.entries where !entry.words.isEmpty {
                vocabulary.insert(entry.words[0])
                // "dr." is found as "dr" + ".": the word before the period must be known too.
                if entry.words[0].hasSuffix(".") { vocabulary.insert(String(entry.words[0].dropLast())) }
            }
        }
        var known: [String: WordClass] = [:]
        for word in vocabulary {
            let classes = Self.classify(word, lexicon, spelledOut: true)
            if !classes.isEmpty { known[word] = classes }
        }
        self.known = known
        // A non-ASCII key canonically equal to an ASCII word (a Kelvin sign for "k") is found
        // under that word too, as the String dictionary would find it.
        var ascii: [String: WordClass] = [:]
        for (word, classes) in known {
            let form = Self.isASCII(word) ? word : word.decomposedStringWithCanonicalMapping
            if Self.isASCII(form) { ascii[form, default: []].formUnion(classes) }
        }
        knownASCII = ASCIIWordTable(ascii.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        // Only a one-word prefix entry ("spokes*") can match a word no list spells out: the
        // first word of a longer entry is always written in full.
        hasPrefixEntries = indexes.contains { index in index.entries.contains { $0.isWildcard && $0.words.count == 1 } }
    }

    /// The classes of each word (none for nil: punctuation and quoted words).
    func classes(of words: [String?]) -> [WordClass] {
        words.map { word in
            guard let word else { return [] }
            switch knownASCII.lookup(word) {
            case .found(let classes): return classes
            case .absent: break
            case .notASCII: if let classes = known[word] { return classes }
            }
            return hasPrefixEntries ? Self.classify(word, lexicon, spelledOut: false) : []
        }
    }

    private static func isASCII(_ word: String) -> Bool { word.utf8.allSatisfy { $0 < 0x80 } }

    private static func phraseLists(_ lexicon: AttributionLexicon) -> [PhraseIndex] {
        [lexicon.roles, lexicon.honorifics, lexicon.pronouns, lexicon.documents, lexicon.frameNegators, lexicon.reportingVerbs,
         lexicon.sourceFrames, lexicon.disagreement, lexicon.organisations, lexicon.outlets]
    }

    /// The lookups the rules would make for `word`, one bit each. A word no list spells out
    /// (`spelledOut` false) opens no entry of several words.
    private static func classify(_ word: String, _ lexicon: AttributionLexicon, spelledOut: Bool) -> WordClass {
        func mayStart(_ index: PhraseIndex) -> Bool {
            index.match([word], at: 0) != nil || spelledOut && index.entries.contains { $0.words.count > 1 && $0.words[0] == word }
        }
        let grammar = lexicon.grammar
        var classes: WordClass = []
        let tests: [(WordClass, Bool)] = [
            (.determiner, grammar.determiners.contains(word)),
            (.titleConnector, grammar.titleConnectors.contains(word)),
            (.modifierStop, grammar.modifierStops.contains(word)),
            (.subjectPronoun, grammar.subjectPronouns.contains(word)),
            (.possessivePronoun, grammar.possessivePronouns.contains(word)),
            (.appositionOpener, grammar.appositionOpeners.contains(word)),
            (.addresseeVerb, grammar.addresseeVerbs.contains(word)),
            (.adjectiveMarker, grammar.adjectiveMarkers.contains(word)),
            (.titleWord, lexicon.titleWords.contains(word)),
            (.particle, lexicon.particles.contains(word)),
            (.notName, lexicon.notNames.contains(word)),
            (.circumstanceOpener, lexicon.circumstanceOpeners.contains(word)),
            (.frameAdverb, lexicon.frameAdverbs.contains(word)),
            (.clauseStopper, lexicon.clauseStoppers.contains(word)),
            (.clauseMarker, lexicon.clauseMarkers.contains(word)),
            (.role, lexicon.roles.contains(word: word)),
            (.honorific, lexicon.honorifics.contains(word: word)),
            (.honorificWithPeriod, lexicon.honorifics.contains(word: word + ".")),
            (.pronoun, lexicon.pronouns.contains(word: word)),
            (.documentNoun, lexicon.documents.contains(word: word)),
            (.frameNegator, lexicon.frameNegators.contains(word: word)),
            (.reportingVerb, lexicon.reportingVerbs.contains(word: word)),
            (.startsReportingVerb, mayStart(lexicon.reportingVerbs)),
            (.startsSourceFrame, mayStart(lexicon.sourceFrames)),
            (.startsDisagreement, mayStart(lexicon.disagreement)),
            (.startsOrganisation, mayStart(lexicon.organisations)),
            (.startsOutlet, mayStart(lexicon.outlets)),
        ]
        for (bit, yes) in tests where yes { classes.insert(bit) }
        return classes
    }
}
