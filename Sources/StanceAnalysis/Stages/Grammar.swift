import StanceCore

/// Closed-class English words the rules lean on (`grammar/*.tsv`): determiners, pronouns,
/// connectors. Kept as data like every other word list, so a user can see and change them.
public final class Grammar: Sendable {
    public let determiners: Set<String>
    public let titleConnectors: Set<String>
    public let modifierStops: Set<String>
    public let subjectPronouns: Set<String>
    public let possessivePronouns: Set<String>
    public let coordinators: Set<String>
    public let labelIntroducers: Set<String>
    public let clauseContinuers: Set<String>
    public let frameAuxiliaries: Set<String>
    public let appositionOpeners: Set<String>
    public let addresseeVerbs: Set<String>
    public let adjectiveMarkers: Set<String>

    public init(_ lexicon: Lexicon) {
        func words(_ name: String) -> Set<String> {
            Set(lexicon.list("grammar/" + name).entries.map { $0.words.joined(separator: " ") })
        }
        determiners = words("determiners")
        titleConnectors = words("title_connectors")
        modifierStops = words("modifier_stops")
        subjectPronouns = words("subject_pronouns")
        possessivePronouns = words("possessive_pronouns")
        coordinators = words("coordinators")
        labelIntroducers = words("label_introducers")
        clauseContinuers = words("clause_continuers")
        frameAuxiliaries = words("frame_auxiliaries")
        appositionOpeners = words("apposition_openers")
        addresseeVerbs = words("addressee_verbs")
        adjectiveMarkers = words("adjective_markers")
    }
}
