import Foundation
import GRDB
import StanceCore

/// A finished run as reports need it without its statements and stances, which grow with the
/// corpus: those are read row by row with `forEachStatement` and `forEachStance`.
public struct RunOverview: Sendable {
    /// The run's corpus-level result with `statements` and `stances` left empty.
    public let result: CorpusResult
    /// Statements of the run that are still stored (as `loadResult` gives them).
    public let statementCount: Int
    public let stanceCount: Int
}

extension CorpusStore {
    /// The run `runID`, or the newest finished run, without statements and stances; nil when the
    /// database holds no finished run; `StoreError.unknownRun` for an id it does not hold.
    public func loadOverview(runID: String? = nil) throws -> RunOverview? {
        try read { db in
            guard let run = try finishedRun(runID, db) else { return nil }
            let result = try corpusLevel(run, statements: [], stances: [], db)
            let arguments: StatementArguments = [run.runID]
            let statementCount = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM run_statements JOIN statements USING (statement_id) WHERE run_statements.run_id = ?
                """, arguments: arguments) ?? 0
            let stanceCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM stances WHERE run_id = ?", arguments: arguments) ?? 0
            return RunOverview(result: result, statementCount: statementCount, stanceCount: stanceCount)
        }
    }

    /// The run's statements with its canonical speaker names, one at a time, in the tables' order:
    /// by document, then start, then end, then id (SQLite compares text by bytes, which for UTF-8 is
    /// the order of Unicode scalars the reports sort by).
    public func forEachStatement(runID: String, _ body: (StanceCore.Statement) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \(Self.statementColumns), run_statements.speaker FROM run_statements
                JOIN statements USING (statement_id) WHERE run_statements.run_id = ?
                ORDER BY statements.document_id, statements.start, statements."end", statements.statement_id
                """, arguments: [runID])
            while let row = try cursor.next() { try body(try statement(row, speaker: row[13])) }
        }
    }

    /// The run's stances, one at a time, in the order of their statements (`forEachStatement`), then
    /// by topic; a stance whose statement is no longer stored comes last, by statement id.
    public func forEachStance(runID: String, _ body: (StatementStance) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \(Self.stanceColumns) FROM stances
                LEFT JOIN run_statements ON run_statements.run_id = stances.run_id
                    AND run_statements.statement_id = stances.statement_id
                LEFT JOIN statements ON statements.statement_id = run_statements.statement_id
                WHERE stances.run_id = ?
                ORDER BY statements.document_id IS NULL, statements.document_id, statements.start, statements."end",
                    stances.statement_id, stances.topic
                """, arguments: [runID])
            while let row = try cursor.next() { try body(try stance(row)) }
        }
    }

    /// One statement of a run, with the run's speaker name; nil when it is not in the run's result.
    public func statement(id: String, runID: String) throws -> StanceCore.Statement? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.statementColumns), run_statements.speaker FROM run_statements
                JOIN statements USING (statement_id) WHERE run_statements.run_id = ? AND run_statements.statement_id = ?
                """, arguments: [runID, id]).map { try statement($0, speaker: $0[13]) }
        }
    }

    /// A statement's stance on a topic in a run.
    public func stance(statementID: String, topic: String, runID: String) throws -> StatementStance? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.stanceColumns) FROM stances WHERE run_id = ? AND statement_id = ? AND topic = ?",
                             arguments: [runID, statementID, topic]).map { try stance($0) }
        }
    }

    // MARK: - Shared with loadResult

    /// The finished run `runID`, or the newest finished one.
    func finishedRun(_ runID: String?, _ db: Database) throws -> RunInfo? {
        let row: Row?
        if let runID {
            row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = ? AND finished_at IS NOT NULL", arguments: [runID])
            if row == nil { throw StoreError.unknownRun(path: path, runID: runID) }
        } else {
            row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE finished_at IS NOT NULL ORDER BY seq DESC LIMIT 1")
        }
        return row.map { Self.runRecord($0).info }
    }

    /// The run's result around the given statements and stances: its topics, documents, speakers,
    /// positions, contrasts and allies as stored.
    func corpusLevel(_ run: RunInfo, statements: [StanceCore.Statement], stances: [StatementStance], _ db: Database) throws -> CorpusResult {
        let arguments: StatementArguments = [run.runID]
        let topics = try Row.fetchAll(db, sql: "SELECT * FROM run_topics WHERE run_id = ? ORDER BY ord", arguments: arguments)
            .map { TopicSummary(id: $0["topic"], label: $0["label"], target: $0["target"]) }
        let documents = try Row.fetchAll(db, sql: "SELECT * FROM run_documents WHERE run_id = ? ORDER BY ord", arguments: arguments)
            .map {
                DocumentSummary(id: $0["document_id"], contentHash: $0["content_hash"], fingerprint: $0["fingerprint"],
                                title: $0["title"], date: $0["date"], source: $0["source"], statements: $0["statements"])
            }
        let speakers = try Row.fetchAll(db, sql: "SELECT * FROM speakers WHERE run_id = ? ORDER BY ord", arguments: arguments)
            .map {
                SpeakerSummary(id: $0["speaker_id"], name: $0["speaker"],
                               kind: try decode(SpeakerKind.self, $0["kind"], column: "speakers.kind"),
                               aliases: try JSONColumns.decodeStrings($0["aliases"]),
                               roles: try JSONColumns.decodeStrings($0["roles"]), affiliation: $0["affiliation"],
                               statements: $0["statements"], documents: $0["documents"],
                               links: try JSONColumns.decodeStrings($0["links"]))
            }
        // Columns read by index: as many rows as speaker pairs, and a lookup by name costs more
        // than decoding the value.
        let positions = try mapRows(Row.fetchCursor(db, sql: """
            SELECT topic, speaker, stance, score, confidence, statements, favor_statements, against_statements,
                strongest_statement_id, grp
            FROM positions WHERE run_id = ? ORDER BY ord
            """, arguments: arguments)) {
            Position(topic: $0[0], speaker: $0[1], label: try decode(StanceLabel.self, $0[2], column: "positions.stance"),
                     score: $0[3], confidence: $0[4], statements: $0[5], favorStatements: $0[6], againstStatements: $0[7],
                     strongestStatementID: $0[8], group: $0[9])
        }
        let contrasts = try mapRows(Row.fetchCursor(db, sql: """
            SELECT topic, speaker_a, stance_a, speaker_b, stance_b, strength, explicit_disagreement
            FROM contrasts WHERE run_id = ? ORDER BY ord
            """, arguments: arguments)) {
            Contrast(topic: $0[0], speakerA: $0[1], stanceA: try decode(StanceLabel.self, $0[2], column: "contrasts.stance_a"),
                     speakerB: $0[3], stanceB: try decode(StanceLabel.self, $0[4], column: "contrasts.stance_b"),
                     strength: $0[5], explicitDisagreement: $0[6])
        }
        let allies = try mapRows(Row.fetchCursor(db, sql: """
            SELECT topic, speaker_a, speaker_b, stance, strength FROM allies WHERE run_id = ? ORDER BY ord
            """, arguments: arguments)) {
            Alliance(topic: $0[0], speakerA: $0[1], speakerB: $0[2], label: try decode(StanceLabel.self, $0[3], column: "allies.stance"),
                     strength: $0[4])
        }
        return CorpusResult(run: run, topics: topics, documents: documents, statements: statements, stances: stances,
                            speakers: speakers, positions: positions, contrasts: contrasts, allies: allies)
    }
}
