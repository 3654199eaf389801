import Foundation
import GRDB
import StanceCore

/// Runs and their corpus-level results, kept per run so that runs can be listed, compared and
/// reported on again from the database alone.
extension CorpusStore {
    /// Records that a run started. A run id already stored (the same inputs give the same id) is
    /// replaced: its old results are deleted and it becomes the newest run.
    public func beginRun(_ run: RunInfo, startedAt: Date = Date()) throws {
        try write { db in try insertRun(run, startedAt: startedAt, db) }
    }

    /// Stores a run's result in one transaction: the run row with its counts, its topics, documents,
    /// statements (with their canonical speaker names), stances, speakers, positions, contrasts,
    /// allies and a copy of its lexicon files, and each document's fingerprint. Starts the run
    /// first when `beginRun` was not called for it.
    public func finishRun(_ result: CorpusResult, stats: RunStats, lexiconFiles: [LexiconFile],
                          finishedAt: Date = Date()) throws {
        try finishRun(result, statementCount: result.statements.count, stats: stats, lexiconFiles: lexiconFiles,
                      finishedAt: finishedAt) { db in try insertStatementsAndStances(of: result, db) }
    }

    /// `finishRun` with the run's statements and stances stored by `insertStatementsAndStances`
    /// (in the same transaction): `result`'s own are not read.
    func finishRun(_ result: CorpusResult, statementCount: Int, stats: RunStats, lexiconFiles: [LexiconFile], finishedAt: Date,
                   insertStatementsAndStances: (Database) throws -> Void) throws {
        let runID = result.run.runID
        try write { db in
            let started = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE run_id = ? AND finished_at IS NULL)",
                                            arguments: [runID]) ?? false
            if !started {
                try insertRun(result.run, startedAt: finishedAt, db)
            }
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, tool_version = ?, lexicon_hash = ?, analysis_date = ?, documents = ?,
                    statements = ?, analysed = ?, reused = ?, failed = ?, duration_seconds = ?
                WHERE run_id = ?
                """, arguments: [Self.timestamp(finishedAt), result.run.toolVersion, result.run.lexiconHash,
                                 result.run.analysisDate, result.documents.count, statementCount,
                                 stats.analysed, stats.reused, stats.failed, stats.durationSeconds, runID])
            try insertRows(db, table: "run_lexicon_files", columns: ["path", "content"], runID: runID, ordered: false,
                           lexiconFiles) { [$0.path, Data($0.bytes)] }
            try insertRows(db, table: "run_topics", columns: ["topic", "label", "target"], runID: runID,
                           result.topics) { [$0.id, $0.label, $0.target] }
            try insertRows(db, table: "run_documents",
                           columns: ["document_id", "content_hash", "fingerprint", "title", "date", "source", "statements"],
                           runID: runID, result.documents) {
                [$0.id, $0.contentHash, $0.fingerprint, $0.title, $0.date, $0.source, $0.statements]
            }
            try insertStatementsAndStances(db)
            try insertRows(db, table: "speakers",
                           columns: ["speaker_id", "speaker", "kind", "aliases", "roles", "affiliation", "statements",
                                     "documents", "links"],
                           runID: runID, result.speakers) {
                [$0.id, $0.name, $0.kind.rawValue, JSONColumns.encode($0.aliases), JSONColumns.encode($0.roles),
                 $0.affiliation, $0.statements, $0.documents, JSONColumns.encode($0.links)]
            }
            try insertPositions(result.positions, runID: runID, db)
            try insertPairs(of: result, db)
            let fingerprint = try db.cachedStatement(sql: "UPDATE documents SET fingerprint = ? WHERE id = ? AND content_hash = ?")
            for document in result.documents {
                try fingerprint.execute(arguments: [document.fingerprint, document.id, document.contentHash])
            }
        }
    }

    /// Every run, newest first; unfinished ones (still running, or interrupted) included.
    public func runs() throws -> [RunRecord] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY seq DESC").map(Self.runRecord) }
    }

    /// Deletes every run but the `keep` newest, with all their per-run rows. Documents, statements
    /// and corrections are not per run and stay. Returns the ids deleted, newest first.
    @discardableResult
    public func pruneRuns(keep: Int) throws -> [String] {
        try write { db in
            let doomed = try String.fetchAll(db, sql: "SELECT run_id FROM runs ORDER BY seq DESC LIMIT -1 OFFSET ?",
                                             arguments: [max(keep, 0)])
            let delete = try db.cachedStatement(sql: "DELETE FROM runs WHERE run_id = ?")
            for runID in doomed { try delete.execute(arguments: [runID]) }
            return doomed
        }
    }

    /// The lexicon files stored with a run, by path.
    public func lexiconFiles(runID: String) throws -> [LexiconFile] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT path, content FROM run_lexicon_files WHERE run_id = ? ORDER BY path",
                             arguments: [runID])
                .map { LexiconFile(path: $0["path"], bytes: [UInt8]($0["content"] as Data)) }
        }
    }

    /// A finished run's result rebuilt from the database: `runID`, or the newest finished run when
    /// nil. Nil when the database holds no finished run; `StoreError.unknownRun` for an id it does
    /// not hold. Statements carry the run's canonical speaker names; the rest of each statement is
    /// its current row, so the statements of documents re-analysed since an older run are those of
    /// the new analysis, and statements that no longer exist are left out.
    public func loadResult(runID: String? = nil) throws -> CorpusResult? {
        try read { db in
            guard let run = try finishedRun(runID, db) else { return nil }
            let arguments: StatementArguments = [run.runID]
            let statements = try mapRows(Row.fetchCursor(db, sql: """
                SELECT \(Self.statementColumns), run_statements.speaker FROM run_statements
                JOIN statements USING (statement_id) WHERE run_statements.run_id = ? ORDER BY run_statements.ord
                """, arguments: arguments)) { try statement($0, speaker: $0[13]) }
            let stances = try mapRows(Row.fetchCursor(db, sql: "SELECT \(Self.stanceColumns) FROM stances WHERE run_id = ? ORDER BY ord",
                                                      arguments: arguments)) { try stance($0) }
            return try corpusLevel(run, statements: statements, stances: stances, db)
        }
    }

    /// The newest finished run's id, nil when there is none.
    func latestFinishedRunID(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT run_id FROM runs WHERE finished_at IS NOT NULL ORDER BY seq DESC LIMIT 1")
    }

    /// ISO 8601 in UTC, the form every stored date-time takes.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    // MARK: - Private

    private func insertRun(_ run: RunInfo, startedAt: Date, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM runs WHERE run_id = ?", arguments: [run.runID])
        try db.execute(sql: """
            INSERT INTO runs (run_id, seq, started_at, tool_version, lexicon_hash, analysis_date)
            VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM runs), ?, ?, ?, ?)
            """, arguments: [run.runID, Self.timestamp(startedAt), run.toolVersion, run.lexiconHash, run.analysisDate])
    }

    /// The two tables with a row per statement, through `RowInserter`, in key order (their primary
    /// key is run_id, then the statement id): appending to an index costs about half as much as
    /// inserting at random. `ord` keeps the result's order.
    private func insertStatementsAndStances(of result: CorpusResult, _ db: Database) throws {
        let runID = result.run.runID
        try insertRunStatements(result.statements.map { (id: $0.id, speaker: $0.speaker) }, runID: runID, db)
        var insertStance = try RowInserter(db, table: "stances", columns: [
            "run_id", "ord", "statement_id", "topic", "stance", "score", "confidence", "evidence",
        ])
        let stances = result.stances
        var evidence: [UInt8] = []
        for ord in Self.keyOrder(stances.map(\.statementID)) {
            insertStance.bind(runID)
            insertStance.bind(ord)
            insertStance.bindStance(stances[ord], evidence: &evidence)
            try insertStance.insert()
        }
    }

    /// The run's statement ids with their canonical speakers, `ord` their place in the result, in key
    /// order (run id, statement id).
    func insertRunStatements(_ statements: [(id: String, speaker: String)], runID: String, _ db: Database) throws {
        var insert = try RowInserter(db, table: "run_statements", columns: ["run_id", "ord", "statement_id", "speaker"])
        for ord in Self.keyOrder(statements.map(\.id)) {
            insert.bind(runID)
            insert.bind(ord)
            insert.bind(statements[ord].id)
            insert.bind(statements[ord].speaker)
            try insert.insert()
        }
    }

    private func insertPositions(_ positions: [Position], runID: String, _ db: Database) throws {
        var insert = try RowInserter(db, table: "positions", columns: [
            "run_id", "ord", "topic", "grp", "speaker", "stance", "score", "confidence", "statements", "favor_statements",
            "against_statements", "strongest_statement_id",
        ])
        for (ord, position) in positions.enumerated() {
            insert.bind(runID)
            insert.bind(ord)
            insert.bind(position.topic)
            insert.bind(position.group)
            insert.bind(position.speaker)
            insert.bind(position.label.rawValue)
            insert.bind(position.score)
            insert.bind(position.confidence)
            insert.bind(position.statements)
            insert.bind(position.favorStatements)
            insert.bind(position.againstStatements)
            insert.bind(position.strongestStatementID)
            try insert.insert()
        }
    }

    /// Contrasts and allies: a row per pair of speakers, so as many as statements on a busy topic.
    private func insertPairs(of result: CorpusResult, _ db: Database) throws {
        let runID = result.run.runID
        var contrast = try RowInserter(db, table: "contrasts", columns: [
            "run_id", "ord", "topic", "speaker_a", "stance_a", "speaker_b", "stance_b", "strength", "explicit_disagreement",
        ])
        for (ord, pair) in result.contrasts.enumerated() {
            contrast.bind(runID)
            contrast.bind(ord)
            contrast.bind(pair.topic)
            contrast.bind(pair.speakerA)
            contrast.bind(pair.stanceA.rawValue)
            contrast.bind(pair.speakerB)
            contrast.bind(pair.stanceB.rawValue)
            contrast.bind(pair.strength)
            contrast.bind(pair.explicitDisagreement ? 1 : 0)
            try contrast.insert()
        }
        var ally = try RowInserter(db, table: "allies", columns: ["run_id", "ord", "topic", "speaker_a", "speaker_b", "stance", "strength"])
        for (ord, pair) in result.allies.enumerated() {
            ally.bind(runID)
            ally.bind(ord)
            ally.bind(pair.topic)
            ally.bind(pair.speakerA)
            ally.bind(pair.speakerB)
            ally.bind(pair.label.rawValue)
            ally.bind(pair.strength)
            try ally.insert()
        }
    }

    /// Indices of `keys` in the byte order SQLite sorts text in. Compares the first eight bytes as
    /// one integer first: statement ids differ there, and a string comparison costs far more.
    static func keyOrder(_ keys: [String]) -> [Int] {
        let prefixes = keys.map { key in
            var prefix: UInt64 = 0
            var count = 0
            for byte in key.utf8.prefix(8) {
                prefix = prefix << 8 | UInt64(byte)
                count += 1
            }
            return prefix << (8 * UInt64(8 - count))
        }
        return keys.indices.sorted { a, b in
            prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : keys[a].utf8Precedes(keys[b])
        }
    }

    /// Inserts one row per element into a per-run table through one prepared statement; `ord`
    /// (the element's index) follows `run_id` unless the table has no order.
    private func insertRows<Element>(_ db: Database, table: String, columns: [String], runID: String, ordered: Bool = true,
                                     _ elements: [Element], values: (Element) -> [(any DatabaseValueConvertible)?]) throws {
        let allColumns = ["run_id"] + (ordered ? ["ord"] : []) + columns
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(allColumns.joined(separator: ", "))) \
            VALUES (\(Array(repeating: "?", count: allColumns.count).joined(separator: ", ")))
            """)
        for (ord, element) in elements.enumerated() {
            let leading: [(any DatabaseValueConvertible)?] = ordered ? [runID, ord] : [runID]
            try insert.execute(arguments: StatementArguments(leading + values(element)))
        }
    }

    static func runRecord(_ row: Row) -> RunRecord {
        RunRecord(runID: row["run_id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                  toolVersion: row["tool_version"], lexiconHash: row["lexicon_hash"], analysisDate: row["analysis_date"],
                  documents: row["documents"], statements: row["statements"], analysed: row["analysed"],
                  reused: row["reused"], failed: row["failed"], durationSeconds: row["duration_seconds"])
    }
}

extension RowInserter {
    /// The columns a stance row has in `stances` and in the pending rows of a run: statement id,
    /// topic, stance, score, confidence and the evidence JSON, encoded into `evidence` (a buffer
    /// reused from row to row).
    mutating func bindStance(_ stance: StatementStance, evidence: inout [UInt8]) {
        bind(stance.statementID)
        bind(stance.topic)
        bind(stance.label.rawValue)
        bind(stance.score)
        bind(stance.confidence)
        evidence.removeAll(keepingCapacity: true)
        JSONColumns.append(stance.evidence, to: &evidence)
        bind(utf8: evidence)
    }
}
