import Foundation
import GRDB
import StanceCore

/// Documents and their per-document analysis: the current state, replaced whenever a document is
/// analysed again.
extension CorpusStore {
    /// What the store knows about one document's input, nil when it has never been stored.
    public func documentState(id: String) throws -> StoredDocumentState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.stateColumns) FROM documents WHERE id = ?", arguments: [id])
                .map(Self.state)
        }
    }

    /// Every stored document's state, missing ones included, by id: one query for a whole corpus.
    public func documentStates() throws -> [StoredDocumentState] {
        try read { db in
            // A cursor decodes each row in place (fetchAll copies every row first): read on every run.
            try mapRows(Row.fetchCursor(db, sql: "SELECT \(Self.stateColumns) FROM documents ORDER BY id"), Self.state)
        }
    }

    public func allDocumentIDs() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM documents ORDER BY id") }
    }

    /// Stores freshly analysed documents in one write transaction: each document's previous
    /// statements, speakers, disagreements and text are replaced, its `analysis_count` goes up by one,
    /// it is no longer missing, and the full-text index follows. Stances are per run: `finishRun`.
    ///
    /// - Parameters:
    ///   - files: size and mtime of each document's file; a document without one (JSONL input) gets
    ///     its text's UTF-8 size and mtime 0.
    ///   - runID: the run that analysed them.
    public func saveDocuments(_ analyses: [DocumentAnalysis], files: [String: FileStamp] = [:], runID: String?) throws {
        guard !analyses.isEmpty else { return }
        // Each id once, or the index would learn a document's statements twice.
        let ids = JSONColumns.encode(Set(analyses.map(\.document.id)).sorted())
        try write { db in
            // The full-text index forgets the old statements before they go, and learns the new ones
            // once all are in: one statement each for the whole batch (see the schema).
            try db.cachedStatement(sql: """
                INSERT INTO statement_fts (statement_fts, rowid, text, speaker)
                SELECT 'delete', s.fts_rowid, s.text, s.speaker FROM json_each(?) AS batch
                JOIN statements AS s ON s.document_id = batch.value
                """).execute(arguments: [ids])
            for analysis in analyses {
                try save(analysis, stamp: files[analysis.document.id], runID: runID, db)
            }
            try db.cachedStatement(sql: """
                INSERT INTO statement_fts (rowid, text, speaker)
                SELECT s.fts_rowid, s.text, s.speaker FROM json_each(?) AS batch
                JOIN statements AS s ON s.document_id = batch.value
                """).execute(arguments: [ids])
        }
        didCommit(documents: analyses.count)
    }

    /// Records the run that analysed these documents, for documents stored before their run's id
    /// was known (`stance merge` learns it once every part is read).
    public func setAnalysedAtRun(_ ids: [String], runID: String) throws {
        try write { db in
            let update = try db.cachedStatement(sql: "UPDATE documents SET analysed_at_run = ? WHERE id = ?")
            for id in ids { try update.execute(arguments: [runID, id]) }
        }
    }

    /// Records new sizes and mtimes of documents whose content was found unchanged (same hash), so
    /// the next run's cheap check passes. Also clears `missing`: the file is there.
    public func updateFileStamps(_ stamps: [String: FileStamp]) throws {
        try write { db in
            let update = try db.cachedStatement(sql: "UPDATE documents SET size = ?, mtime = ?, missing = 0 WHERE id = ?")
            for (id, stamp) in stamps {
                try update.execute(arguments: [stamp.size, stamp.mtime, id])
            }
        }
    }

    /// Marks documents that were not found in the input any more. Their rows are kept.
    public func markMissing(_ ids: [String]) throws {
        try setMissing(ids, true)
    }

    /// Clears the mark for documents found again with unchanged content.
    public func markPresent(_ ids: [String]) throws {
        try setMissing(ids, false)
    }

    /// Stored documents rebuilt without reading their files: the given ids (missing or not, unknown
    /// ids skipped), or every document not marked missing. Ordered by id.
    ///
    /// - Parameter stancesFromRun: when given, each document carries that run's stances of its
    ///   statements (e.g. to reuse them when the stance lexicons did not change).
    public func loadDocumentAnalyses(ids: [String]? = nil, stancesFromRun: String? = nil) throws -> [StoredDocument] {
        try read { db in
            let rows: [Row]
            let sql = "SELECT \(Self.stateColumns), title, date, source, url, fingerprint, text FROM documents JOIN document_text USING (id)"
            if let ids {
                let lookup = try db.cachedStatement(sql: sql + " WHERE id = ?")
                rows = try Set(ids).sorted().compactMap { try Row.fetchOne(lookup, arguments: [$0]) }
            } else {
                rows = try Row.fetchAll(db, sql: sql + " WHERE missing = 0 ORDER BY id")
            }
            return try rows.map { row in
                let state = Self.state(row)
                let document = Document(id: state.id, text: row["text"], title: row["title"], date: row["date"],
                                        source: row["source"], url: row["url"])
                return StoredDocument(document: document, state: state, fingerprint: row["fingerprint"],
                                      statements: try statements(of: state.id, db),
                                      speakers: try speakers(of: state.id, db),
                                      disagreements: try disagreements(of: state.id, db),
                                      stances: try stancesFromRun.map { try stances(of: state.id, run: $0, db) } ?? [])
            }
        }
    }

    // MARK: - Writing one document

    private func save(_ analysis: DocumentAnalysis, stamp: FileStamp?, runID: String?, _ db: Database) throws {
        let document = analysis.document
        let stamp = stamp ?? FileStamp(size: document.text.utf8.count, mtime: 0)
        // An upsert, not INSERT OR REPLACE: replacing the row would delete it first and cascade.
        // The fingerprint belongs to the old text until the next finished run records the new one.
        try db.cachedStatement(sql: """
            INSERT INTO documents (id, content_hash, size, mtime, title, date, source, url, missing, analysed_at_run, analysis_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1)
            ON CONFLICT (id) DO UPDATE SET
                fingerprint = CASE WHEN content_hash = excluded.content_hash THEN fingerprint END,
                content_hash = excluded.content_hash, size = excluded.size, mtime = excluded.mtime,
                title = excluded.title, date = excluded.date, source = excluded.source, url = excluded.url,
                missing = 0, analysed_at_run = excluded.analysed_at_run, analysis_count = analysis_count + 1
            """).execute(arguments: [document.id, document.contentHash, stamp.size, stamp.mtime, document.title,
                                     document.date, document.source, document.url, runID])
        try db.cachedStatement(sql: """
            INSERT INTO document_text (id, text) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET text = excluded.text
            """).execute(arguments: [document.id, document.text])
        for table in ["statements", "doc_speakers", "disagreements"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE document_id = ?").execute(arguments: [document.id])
        }

        var insertStatement = try RowInserter(db, table: "statements", columns: [
            "statement_id", "document_id", "ord", "paragraph", "start", "end", "speaker", "speaker_mention",
            "speaker_kind", "kind", "cue", "rule", "link", "text",
        ])
        for (ord, statement) in analysis.statements.enumerated() {
            insertStatement.bind(statement.id)
            insertStatement.bind(document.id)
            insertStatement.bind(ord)
            insertStatement.bind(statement.paragraph)
            insertStatement.bind(statement.range.start)
            insertStatement.bind(statement.range.end)
            insertStatement.bind(statement.speaker)
            insertStatement.bind(statement.speakerMention)
            insertStatement.bind(statement.speakerKind.rawValue)
            insertStatement.bind(statement.kind.rawValue)
            insertStatement.bind(statement.cue)
            insertStatement.bind(statement.rule)
            insertStatement.bind(statement.link)
            insertStatement.bind(statement.text)
            try insertStatement.insert()
        }

        let insertSpeaker = try db.cachedStatement(sql: """
            INSERT INTO doc_speakers (document_id, ord, name, kind, aliases, roles, affiliation, links, gender)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ord, speaker) in analysis.speakers.enumerated() {
            try insertSpeaker.execute(arguments: [
                document.id, ord, speaker.name, speaker.kind.rawValue, JSONColumns.encode(speaker.aliases),
                JSONColumns.encode(speaker.roles), speaker.affiliation, JSONColumns.encode(speaker.links),
                speaker.gender.map { String($0) },
            ])
        }

        let insertDisagreement = try db.cachedStatement(sql: """
            INSERT INTO disagreements (document_id, ord, speaker, target, start, "end", cue_term, cue_file, cue_line,
                                       cue_column, cue_words, cue_wildcard, cue_fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ord, disagreement) in analysis.disagreements.enumerated() {
            let cue = disagreement.cue
            try insertDisagreement.execute(arguments: [
                document.id, ord, disagreement.speaker, disagreement.target, disagreement.range.start,
                disagreement.range.end, cue.term, cue.location.file, cue.location.line, cue.location.column,
                JSONColumns.encode(cue.words), cue.isWildcard, JSONColumns.encode(cue.fields),
            ])
        }
    }

    private func setMissing(_ ids: [String], _ missing: Bool) throws {
        try write { db in
            let update = try db.cachedStatement(sql: "UPDATE documents SET missing = ? WHERE id = ?")
            for id in ids { try update.execute(arguments: [missing, id]) }
        }
    }

    // MARK: - Reading one document

    private static let stateColumns = "id, content_hash, size, mtime, missing, analysis_count, analysed_at_run"

    /// A state from a row whose first columns are `stateColumns`, read by index (a row per document
    /// on every run).
    private static func state(_ row: Row) -> StoredDocumentState {
        StoredDocumentState(id: row[0], contentHash: row[1], size: row[2], mtime: row[3], missing: row[4], analysisCount: row[5],
                            analysedAtRun: row[6])
    }

    private func statements(of documentID: String, _ db: Database) throws -> [StanceCore.Statement] {
        let select = try db.cachedStatement(sql: "SELECT \(Self.statementColumns) FROM statements WHERE document_id = ? ORDER BY ord")
        return try mapRows(Row.fetchCursor(select, arguments: [documentID])) { try statement($0, speaker: nil) }
    }

    private func speakers(of documentID: String, _ db: Database) throws -> [DocumentSpeaker] {
        let select = try db.cachedStatement(sql: "SELECT * FROM doc_speakers WHERE document_id = ? ORDER BY ord")
        return try Row.fetchAll(select, arguments: [documentID]).map { row in
            let gender: String? = row["gender"]
            return DocumentSpeaker(name: row["name"], kind: try decode(SpeakerKind.self, row["kind"], column: "doc_speakers.kind"),
                                   aliases: try JSONColumns.decodeStrings(row["aliases"]),
                                   roles: try JSONColumns.decodeStrings(row["roles"]), affiliation: row["affiliation"],
                                   links: try JSONColumns.decodeStrings(row["links"]), gender: gender?.first)
        }
    }

    private func disagreements(of documentID: String, _ db: Database) throws -> [Disagreement] {
        let select = try db.cachedStatement(sql: "SELECT * FROM disagreements WHERE document_id = ? ORDER BY ord")
        return try Row.fetchAll(select, arguments: [documentID]).map { row in
            let cue = LexiconEntry(term: row["cue_term"], words: try JSONColumns.decodeStrings(row["cue_words"]),
                                   isWildcard: row["cue_wildcard"], fields: try JSONColumns.decodeFields(row["cue_fields"]),
                                   location: SourceLocation(file: row["cue_file"], line: row["cue_line"], column: row["cue_column"]))
            return Disagreement(speaker: row["speaker"], target: row["target"],
                                range: TextRange(row["start"], row["end"]), cue: cue)
        }
    }

    private func stances(of documentID: String, run runID: String, _ db: Database) throws -> [StatementStance] {
        let select = try db.cachedStatement(sql: """
            SELECT \(Self.stanceColumns) FROM statements CROSS JOIN stances
                ON stances.run_id = ? AND stances.statement_id = statements.statement_id
            WHERE statements.document_id = ? ORDER BY stances.ord
            """)
        // CROSS JOIN keeps this order: the document's statements by index, then each one's stances
        // by primary key. Otherwise SQLite may walk all of the run's stances for every document.
        return try mapRows(Row.fetchCursor(select, arguments: [runID, documentID])) { try stance($0) }
    }

    // MARK: - Row decoding shared with run results

    /// Column order `statement(_:speaker:)` reads by index (it runs once per stored statement).
    static let statementColumns = """
        statements.statement_id, statements.document_id, statements.paragraph, statements.start, statements."end", \
        statements.speaker, statements.speaker_mention, statements.speaker_kind, statements.kind, statements.cue, \
        statements.rule, statements.link, statements.text
        """

    /// A statement from a row of `statementColumns`; `speaker` replaces the stored document-level name.
    func statement(_ row: Row, speaker: String?) throws -> StanceCore.Statement {
        StanceCore.Statement(documentID: row[1], paragraph: row[2], range: TextRange(row[3], row[4]), text: row[12],
                             kind: try decode(StatementKind.self, row[8], column: "statements.kind"),
                             speaker: speaker ?? row[5], speakerMention: row[6],
                             speakerKind: try decode(SpeakerKind.self, row[7], column: "statements.speaker_kind"),
                             cue: row[9], rule: row[10], link: row[11])
    }

    /// Column order `stance(_:_:)` reads by index.
    static let stanceColumns = "stances.statement_id, stances.topic, stances.stance, stances.score, stances.confidence, stances.evidence"

    func stance(_ row: Row) throws -> StatementStance {
        StatementStance(statementID: row[0], topic: row[1], label: try decode(StanceLabel.self, row[2], column: "stances.stance"),
                        score: row[3], confidence: row[4], evidence: try JSONColumns.decodeEvidence(row[5]))
    }
}
