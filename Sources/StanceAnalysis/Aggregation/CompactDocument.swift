import StanceCore

/// What aggregation needs of one document, without its words: its summary, speakers and
/// disagreements, and per statement and stance the few values speaker counts, near-duplicates and
/// positions read. `stance analyze` keeps one per document while the statements and the stances'
/// evidence go to the database, so a large corpus is held as a few dozen bytes per statement.
public struct CompactDocument: Sendable {
    public struct StatementRecord: Sendable {
        public let id: String
        public let start: Int
        public let end: Int
        /// The document-level speaker name, as an index into `names`.
        public let name: Int32
        /// The statement's words as near-duplicates compare them (`NearDuplicates.StatementKey`).
        public let words: UInt64
    }

    public struct StanceRecord: Sendable {
        /// Index into `statements`; -1 for a stance whose statement the document does not hold.
        public let statement: Int32
        public let topic: String
        public let label: StanceLabel
        public let score: Double
        public let confidence: Double
    }

    public let summary: DocumentSummary
    public let speakers: [DocumentSpeaker]
    /// Explicit disagreements that name whom they reject: (who disagrees, with whom), document-level names.
    public let disagreements: [(speaker: String, target: String)]
    /// The document-level speaker names statements carry, each once.
    public let names: [String]
    public let statements: [StatementRecord]
    public let stances: [StanceRecord]

    public init(_ result: DocumentResult) {
        summary = result.summary
        speakers = result.speakers
        disagreements = result.disagreements.compactMap { disagreement in
            disagreement.target.map { (speaker: disagreement.speaker, target: $0) }
        }
        var names: [String] = []
        var nameIndex: [String: Int32] = [:]
        var statementIndex: [String: Int32] = [:]
        statements = result.statements.enumerated().map { offset, statement in
            let name: Int32
            if let known = nameIndex[statement.speaker] {
                name = known
            } else {
                name = Int32(names.count)
                nameIndex[statement.speaker] = name
                names.append(statement.speaker)
            }
            if statementIndex[statement.id] == nil { statementIndex[statement.id] = Int32(offset) }
            return StatementRecord(id: statement.id, start: statement.range.start, end: statement.range.end, name: name,
                                   words: NearDuplicates.StatementKey(statement).words)
        }
        self.names = names
        stances = result.stances.map { stance in
            StanceRecord(statement: statementIndex[stance.statementID] ?? -1, topic: stance.topic, label: stance.label,
                         score: stance.score, confidence: stance.confidence)
        }
    }
}

/// The corpus view aggregated from compact documents: what `CorpusResult` holds but the statements'
/// words and the stances, which stay with the documents they came from.
public struct CompactResult: Sendable {
    /// A statement of the result: which document (index into the aggregated documents) and which of
    /// its statements, with the canonical corpus-level speaker name.
    public struct StatementRef: Sendable {
        public let document: Int32
        public let statement: Int32
        public let speaker: String
    }

    public let run: RunInfo
    public let topics: [TopicSummary]
    /// Document summaries sorted by id.
    public let documents: [DocumentSummary]
    /// Statements in the result's order: by document id, then range.
    public let statements: [StatementRef]
    public let speakers: [SpeakerSummary]
    public let positions: [Position]
    public let contrasts: [Contrast]
    public let allies: [Alliance]

    /// The result without statements and stances, as the store and the tables take it.
    public var overview: CorpusResult {
        CorpusResult(run: run, topics: topics, documents: documents, statements: [], stances: [], speakers: speakers,
                     positions: positions, contrasts: contrasts, allies: allies)
    }

    /// Each statement's id and canonical speaker, in the result's order; `documents` are those it was
    /// aggregated from, in the same order.
    public func statementIDs(in documents: [CompactDocument]) -> [(id: String, speaker: String)] {
        statements.map { (id: documents[Int($0.document)].statements[Int($0.statement)].id, speaker: $0.speaker) }
    }
}

extension Aggregator {
    /// `aggregate` over compact documents (taken in the order given, as `aggregate` takes its
    /// documents): speakers, positions with near-duplicate copies counted once, contrasts and allies.
    public func aggregate(_ documents: [CompactDocument], topics: [Topic], run: RunInfo) -> CompactResult {
        let identity = SpeakerIdentity(documents.map { (id: $0.summary.id, speakers: $0.speakers) })
        var statements: [CompactResult.StatementRef] = []
        var disagreements: [(String, String)] = []
        var canonical: [[String]] = []
        canonical.reserveCapacity(documents.count)
        for (d, document) in documents.enumerated() {
            let names = identity.canonicalName[document.summary.id] ?? [:]
            let speakers = document.names.map { names[$0] ?? $0 }
            canonical.append(speakers)
            for (s, statement) in document.statements.enumerated() {
                statements.append(CompactResult.StatementRef(document: Int32(d), statement: Int32(s), speaker: speakers[Int(statement.name)]))
            }
            for (speaker, target) in document.disagreements { disagreements.append((names[speaker] ?? speaker, names[target] ?? target)) }
        }
        statements.sort { a, b in
            let (x, y) = (documents[Int(a.document)], documents[Int(b.document)])
            if x.summary.id != y.summary.id { return x.summary.id < y.summary.id }
            let (p, q) = (x.statements[Int(a.statement)], y.statements[Int(b.statement)])
            return (p.start, p.end) < (q.start, q.end)
        }
        // Statements and documents per speaker: the statements are in document order.
        var counts: [String: (statements: Int, documents: Int, last: String?)] = [:]
        for ref in statements {
            let document = documents[Int(ref.document)].summary.id
            var count = counts[ref.speaker] ?? (0, 0, nil)
            count.statements += 1
            if count.last != document {
                count.documents += 1
                count.last = document
            }
            counts[ref.speaker] = count
        }
        let speakers = identity.speakers.values.compactMap { m -> SpeakerSummary? in
            guard let count = counts[m.canonical] else { return nil }
            return SpeakerSummary(id: SpeakerIdentity.speakerID(m.canonical), name: m.canonical, kind: m.kind, aliases: m.aliases,
                                  roles: m.roles, affiliation: m.affiliation, statements: count.statements,
                                  documents: count.documents, links: m.links)
        }.sorted { $0.name < $1.name }

        // Near-duplicate copies (wire stories republished by several outlets) count once: NearDuplicates.
        let summaries = documents.map(\.summary).sorted { $0.id < $1.id }
        var keys: [String: [NearDuplicates.StatementKey]] = [:]
        for document in documents {
            keys[document.summary.id, default: []] += document.statements.map { NearDuplicates.StatementKey(id: $0.id, words: $0.words) }
        }
        let duplicates = NearDuplicates(documents: summaries, keys: keys)
        keys = [:]
        var items: [(stance: StatementStance, speaker: String, group: String?)] = []
        for (d, document) in documents.enumerated() {
            for stance in document.stances where stance.statement >= 0 {
                let statement = document.statements[Int(stance.statement)]
                if duplicates.uncounted.contains(statement.id) { continue }
                items.append((stance: StatementStance(statementID: statement.id, topic: stance.topic, label: stance.label,
                                                      score: stance.score, confidence: stance.confidence, evidence: []),
                               speaker: canonical[d][Int(statement.name)], group: nil))
            }
        }
        let positions = self.positions(items)
        let (contrasts, allies) = pairs(positions, disagreements: disagreements)
        return CompactResult(run: run, topics: topics.map { TopicSummary(id: $0.id, label: $0.label, target: $0.target) },
                             documents: summaries, statements: statements, speakers: speakers, positions: positions,
                             contrasts: contrasts, allies: allies)
    }
}
