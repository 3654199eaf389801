import Foundation
import GRDB

/// What the store remembers of the files it wrote reports to, and the cheap bookkeeping of a re-run
/// that found nothing to do.
extension CorpusStore {
    /// The files last recorded for `directory` (an absolute path) and the key they were written
    /// under; nil when none were.
    public func outputs(directory: String) throws -> (key: String, files: [String: FileStamp])? {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT path, size, mtime, output_key FROM outputs WHERE directory = ?",
                                        arguments: [directory])
            guard let key: String = rows.first?["output_key"] else { return nil }
            // Rows of one folder are written together, so they share one key; a mixed set is stale.
            guard rows.allSatisfy({ ($0["output_key"] as String) == key }) else { return nil }
            return (key, Dictionary(rows.map { ($0["path"], FileStamp(size: $0["size"], mtime: $0["mtime"])) },
                                    uniquingKeysWith: { a, _ in a }))
        }
    }

    /// Replaces the record of `directory`'s files.
    public func recordOutputs(directory: String, key: String, files: [String: FileStamp]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM outputs WHERE directory = ?", arguments: [directory])
            let insert = try db.cachedStatement(sql: "INSERT INTO outputs (directory, path, size, mtime, output_key) VALUES (?, ?, ?, ?, ?)")
            for (path, stamp) in files.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [directory, path, stamp.size, stamp.mtime, key])
            }
        }
    }

    /// Marks a finished run as run again with the same result: its counts and times are updated and
    /// it becomes the newest run. Its statements, stances and positions stay as they are.
    public func repeatRun(runID: String, stats: RunStats, finishedAt: Date = Date()) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE runs SET seq = (SELECT MAX(seq) + 1 FROM runs), finished_at = ?, analysed = ?, reused = ?, failed = ?,
                    duration_seconds = ?
                WHERE run_id = ? AND finished_at IS NOT NULL
                """, arguments: [Self.timestamp(finishedAt), stats.analysed, stats.reused, stats.failed, stats.durationSeconds, runID])
            guard db.changesCount == 1 else { throw StoreError.unknownRun(path: path, runID: runID) }
        }
    }

    /// Changes whenever a correction is added or withdrawn: the number of corrections and the
    /// highest id.
    public func correctionsMarker() throws -> String {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM corrections")
            return "\(row?["n"] ?? 0):\(row?["last"] ?? 0)"
        }
    }

    /// Records what besides its documents and lexicons decided a finished run's result (the caller's
    /// words: corrections, limits), for the next run to compare.
    public func setResultMarker(_ marker: String, runID: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET result_marker = ? WHERE run_id = ?", arguments: [marker, runID])
        }
    }

    /// The marker `setResultMarker` recorded for a run; nil when none was.
    public func resultMarker(runID: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT result_marker FROM runs WHERE run_id = ?", arguments: [runID])
        }
    }

    /// Whether any stance row of the run exists (a cheap check for "no topic matched").
    public func runHasStances(runID: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM stances WHERE run_id = ?)", arguments: [runID]) ?? false
        }
    }
}
