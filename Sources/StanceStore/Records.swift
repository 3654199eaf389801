import StanceCore

/// A file's size and modification time: the cheap first test of whether a document changed.
public struct FileStamp: Sendable, Hashable {
    public let size: Int
    /// Seconds since 1970.
    public let mtime: Double

    public init(size: Int, mtime: Double) {
        self.size = size
        self.mtime = mtime
    }
}

/// What the store knows about a document's input, to decide whether it must be analysed again:
/// same size and mtime means unchanged; otherwise compare the content hash.
public struct StoredDocumentState: Sendable, Hashable {
    public let id: String
    /// SHA-256 of the text (`Document.contentHash`).
    public let contentHash: String
    public let size: Int
    public let mtime: Double
    /// The document was not found in the input on a later run; its rows are kept.
    public let missing: Bool
    /// How many times the document was analysed and saved, over the database's life.
    public let analysisCount: Int
    /// The run that last analysed it.
    public let analysedAtRun: String?
}

/// A stored document with everything needed to rebuild its `DocumentAnalysis` without reading the
/// file again. Paragraphs, sentences and quotations are not stored.
public struct StoredDocument: Sendable {
    public let document: Document
    public let state: StoredDocumentState
    /// SimHash of the text, as the last finished run recorded it.
    public let fingerprint: String?
    /// Statements with the speaker names the document gives (not the canonical corpus names).
    public let statements: [StanceCore.Statement]
    public let speakers: [DocumentSpeaker]
    public let disagreements: [Disagreement]
    /// The stances of the run asked for, or empty.
    public let stances: [StatementStance]

    /// The analysis as `Pipeline` produced it, minus paragraphs, sentences and quotations.
    public var analysis: DocumentAnalysis {
        DocumentAnalysis(document: document, paragraphs: [], sentences: [], quotations: [], statements: statements,
                         speakers: speakers, stances: stances, disagreements: disagreements)
    }
}

/// The counts a run summary reports, beyond what the result itself holds.
public struct RunStats: Sendable, Hashable {
    /// Documents analysed (new or changed) in this run.
    public let analysed: Int
    /// Documents whose stored analysis was reused.
    public let reused: Int
    /// Inputs that could not be read or analysed.
    public let failed: Int
    public let durationSeconds: Double

    public init(analysed: Int, reused: Int, failed: Int, durationSeconds: Double) {
        self.analysed = analysed
        self.reused = reused
        self.failed = failed
        self.durationSeconds = durationSeconds
    }
}

/// One lexicon file of a run, copied into the database so that a run can be reproduced or compared.
public struct LexiconFile: Sendable, Hashable {
    /// Relative to the lexicon folder, with `/`.
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// A run as `stance runs` lists it. Counts are nil while the run is unfinished (or was interrupted).
public struct RunRecord: Sendable, Hashable {
    public let runID: String
    /// ISO 8601, wall clock time.
    public let startedAt: String
    public let finishedAt: String?
    public let toolVersion: String
    public let lexiconHash: String
    /// The run's `RunInfo.analysisDate` (SOURCE_DATE_EPOCH when set).
    public let analysisDate: String
    public let documents: Int?
    public let statements: Int?
    public let analysed: Int?
    public let reused: Int?
    public let failed: Int?
    public let durationSeconds: Double?

    public var isFinished: Bool { finishedAt != nil }
    public var info: RunInfo {
        RunInfo(runID: runID, lexiconHash: lexiconHash, toolVersion: toolVersion, analysisDate: analysisDate)
    }
}

/// A user's correction of one statement, applied on every later run (`stance correct`).
public enum CorrectionChange: Sendable, Hashable {
    /// The statement's speaker is this person.
    case speaker(String)
    /// The statement's stance on `topic` is `label`.
    case stance(topic: String, label: StanceLabel)
    /// It is not a statement at all.
    case notAStatement
}

/// A stored correction. Later corrections of the same statement and kind override earlier ones.
public struct Correction: Sendable, Hashable {
    public let id: Int64
    public let statementID: String
    public let change: CorrectionChange
    /// ISO 8601.
    public let createdAt: String
}

/// One statement found by `search`, with its stances in the latest finished run.
public struct SearchHit: Sendable, Hashable {
    public let statementID: String
    public let documentID: String
    public let paragraph: Int
    public let range: TextRange
    /// The canonical name from the latest finished run, else the name the document gives.
    public let speaker: String
    public let text: String
    /// The part of the text around the matched words, matches between the highlight marks.
    public let snippet: String
    public let stances: [SearchStance]
}

/// A statement's stance on one topic, as search results show it.
public struct SearchStance: Sendable, Hashable {
    public let topic: String
    public let label: StanceLabel
    public let score: Double

    public init(topic: String, label: StanceLabel, score: Double) {
        self.topic = topic
        self.label = label
        self.score = score
    }
}
