import Foundation
import GRDB
import StanceCore

/// A run's stance rows kept on disk while its documents are analysed, and the run stored from its
/// corpus-level result, its statements' ids and speakers and those rows: memory holds neither the
/// stances' evidence nor the statements' words, whatever the corpus's size.
///
/// Each document's stance rows go to a temporary table of the writing connection as the document is
/// analysed, re-scored or reused (`addPendingStances`); `finishRun(_:statements:documentOrder:...)` copies them
/// into the run's `stances` in the order the run's result lists them (documents in the order given,
/// each one's stances as produced), the `ord` the whole-result path (`finishRun(_: CorpusResult, ...)`)
/// gives them. The temporary tables go with the connection, so an interrupted run leaves none.
extension CorpusStore {
    /// Starts a run's collection of stance rows, forgetting any left from an earlier one.
    public func beginPendingStances() throws {
        try writeTemporary { db in
            try db.execute(sql: "DROP TABLE IF EXISTS temp.pending_stances")
            try db.execute(sql: """
                CREATE TEMP TABLE pending_stances (
                    document_id TEXT NOT NULL, seq INTEGER NOT NULL, statement_id TEXT NOT NULL, topic TEXT NOT NULL,
                    stance TEXT NOT NULL, score REAL NOT NULL, confidence REAL NOT NULL, evidence TEXT NOT NULL,
                    PRIMARY KEY (document_id, seq)
                ) WITHOUT ROWID
                """)
        }
    }

    /// Keeps documents' stance rows until the run is finished; a document's earlier rows are replaced.
    public func addPendingStances(_ documents: [(id: String, stances: [StatementStance])]) throws {
        guard !documents.isEmpty else { return }
        try writeTemporary { db in try insertPendingStances(documents, db) }
    }

    func insertPendingStances(_ documents: [(id: String, stances: [StatementStance])], _ db: Database) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM temp.pending_stances WHERE document_id = ?")
        // Through `RowInserter`, evidence encoded into one reused buffer: a row per stance.
        var insert = try RowInserter(db, table: "temp.pending_stances", columns: [
            "document_id", "seq", "statement_id", "topic", "stance", "score", "confidence", "evidence",
        ])
        var evidence: [UInt8] = []
        for (id, stances) in documents {
            try delete.execute(arguments: [id])
            for (seq, stance) in stances.enumerated() {
                insert.bind(id)
                insert.bind(seq)
                insert.bindStance(stance, evidence: &evidence)
                try insert.insert()
            }
        }
    }

    /// Stores a finished run as `finishRun(_: CorpusResult, ...)` does, from the run's corpus-level
    /// result (its `statements` and `stances` are not read), its statements' ids and canonical
    /// speakers in the result's order, and the stance rows kept for its documents
    /// (`addPendingStances`), listed documents in `documentOrder`, each one's rows as produced: the
    /// same rows, `ord` included, as the whole result gives.
    public func finishRun(_ result: CorpusResult, statements: [(id: String, speaker: String)], documentOrder: [String],
                          stats: RunStats, lexiconFiles: [LexiconFile], finishedAt: Date = Date()) throws {
        try finishRun(result, statementCount: statements.count, stats: stats, lexiconFiles: lexiconFiles,
                      finishedAt: finishedAt) { db in
            let runID = result.run.runID
            try insertRunStatements(statements, runID: runID, db)
            // Each document's rank in the result's order; its stances follow in the order produced.
            try db.execute(sql: "DROP TABLE IF EXISTS temp.document_ranks")
            try db.execute(sql: "CREATE TEMP TABLE document_ranks (document_id TEXT PRIMARY KEY NOT NULL, rank INTEGER NOT NULL) WITHOUT ROWID")
            let rank = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.document_ranks (document_id, rank) VALUES (?, ?)")
            for (index, id) in documentOrder.enumerated() { try rank.execute(arguments: [id, index]) }
            try db.execute(sql: """
                INSERT INTO stances (run_id, ord, statement_id, topic, stance, score, confidence, evidence)
                SELECT ?, ord, statement_id, topic, stance, score, confidence, evidence FROM (
                    SELECT row_number() OVER (ORDER BY r.rank, p.seq) - 1 AS ord, p.*
                    FROM temp.pending_stances AS p JOIN temp.document_ranks AS r USING (document_id)
                ) ORDER BY statement_id, topic
                """, arguments: [runID])
            try db.execute(sql: "DROP TABLE temp.document_ranks")
            try db.execute(sql: "DROP TABLE IF EXISTS temp.pending_stances")
        }
    }
}
