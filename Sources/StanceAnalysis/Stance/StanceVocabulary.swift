import StanceCore

/// The general English layer of the stance rules (`stance/*.tsv`) and their settings, indexed once.
public final class StanceVocabulary: Sendable {
    public let negators: PhraseIndex
    public let intensifiers: PhraseIndex
    public let diminishers: PhraseIndex
    public let hedges: PhraseIndex
    public let contrast: PhraseIndex
    public let polarity: PhraseIndex
    public let predicates: PhraseIndex
    public let framings: PhraseIndex
    public let framingOpeners: PhraseIndex
    public let absence: PhraseIndex
    public let qualifiers: PhraseIndex
    public let objectReferences: PhraseIndex
    public let selfReferences: PhraseIndex
    public let fixedPhrases: PhraseIndex
    public let terminators: PhraseIndex
    public let prefixFramings: PhraseIndex
    public let rebuttals: PhraseIndex
    public let possessedOthers: PhraseIndex
    /// The reporting verbs, to cite the frame of a negated or denial statement.
    public let reportingVerbs: PhraseIndex
    public let grammar: Grammar
    /// The lists `StatementView` matches on every statement, in one pass (order: `StatementView.Lists`).
    let viewLists: [PhraseIndex]

    public let threshold: Double
    public let negationFactor: Double
    public let generalWeight: Double
    public let contextFactor: Double
    public let contrastWeight: Double

    public init(_ lexicon: Lexicon) {
        negators = PhraseIndex(lexicon.list("stance/negators"))
        intensifiers = PhraseIndex(lexicon.list("stance/intensifiers"))
        diminishers = PhraseIndex(lexicon.list("stance/diminishers"))
        hedges = PhraseIndex(lexicon.list("stance/hedges"))
        contrast = PhraseIndex(lexicon.list("stance/contrast"))
        polarity = PhraseIndex(lexicon.list("stance/polarity"))
        predicates = PhraseIndex(lexicon.list("stance/predicates"))
        framings = PhraseIndex(lexicon.list("stance/framings"))
        framingOpeners = PhraseIndex(lexicon.list("stance/framing_openers"))
        absence = PhraseIndex(lexicon.list("stance/absence"))
        qualifiers = PhraseIndex(lexicon.list("stance/qualifiers"))
        objectReferences = PhraseIndex(lexicon.list("stance/object_references"))
        selfReferences = PhraseIndex(lexicon.list("stance/self_references"))
        fixedPhrases = PhraseIndex(lexicon.list("stance/fixed_phrases"))
        terminators = PhraseIndex(lexicon.list("stance/terminators"))
        prefixFramings = PhraseIndex(lexicon.list("stance/prefix_framings"))
        rebuttals = PhraseIndex(lexicon.list("stance/rebuttals"))
        possessedOthers = PhraseIndex(lexicon.list("stance/possessed_others"))
        reportingVerbs = PhraseIndex(lexicon.list("attribution/reporting_verbs"))
        grammar = Grammar(lexicon)
        viewLists = [negators, intensifiers, diminishers, hedges, polarity, predicates, qualifiers, absence,
                                      objectReferences, selfReferences, fixedPhrases, contrast, terminators, possessedOthers,
                                      framings, framingOpeners, prefixFramings, rebuttals]
        let s = lexicon.settings
        threshold = s.value("stance.threshold", default: 0.2)
        negationFactor = s.value("stance.negation_factor", default: -1)
        generalWeight = s.value("stance.general_weight", default: 0.5)
        contextFactor = s.value("stance.context_factor", default: 0.6)
        contrastWeight = s.value("stance.contrast_weight", default: 1.5)
    }
}

/// A topic's terms, indexed for matching.
public final class CompiledTopic: Sendable {
    public let topic: Topic
    public let holder: PhraseIndex
    public let objects: PhraseIndex
    public let opposites: PhraseIndex
    public let terms: PhraseIndex
    public let cues: PhraseIndex
    /// holder, objects, opposites, terms, cues: the order `TopicEvidence` reads their matches in.
    let lists: [PhraseIndex]

    public init(_ topic: Topic) {
        self.topic = topic
        // An entity topic names its entity as holder or as objects; either way it is what the
        // statement judges.
        if topic.kind == .entity {
            holder = PhraseIndex(topic.holder + topic.objects)
            objects = PhraseIndex([])
        } else {
            holder = PhraseIndex(topic.holder)
            objects = PhraseIndex(topic.objects)
        }
        opposites = PhraseIndex(topic.opposites)
        terms = PhraseIndex(topic.terms)
        cues = PhraseIndex(topic.cues)
        lists = [holder, objects, opposites, terms, cues]
    }

    /// A proposition about someone's attitude ("Russia wants peace"), not the speaker's own.
    public var hasHolder: Bool { topic.kind == .proposition && !topic.holder.isEmpty }

    /// True when a speaker's affiliation ("U.S.", "the Kremlin") is one of the topic's holders, so
    /// "we" and "his country" in their statements name the holder.
    public func holderIncludes(affiliation: String?) -> Bool {
        guard let affiliation, !affiliation.isEmpty else { return false }
        let words: [String?] = affiliation.split(whereSeparator: { $0 == " " }).map { Folding.fold(String($0)) }
        return !holder.all(words, in: 0..<words.count).isEmpty
    }
}
