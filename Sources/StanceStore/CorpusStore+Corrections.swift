import Foundation
import GRDB
import StanceCore

/// Users' corrections of statements (`stance correct`). They are not tied to a run or to the current
/// statement rows, so they survive re-analysis; applying them is the caller's job, on every run.
extension CorpusStore {
    @discardableResult
    public func addCorrection(statementID: String, _ change: CorrectionChange, at date: Date = Date()) throws -> Correction {
        let createdAt = Self.timestamp(date)
        let (kind, topic, value) = Self.columns(of: change)
        let id = try write { db in
            try db.execute(sql: "INSERT INTO corrections (statement_id, kind, topic, value, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [statementID, kind, topic, value, createdAt])
            return db.lastInsertedRowID
        }
        return Correction(id: id, statementID: statementID, change: change, createdAt: createdAt)
    }

    /// Every correction, oldest first (apply them in this order: a later one overrides).
    public func corrections() throws -> [Correction] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM corrections ORDER BY id").map { row in
                let kind: String = row["kind"]
                let change: CorrectionChange
                switch kind {
                case "speaker":
                    change = .speaker(row["value"] ?? "")
                case "stance":
                    change = .stance(topic: row["topic"] ?? "",
                                     label: try decode(StanceLabel.self, row["value"] ?? "", column: "corrections.value"))
                case "not_statement":
                    change = .notAStatement
                default:
                    throw StoreError.damaged(path: path, detail: "unknown value \"\(kind)\" in column corrections.kind")
                }
                return Correction(id: row["id"], statementID: row["statement_id"], change: change, createdAt: row["created_at"])
            }
        }
    }

    /// Deletes a correction; false when there was none with that id.
    @discardableResult
    public func removeCorrection(id: Int64) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM corrections WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    private static func columns(of change: CorrectionChange) -> (kind: String, topic: String?, value: String?) {
        switch change {
        case .speaker(let name): return ("speaker", nil, name)
        case .stance(let topic, let label): return ("stance", topic, label.rawValue)
        case .notAStatement: return ("not_statement", nil, nil)
        }
    }
}
