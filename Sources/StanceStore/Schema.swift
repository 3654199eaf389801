import GRDB

/// The database schema, as a list of migrations. Migrations are only ever appended: a shipped one is
/// never edited, because databases in the field have already applied it (GRDB records applied
/// migration names in `grdb_migrations` and runs each pending one in its own transaction).
enum Schema {
    /// `PRAGMA application_id` of every stance database ("STNC"): how a file given as `--db` is
    /// recognised as ours before anything is written to it.
    static let applicationID: Int32 = 0x5354_4E43

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: v1) }
        migrator.registerMigration("v2-outputs") { db in try db.execute(sql: v2Outputs) }
        migrator.registerMigration("v3-bulk-writes") { db in try db.execute(sql: v3BulkWrites) }
        return migrator
    }

    /// Current-state tables (documents and what their analysis found) are replaced per document when
    /// it is re-analysed. Per-run tables (`run_id` first, deleted with the run) keep every run's
    /// results so runs can be compared. `ord` columns keep the order the analysis produced, so a
    /// result read back equals the one stored. Lists (aliases, roles, links, evidence) are JSON text.
    private static let v1 = """
        PRAGMA application_id = \(applicationID);

        CREATE TABLE documents (
            id TEXT PRIMARY KEY NOT NULL,
            content_hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            title TEXT,
            date TEXT,
            source TEXT,
            url TEXT,
            fingerprint TEXT,
            missing INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1)),
            analysed_at_run TEXT,
            analysis_count INTEGER NOT NULL DEFAULT 0
        );

        -- Kept apart from documents so that listing documents does not page through every article.
        CREATE TABLE document_text (
            id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL
        );

        -- `fts_rowid` is an explicit INTEGER PRIMARY KEY because the full-text index refers to rows by
        -- rowid, and VACUUM may renumber an implicit rowid.
        CREATE TABLE statements (
            fts_rowid INTEGER PRIMARY KEY,
            statement_id TEXT NOT NULL UNIQUE,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            speaker_mention TEXT NOT NULL,
            speaker_kind TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT NOT NULL,
            rule TEXT NOT NULL,
            link TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX statements_by_document ON statements(document_id, ord);

        CREATE TABLE doc_speakers (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            affiliation TEXT,
            links TEXT NOT NULL,
            gender TEXT,
            PRIMARY KEY (document_id, ord)
        );

        CREATE TABLE disagreements (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            target TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            cue_term TEXT NOT NULL,
            cue_file TEXT NOT NULL,
            cue_line INTEGER NOT NULL,
            cue_column INTEGER NOT NULL,
            cue_words TEXT NOT NULL,
            cue_wildcard INTEGER NOT NULL,
            cue_fields TEXT NOT NULL,
            PRIMARY KEY (document_id, ord)
        );

        -- Statement text and speaker for `stance search`. External content: the text is stored once,
        -- in statements. The store keeps the index in step with one statement per batch of documents
        -- (CorpusStore.saveDocuments), not with triggers: an FTS5 write run from a trigger costs some
        -- 30 µs per row, ten times the bulk INSERT ... SELECT.
        CREATE VIRTUAL TABLE statement_fts USING fts5(
            text, speaker, content = 'statements', content_rowid = 'fts_rowid',
            tokenize = 'unicode61 remove_diacritics 2'
        );

        -- `seq` orders runs: run ids are content hashes, and the same inputs give the same id again.
        CREATE TABLE runs (
            run_id TEXT PRIMARY KEY NOT NULL,
            seq INTEGER NOT NULL UNIQUE,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            tool_version TEXT NOT NULL,
            lexicon_hash TEXT NOT NULL,
            analysis_date TEXT NOT NULL,
            documents INTEGER,
            statements INTEGER,
            analysed INTEGER,
            reused INTEGER,
            failed INTEGER,
            duration_seconds REAL
        );

        CREATE TABLE run_lexicon_files (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (run_id, path)
        );

        CREATE TABLE run_topics (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            topic TEXT NOT NULL,
            label TEXT NOT NULL,
            target TEXT NOT NULL,
            PRIMARY KEY (run_id, ord)
        );

        CREATE TABLE run_documents (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            document_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            title TEXT,
            date TEXT,
            source TEXT,
            statements INTEGER NOT NULL,
            PRIMARY KEY (run_id, ord)
        );

        -- The run's statements with the canonical speaker name aggregation gave them; the rest of
        -- each statement is in statements.
        CREATE TABLE run_statements (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            statement_id TEXT NOT NULL,
            speaker TEXT NOT NULL,
            PRIMARY KEY (run_id, statement_id)
        );

        CREATE TABLE stances (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            statement_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            stance TEXT NOT NULL,
            score REAL NOT NULL,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (run_id, statement_id, topic)
        );

        CREATE TABLE speakers (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            speaker_id TEXT NOT NULL,
            speaker TEXT NOT NULL,
            kind TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            affiliation TEXT,
            statements INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            links TEXT NOT NULL,
            PRIMARY KEY (run_id, ord)
        );

        -- `grp` is the outlet or month of a `--by source|month` breakdown, NULL for overall positions.
        CREATE TABLE positions (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            topic TEXT NOT NULL,
            grp TEXT,
            speaker TEXT NOT NULL,
            stance TEXT NOT NULL,
            score REAL NOT NULL,
            confidence REAL NOT NULL,
            statements INTEGER NOT NULL,
            favor_statements INTEGER NOT NULL,
            against_statements INTEGER NOT NULL,
            strongest_statement_id TEXT,
            PRIMARY KEY (run_id, ord)
        );

        CREATE TABLE contrasts (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            topic TEXT NOT NULL,
            speaker_a TEXT NOT NULL,
            stance_a TEXT NOT NULL,
            speaker_b TEXT NOT NULL,
            stance_b TEXT NOT NULL,
            strength REAL NOT NULL,
            explicit_disagreement INTEGER NOT NULL,
            PRIMARY KEY (run_id, ord)
        );

        CREATE TABLE allies (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            topic TEXT NOT NULL,
            speaker_a TEXT NOT NULL,
            speaker_b TEXT NOT NULL,
            stance TEXT NOT NULL,
            strength REAL NOT NULL,
            PRIMARY KEY (run_id, ord)
        );

        -- Not tied to statements by a foreign key: a correction outlives the statement's rows, which
        -- are replaced whenever its document is re-analysed.
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            statement_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('speaker', 'stance', 'not_statement')),
            topic TEXT,
            value TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX corrections_by_statement ON corrections(statement_id);
        """

    /// The files a run's reports were last written to, per output folder, with the size and mtime
    /// each had just after writing: a re-run that changes nothing leaves files that still match alone
    /// (`key` says what they were written from: run, CSV profile, breakdowns, corrections).
    /// `runs.result_marker`: what besides documents and lexicons decided a finished run's result (the
    /// corrections it applied, the statement length limit), so a re-run knows whether it still holds.
    private static let v2Outputs = """
        ALTER TABLE runs ADD COLUMN result_marker TEXT;
        CREATE TABLE outputs (
            directory TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            output_key TEXT NOT NULL,
            PRIMARY KEY (directory, path)
        );
        """

    /// Cheaper bulk writes (issue 11), measured with `stance-bench store` (Benchmarks/README.md):
    /// - `run_statements` and `stances` become WITHOUT ROWID tables: a run writes them in primary key
    ///   order, and a rowid table kept each row twice (the row, and its primary key index).
    /// - The full-text index merges segments once 16 of a level exist instead of 4 (`automerge`): a
    ///   batch of documents adds one small segment, and with 4 each posting was rewritten about
    ///   twice as often while a corpus is stored. Queries read at most a few dozen segments more.
    private static let v3BulkWrites = """
        CREATE TABLE run_statements_v3 (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            statement_id TEXT NOT NULL,
            speaker TEXT NOT NULL,
            PRIMARY KEY (run_id, statement_id)
        ) WITHOUT ROWID;
        INSERT INTO run_statements_v3 (run_id, ord, statement_id, speaker)
            SELECT run_id, ord, statement_id, speaker FROM run_statements ORDER BY run_id, statement_id;
        DROP TABLE run_statements;
        ALTER TABLE run_statements_v3 RENAME TO run_statements;

        CREATE TABLE stances_v3 (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            statement_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            stance TEXT NOT NULL,
            score REAL NOT NULL,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (run_id, statement_id, topic)
        ) WITHOUT ROWID;
        INSERT INTO stances_v3 (run_id, ord, statement_id, topic, stance, score, confidence, evidence)
            SELECT run_id, ord, statement_id, topic, stance, score, confidence, evidence FROM stances
            ORDER BY run_id, statement_id, topic;
        DROP TABLE stances;
        ALTER TABLE stances_v3 RENAME TO stances;

        INSERT INTO statement_fts (statement_fts, rank) VALUES ('automerge', 16);
        """
}
