/// How a statement renders the speaker's words.
public enum StatementKind: String, Sendable, CaseIterable {
    /// The words inside quotation marks.
    case direct
    /// A reported clause ("X believes that ...", "According to X, ...").
    case indirect
    /// A reported clause that contains quoted words; its span includes the quote marks.
    case mixed
}

/// What sort of source a speaker is.
public enum SpeakerKind: String, Sendable {
    case person, organisation, collective, unknown
}

/// One reported clause or one quotation, tied to the speaker the article names for it.
public struct Statement: Sendable, Hashable {
    public let id: String
    public let documentID: String
    public let paragraph: Int
    public let range: TextRange
    public let text: String
    public let kind: StatementKind
    /// The speaker's full name as known in this document (empty when unattributed).
    public var speaker: String
    /// The words in the text that named the speaker for this statement ("he", "the minister").
    public var speakerMention: String
    public var speakerKind: SpeakerKind
    /// The cue that made this a statement: a reporting verb, "according to", "colon", "floating".
    public let cue: String
    /// The attribution rule that fired (snake_case id, see `AttributionRule`).
    public let rule: String
    /// How the mention was tied to the speaker (`name`, `surname`, `pronoun`, `role`, ...).
    public var link: String

    public init(documentID: String, paragraph: Int, range: TextRange, text: String, kind: StatementKind,
                speaker: String, speakerMention: String, speakerKind: SpeakerKind, cue: String,
                rule: String, link: String) {
        self.id = Statement.makeID(documentID: documentID, range: range)
        self.documentID = documentID
        self.paragraph = paragraph
        self.range = range
        self.text = text
        self.kind = kind
        self.speaker = speaker
        self.speakerMention = speakerMention
        self.speakerKind = speakerKind
        self.cue = cue
        self.rule = rule
        self.link = link
    }

    /// `s-` + the first 12 hex digits of SHA-256 of `<document id>:<start>:<end>` (output contract).
    public static func makeID(documentID: String, range: TextRange) -> String {
        "s-" + SHA256.hex(of: Array("\(documentID):\(range.start):\(range.end)".utf8)).prefix(12)
    }
}

/// A speaker as one document knows them: every form it was named by, roles and affiliation.
public struct DocumentSpeaker: Sendable, Hashable {
    public var name: String
    public var kind: SpeakerKind
    /// Every form the document named them by, in order of first use.
    public var aliases: [String]
    public var roles: [String]
    public var affiliation: String?
    /// `alias<-rule` items: how each alias was tied to the speaker.
    public var links: [String]
    public var gender: Character?

    public init(name: String, kind: SpeakerKind, aliases: [String] = [], roles: [String] = [],
                affiliation: String? = nil, links: [String] = [], gender: Character? = nil) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.roles = roles
        self.affiliation = affiliation
        self.links = links
        self.gender = gender
    }
}
