/// Everything one document's analysis produced. Independent of every other document
/// (output contract, Analysis units), so it can be cached, sharded and merged.
public struct DocumentAnalysis: Sendable {
    public let document: Document
    public let paragraphs: [Paragraph]
    public let sentences: [Sentence]
    public let quotations: [Quotation]
    public var statements: [Statement]
    /// Speakers as this document names them, keyed by the name statements carry.
    public var speakers: [DocumentSpeaker]
    public var stances: [StatementStance]
    /// Explicit disagreement in the text: (who disagrees, with whom or with what), e.g. "Hollan dismissed that argument".
    public var disagreements: [Disagreement]

    public init(document: Document, paragraphs: [Paragraph], sentences: [Sentence], quotations: [Quotation],
                statements: [Statement] = [], speakers: [DocumentSpeaker] = [], stances: [StatementStance] = [],
                disagreements: [Disagreement] = []) {
        self.document = document
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.quotations = quotations
        self.statements = statements
        self.speakers = speakers
        self.stances = stances
        self.disagreements = disagreements
    }
}

/// A sentence in which one speaker explicitly rejects another's view ("X thinks otherwise",
/// "X dismissed that argument"). `target` is the speaker whose view is rejected, when the text ties it.
public struct Disagreement: Sendable, Hashable {
    public let speaker: String
    public let target: String?
    public let range: TextRange
    public let cue: LexiconEntry

    public init(speaker: String, target: String?, range: TextRange, cue: LexiconEntry) {
        self.speaker = speaker
        self.target = target
        self.range = range
        self.cue = cue
    }
}

/// One speaker across the corpus, after identity resolution.
public struct SpeakerSummary: Sendable, Hashable {
    /// `p-` + 12 hex digits of SHA-256 of the folded canonical name.
    public let id: String
    public let name: String
    public let kind: SpeakerKind
    public let aliases: [String]
    public let roles: [String]
    public let affiliation: String?
    public let statements: Int
    public let documents: Int
    /// `alias<-rule` items.
    public let links: [String]

    public init(id: String, name: String, kind: SpeakerKind, aliases: [String], roles: [String],
                affiliation: String?, statements: Int, documents: Int, links: [String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.roles = roles
        self.affiliation = affiliation
        self.statements = statements
        self.documents = documents
        self.links = links
    }
}

/// A speaker's position on a topic, over all their statements.
public struct Position: Sendable, Hashable {
    public let topic: String
    public let speaker: String
    public let label: StanceLabel
    public let score: Double
    public let confidence: Double
    public let statements: Int
    public let favorStatements: Int
    public let againstStatements: Int
    public let strongestStatementID: String?
    /// Outlet or month, for `--by source|month` breakdowns; nil for the overall position.
    public let group: String?

    public init(topic: String, speaker: String, label: StanceLabel, score: Double, confidence: Double,
                statements: Int, favorStatements: Int, againstStatements: Int, strongestStatementID: String?,
                group: String? = nil) {
        self.topic = topic
        self.speaker = speaker
        self.label = label
        self.score = score
        self.confidence = confidence
        self.statements = statements
        self.favorStatements = favorStatements
        self.againstStatements = againstStatements
        self.strongestStatementID = strongestStatementID
        self.group = group
    }
}

/// A FAVOR position opposed to an AGAINST one on the same topic. `speakerA` is the FAVOR side.
public struct Contrast: Sendable, Hashable {
    public let topic: String
    public let speakerA: String
    public let stanceA: StanceLabel
    public let speakerB: String
    public let stanceB: StanceLabel
    public let strength: Double
    public let explicitDisagreement: Bool

    public init(topic: String, speakerA: String, stanceA: StanceLabel, speakerB: String, stanceB: StanceLabel,
                strength: Double, explicitDisagreement: Bool) {
        self.topic = topic
        self.speakerA = speakerA
        self.stanceA = stanceA
        self.speakerB = speakerB
        self.stanceB = stanceB
        self.strength = strength
        self.explicitDisagreement = explicitDisagreement
    }
}

/// Two speakers on the same side of a topic.
public struct Alliance: Sendable, Hashable {
    public let topic: String
    public let speakerA: String
    public let speakerB: String
    public let label: StanceLabel
    public let strength: Double

    public init(topic: String, speakerA: String, speakerB: String, label: StanceLabel, strength: Double) {
        self.topic = topic
        self.speakerA = speakerA
        self.speakerB = speakerB
        self.label = label
        self.strength = strength
    }
}

/// A document as the corpus-level tables list it.
public struct DocumentSummary: Sendable, Hashable {
    public let id: String
    public let contentHash: String
    /// 64-bit SimHash of the word shingles, hex: near-duplicates have close fingerprints.
    public let fingerprint: String
    public let title: String?
    public let date: String?
    public let source: String?
    public let statements: Int

    public init(id: String, contentHash: String, fingerprint: String, title: String?, date: String?,
                source: String?, statements: Int) {
        self.id = id
        self.contentHash = contentHash
        self.fingerprint = fingerprint
        self.title = title
        self.date = date
        self.source = source
        self.statements = statements
    }
}

/// What identifies a run in every output row.
public struct RunInfo: Sendable, Hashable {
    public let runID: String
    public let lexiconHash: String
    public let toolVersion: String
    /// ISO 8601 date-time of the analysis (from SOURCE_DATE_EPOCH when set).
    public let analysisDate: String

    public init(runID: String, lexiconHash: String, toolVersion: String, analysisDate: String) {
        self.runID = runID
        self.lexiconHash = lexiconHash
        self.toolVersion = toolVersion
        self.analysisDate = analysisDate
    }
}

/// A topic as reports need it: id, label and target in words.
public struct TopicSummary: Sendable, Hashable {
    public let id: String
    public let label: String
    public let target: String

    public init(id: String, label: String, target: String) {
        self.id = id
        self.label = label
        self.target = target
    }
}

/// The corpus-level result every report and table renders. Reports are pure functions of it.
public struct CorpusResult: Sendable {
    public let run: RunInfo
    public let topics: [TopicSummary]
    public let documents: [DocumentSummary]
    /// Statements with `speaker` set to the canonical corpus-level name.
    public let statements: [Statement]
    public let stances: [StatementStance]
    public let speakers: [SpeakerSummary]
    public let positions: [Position]
    public let contrasts: [Contrast]
    public let allies: [Alliance]

    public init(run: RunInfo, topics: [TopicSummary], documents: [DocumentSummary], statements: [Statement],
                stances: [StatementStance], speakers: [SpeakerSummary], positions: [Position],
                contrasts: [Contrast], allies: [Alliance]) {
        self.run = run
        self.topics = topics
        self.documents = documents
        self.statements = statements
        self.stances = stances
        self.speakers = speakers
        self.positions = positions
        self.contrasts = contrasts
        self.allies = allies
    }
}

/// What aggregation and storage keep of a document's analysis: its summary and its statements
/// with their speakers and stances, without the text and its segmentation (so a large corpus is
/// held in memory only as statements).
public struct DocumentResult: Sendable {
    public let summary: DocumentSummary
    public var statements: [Statement]
    public var speakers: [DocumentSpeaker]
    public var stances: [StatementStance]
    public var disagreements: [Disagreement]

    public init(summary: DocumentSummary, statements: [Statement], speakers: [DocumentSpeaker], stances: [StatementStance],
                disagreements: [Disagreement]) {
        self.summary = summary
        self.statements = statements
        self.speakers = speakers
        self.stances = stances
        self.disagreements = disagreements
    }
}
