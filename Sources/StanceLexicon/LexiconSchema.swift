/// How one column of a word list (or one value in a YAML file) is validated.
public enum ColumnRule: Sendable, Equatable {
    /// A decimal number inside the range; out of range or not a number is L005, empty and required is L006.
    case number(ClosedRange<Double>, required: Bool)
    /// One of the listed words, exactly; anything else is L005, empty and required is L006.
    case oneOf([String], required: Bool)
    /// Free text, never checked.
    case text
}

/// The one table of what the lexicon files may contain: the columns of each known word list and the
/// keys of `settings.yaml`. Add a list or a setting here, and the loader validates it; a list not named
/// here still loads, with only the checks every list gets (header, term, duplicates).
public enum LexiconSchema {
    /// List name (path without `.tsv`) -> its columns besides `term`. A column not named here is L004.
    public static let lists: [String: [String: ColumnRule]] = [
        "attribution/reporting_verbs": [
            "class": .oneOf(["speech", "belief", "denial", "naming", "participle"], required: true),
            "bare_clause": .oneOf(["yes", "no", "to"], required: true),
        ],
        "attribution/source_frames": [
            "frame": .oneOf(["according", "possessive_noun"], required: true),
        ],
        "attribution/roles": [
            "gender": .oneOf(["m", "f", "-"], required: false),
        ],
        "attribution/honorifics": [
            "gender": .oneOf(["m", "f", "-"], required: false),
        ],
        "attribution/pronouns": [
            "gender": .oneOf(["m", "f", "n", "p"], required: true),
            "case": .oneOf(["subject", "possessive", "object"], required: true),
        ],
        "attribution/organisations": [
            "kind": .oneOf(["organisation", "collective"], required: true),
        ],
        "attribution/disagreement": [
            "target": .oneOf(["previous", "object"], required: true),
        ],
        "attribution/title_words": [:],
        "attribution/outlets": [:],
        "attribution/documents": [:],
        "attribution/name_particles": [:],
        "cleaning/boilerplate": [:],
        "segmentation/abbreviations": [
            "only_before": .oneOf(["number"], required: false),
        ],
        "attribution/not_names": [:],
        "grammar/determiners": [:],
        "grammar/title_connectors": [:],
        "grammar/modifier_stops": [:],
        "grammar/subject_pronouns": [:],
        "grammar/possessive_pronouns": [:],
        "grammar/coordinators": [:],
        "grammar/label_introducers": [:],
        "grammar/clause_continuers": [:],
        "grammar/frame_auxiliaries": [:],
        "grammar/apposition_openers": [:],
        "grammar/addressee_verbs": [:],
        "grammar/adjective_markers": [:],
        "attribution/frame_adverbs": [:],
        "attribution/frame_negators": [:],
        "attribution/clause_stoppers": [:],
        "attribution/circumstance_openers": [:],
        "segmentation/clause_markers": [:],
        "stance/negators": [:],
        "stance/framing_openers": [:],
        "stance/qualifiers": [:],
        "stance/terminators": [:],
        "stance/rebuttals": [:],
        "stance/possessed_others": [:],
        "stance/fixed_phrases": [
            "cancels": .oneOf(["negation", "contrast", "both"], required: true),
        ],
        "stance/prefix_framings": [
            "effect": .oneOf(["invert", "affirm"], required: true),
        ],
        "stance/self_references": [:],
        "stance/object_references": [
            "kind": .oneOf(["pronoun", "noun"], required: true),
        ],
        "stance/absence": [:],
        "stance/intensifiers": [
            "factor": .number(0...3, required: true),
        ],
        "stance/diminishers": [
            "factor": .number(0...1, required: true),
        ],
        "stance/hedges": [
            "factor": .number(0...1, required: true),
        ],
        "stance/contrast": [
            "asserted": .oneOf(["after", "main"], required: true),
        ],
        "stance/polarity": [
            "polarity": .number(-1...1, required: true),
        ],
        "stance/predicates": [
            "class": .oneOf(["want", "support", "oppose", "obstruct", "interest", "ensure", "fear", "act", "evaluate"],
                            required: true),
            "object": .oneOf(["after", "before", "either"], required: false),
            "polarity": .number(-1...1, required: true),
        ],
        "stance/framings": [
            "effect": .oneOf(["invert", "affirm"], required: true),
        ],
        "suggest/stopwords": [:],
    ]

    /// Columns every list may have besides its own. `source` says where an entry came from
    /// (`stance lexicon import` writes `vader_lexicon.txt:812`); nothing reads it but people.
    public static let commonColumns: [String: ColumnRule] = [
        "source": .text,
    ]

    /// `settings.yaml` key -> allowed range. A key not named here is L004.
    public static let settings: [String: ClosedRange<Double>] = [
        "quote.min_words_partial": 1...50,
        "attribution.floating_paragraphs": 0...10,
        "stance.threshold": 0...1,
        "stance.negation_factor": -2...0,
        "stance.general_weight": 0...2,
        "stance.context_factor": 0...1,
        "stance.contrast_weight": 1...3,
        "positions.mixed_share": 0...1,
        "contrasts.explicit_bonus": 0...1,
    ]

    /// Lists whose `polarity` column, with topic cues, is compared for conflicting signs (W001).
    static let polarityLists = ["stance/polarity", "stance/predicates"]
}
