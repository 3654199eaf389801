import Foundation
import GRDB
import StanceCore

/// `stance search`: full-text search over statement text (FTS5), filtered by speaker and by stance
/// in the newest finished run.
extension CorpusStore {
    /// Statements matching `query`, best match first.
    ///
    /// - Parameters:
    ///   - query: FTS5 query syntax (`peace AND russia`, `"peace agreement"`, `negot*`); text that
    ///     is not valid syntax is searched as plain words, all of which must occur. Case and
    ///     diacritics are ignored. A blank query matches every statement (to list by the filters).
    ///   - speaker: keeps statements whose speaker's name (canonical in the newest finished run, or
    ///     as the document gives it) contains this, ignoring case and diacritics.
    ///   - topic, stance: keep statements that have a stance on `topic` (any topic when nil) with
    ///     label `stance` (any when nil) in the newest finished run.
    ///   - highlight: the marks put around matched words in the snippet.
    public func search(_ query: String, speaker: String? = nil, topic: String? = nil, stance: StanceLabel? = nil,
                       limit: Int = 20, highlight: (open: String, close: String) = ("[", "]")) throws -> [SearchHit] {
        try read { db in
            let runID = try latestFinishedRunID(db)
            var arguments: StatementArguments = ["run": runID, "limit": limit]
            var conditions: [String] = []
            let source: String
            let snippet: String
            let order: String
            if query.allSatisfy(\.isWhitespace) {
                source = "statements s"
                snippet = "s.text"
                order = "s.document_id, s.ord"
            } else {
                guard let pattern = try pattern(for: query, db) else { return [] }
                source = "statement_fts JOIN statements s ON s.fts_rowid = statement_fts.rowid"
                snippet = "snippet(statement_fts, 0, :open, :close, '…', 16)"
                order = "statement_fts.rank"
                conditions.append("statement_fts MATCH :pattern")
                arguments += ["pattern": pattern, "open": highlight.open, "close": highlight.close]
            }
            if let speaker {
                conditions.append("(instr(stance_fold(r.speaker), :speaker) > 0 OR instr(stance_fold(s.speaker), :speaker) > 0)")
                arguments += ["speaker": Folding.fold(speaker)]
            }
            if topic != nil || stance != nil {
                conditions.append("""
                    EXISTS (SELECT 1 FROM stances t WHERE t.run_id = :run AND t.statement_id = s.statement_id
                            AND (:topic IS NULL OR t.topic = :topic) AND (:stance IS NULL OR t.stance = :stance))
                    """)
                arguments += ["topic": topic, "stance": stance?.rawValue]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.statement_id, s.document_id, s.paragraph, s.start, s."end", s.text,
                       coalesce(r.speaker, s.speaker) AS speaker, \(snippet) AS snippet
                FROM \(source)
                LEFT JOIN run_statements r ON r.run_id = :run AND r.statement_id = s.statement_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY \(order) LIMIT :limit
                """, arguments: arguments)
            let stances = try db.cachedStatement(sql: "SELECT topic, stance, score FROM stances WHERE run_id = ? AND statement_id = ? ORDER BY ord")
            return try rows.map { row in
                let statementID: String = row["statement_id"]
                let found = try Row.fetchAll(stances, arguments: [runID, statementID]).map {
                    SearchStance(topic: $0["topic"], label: try decode(StanceLabel.self, $0["stance"], column: "stances.stance"),
                                 score: $0["score"])
                }
                return SearchHit(statementID: statementID, documentID: row["document_id"], paragraph: row["paragraph"],
                                 range: TextRange(row["start"], row["end"]), speaker: row["speaker"], text: row["text"],
                                 snippet: row["snippet"], stances: found)
            }
        }
    }

    /// The query as FTS5 syntax when it is valid, else its words (all required); nil when it has none.
    private func pattern(for query: String, _ db: Database) throws -> FTS5Pattern? {
        if let raw = try? db.makeFTS5Pattern(rawPattern: query, forTable: "statement_fts") { return raw }
        return FTS5Pattern(matchingAllTokensIn: query)
    }
}
