import Foundation
import GRDB
import StanceCore

/// Small read queries the incremental analysis and the database commands need.
extension CorpusStore {
    /// A run's documents and the content hash each had in it (`run_documents`), by id.
    public func runDocumentHashes(runID: String) throws -> [String: String] {
        try read { db in
            var hashes: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT document_id, content_hash FROM run_documents WHERE run_id = ?",
                                           arguments: [runID])
            while let row = try rows.next() { hashes[row[0]] = row[1] as String }
            return hashes
        }
    }

    /// Documents with a stored statement that the run does not hold (a correction took it out, or
    /// the document was analysed again since): the run's stances of them cannot be reused as they are.
    ///
    /// Read on every run: both id lists are walked in index order side by side (a lookup per stored
    /// statement cost most of an unchanged re-run), and only the ids found outside are looked up.
    public func documentsWithStatementsOutsideRun(runID: String) throws -> Set<String> {
        try read { db in
            let stored = try String.fetchCursor(db, sql: "SELECT statement_id FROM statements ORDER BY statement_id")
            let inRun = try String.fetchCursor(db, sql: "SELECT statement_id FROM run_statements WHERE run_id = ? ORDER BY statement_id",
                                               arguments: [runID])
            var outside: [String] = []
            var next = try inRun.next()
            while let id = try stored.next() {
                // SQLite orders text by its bytes (BINARY collation); so does this comparison.
                while let candidate = next, candidate.utf8Precedes(id) { next = try inRun.next() }
                if let candidate = next, candidate.utf8.elementsEqual(id.utf8) {
                    next = try inRun.next()
                } else {
                    outside.append(id)
                }
            }
            guard !outside.isEmpty else { return [] }
            return Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT s.document_id FROM json_each(?) AS outside JOIN statements s ON s.statement_id = outside.value
                """, arguments: [JSONColumns.encode(outside)]))
        }
    }

    /// The metadata stored with each document (`title`, `date`, `source`, `url`), by id: a JSON
    /// Lines article whose text is unchanged but whose metadata changed must be stored again.
    public func documentMetadata() throws -> [String: StoredMetadata] {
        try read { db in
            var metadata: [String: StoredMetadata] = [:]
            // By index, from a cursor: a row per document, read on every run.
            let rows = try Row.fetchCursor(db, sql: "SELECT id, title, date, source, url FROM documents")
            while let row = try rows.next() {
                metadata[row[0]] = StoredMetadata(title: row[1], date: row[2], source: row[3], url: row[4])
            }
            return metadata
        }
    }

    /// One statement as currently stored (its document-level speaker), nil when no statement has the id.
    public func statement(id: String) throws -> StanceCore.Statement? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.statementColumns) FROM statements WHERE statement_id = ?", arguments: [id])
                .map { try statement($0, speaker: nil) }
        }
    }

    /// The topics a run scored, in its order.
    public func topics(runID: String) throws -> [TopicSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT topic, label, target FROM run_topics WHERE run_id = ? ORDER BY ord", arguments: [runID])
                .map { TopicSummary(id: $0["topic"], label: $0["label"], target: $0["target"]) }
        }
    }

    /// How many documents are stored, and how many of them are marked missing.
    public func documentCounts() throws -> (stored: Int, missing: Int) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, coalesce(sum(missing), 0) AS m FROM documents")
            return (row?["n"] ?? 0, row?["m"] ?? 0)
        }
    }
}

/// A document's metadata as stored.
public struct StoredMetadata: Sendable, Hashable {
    public let title: String?
    public let date: String?
    public let source: String?
    public let url: String?

    public init(title: String?, date: String?, source: String?, url: String?) {
        self.title = title
        self.date = date
        self.source = source
        self.url = url
    }
}
