import Foundation
import GRDB
import StanceCore

/// Why the corpus database could not be used. Every case names the file, so a command can print the
/// message as it is and exit 2 (output contract: unusable database).
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not a SQLite database (a text file, a report, anything else).
    case notADatabase(path: String)
    /// A SQLite database that another program made: its `application_id` is not ours and it has tables.
    case foreignDatabase(path: String, applicationID: Int32)
    /// Ours, but written by a newer version of the tool (migrations this version does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// Another process held the write lock for longer than the busy timeout.
    case locked(path: String, timeout: TimeInterval)
    /// SQLite reports the file as corrupt.
    case damaged(path: String, detail: String)
    /// The file cannot be opened or created (missing folder, permissions, a directory).
    case cannotOpen(path: String, detail: String)
    /// A run id the database does not hold.
    case unknownRun(path: String, runID: String)
    /// Any other SQLite failure.
    case sqlite(path: String, detail: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path): not a SQLite database; refusing to use it (the file was left untouched)"
        case .foreignDatabase(let path, let applicationID):
            return "\(path): a SQLite database that stance did not create (application_id \(applicationID)); "
                + "refusing to use it (the file was left untouched)"
        case .newerSchema(let path, let unknown):
            return "\(path): written by a newer version of stance (unknown migrations: "
                + "\(unknown.joined(separator: ", "))); upgrade stance to use it"
        case .locked(let path, let timeout):
            return "\(path): database is locked by another process (waited \(Number.format(timeout, decimals: 1)) s); "
                + "try again when it has finished"
        case .damaged(let path, let detail):
            return "\(path): database is damaged: \(detail)"
        case .cannotOpen(let path, let detail):
            return "\(path): cannot open database: \(detail)"
        case .unknownRun(let path, let runID):
            return "\(path): no run \(runID) in this database"
        case .sqlite(let path, let detail):
            return "\(path): database error: \(detail)"
        }
    }

    /// Translates a GRDB error into the case a user can act on.
    static func from(_ error: Error, path: String, timeout: TimeInterval) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? JSONReader.Malformed { return .damaged(path: path, detail: error.description) }
        guard let error = error as? DatabaseError else { return .sqlite(path: path, detail: "\(error)") }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, timeout: timeout)
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .damaged(path: path, detail: detail)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY: return .cannotOpen(path: path, detail: detail)
        default: return .sqlite(path: path, detail: detail)
        }
    }
}
