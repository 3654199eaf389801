import StanceCore

/// The attribution lists of a lexicon, indexed once per run. Every word the attributor looks for
/// comes from here; nothing is spelled out in the rules.
public final class AttributionLexicon: Sendable {
    public let reportingVerbs: PhraseIndex
    public let sourceFrames: PhraseIndex
    public let roles: PhraseIndex
    public let titleWords: Set<String>
    public let honorifics: PhraseIndex
    public let pronouns: PhraseIndex
    public let organisations: PhraseIndex
    public let outlets: PhraseIndex
    public let documents: PhraseIndex
    public let particles: Set<String>
    public let notNames: Set<String>
    public let disagreement: PhraseIndex
    public let circumstanceOpeners: Set<String>
    public let frameAdverbs: Set<String>
    public let frameNegators: PhraseIndex
    public let clauseStoppers: Set<String>
    public let clauseMarkers: Set<String>
    /// How many paragraphs back a floating quote may find its speaker (setting `attribution.floating_paragraphs`).
    public let floatingParagraphs: Int
    public let grammar: Grammar

    public init(_ lexicon: Lexicon) {
        func words(_ name: String) -> Set<String> {
            Set(lexicon.list(name).entries.map { $0.words.joined(separator: " ") })
        }
        reportingVerbs = PhraseIndex(lexicon.list("attribution/reporting_verbs"))
        sourceFrames = PhraseIndex(lexicon.list("attribution/source_frames"))
        roles = PhraseIndex(lexicon.list("attribution/roles"))
        titleWords = words("attribution/title_words")
        honorifics = PhraseIndex(lexicon.list("attribution/honorifics"))
        pronouns = PhraseIndex(lexicon.list("attribution/pronouns"))
        organisations = PhraseIndex(lexicon.list("attribution/organisations"))
        outlets = PhraseIndex(lexicon.list("attribution/outlets"))
        documents = PhraseIndex(lexicon.list("attribution/documents"))
        particles = words("attribution/name_particles")
        notNames = words("attribution/not_names")
        disagreement = PhraseIndex(lexicon.list("attribution/disagreement"))
        circumstanceOpeners = words("attribution/circumstance_openers")
        frameAdverbs = words("attribution/frame_adverbs")
        frameNegators = PhraseIndex(lexicon.list("attribution/frame_negators"))
        clauseStoppers = words("attribution/clause_stoppers")
        clauseMarkers = words("segmentation/clause_markers")
        floatingParagraphs = Int(lexicon.settings.value("attribution.floating_paragraphs", default: 2))
        grammar = Grammar(lexicon)
    }
}
