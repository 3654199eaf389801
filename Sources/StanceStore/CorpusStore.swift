import Foundation
import GRDB
import StanceCore

/// The SQLite corpus database (`--db FILE`): documents and their analyses, every run's results,
/// corrections, and a full-text index of statements.
///
/// Opening checks that the file is ours (or new, or empty) before anything is written to it: a file
/// that is not SQLite, or a SQLite database of another program, is refused with a `StoreError` and
/// left byte for byte as it was. The database runs in WAL mode with `foreign_keys=ON`; every write is
/// one `BEGIN IMMEDIATE` transaction, so an interrupted run leaves whole batches behind, and a second
/// writer waits up to `busyTimeout` and then fails with `StoreError.locked`.
///
/// Every method throws `StoreError`.
public final class CorpusStore: Sendable {
    /// The path the store was opened on, as given (used in every error message).
    public let path: String
    public let busyTimeout: TimeInterval
    let pool: DatabasePool
    private let failpoint: Failpoint?

    /// Opens the database at `path`, creating it when the file does not exist or is empty, and
    /// applies pending migrations.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        failpoint = Failpoint.fromEnvironment()
        // Two processes opening one new database race while the first switches it to WAL and
        // creates the tables; SQLite reports some of those conflicts at once, without the busy
        // handler. A busy or locked answer is tried again until the busy timeout has passed.
        let deadline = Date().addingTimeInterval(busyTimeout)
        func isBusy(_ error: Error) -> Bool {
            guard let error = error as? DatabaseError else { return false }
            return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            configuration.foreignKeysEnabled = true
            configuration.prepareDatabase { db in
                db.add(function: Self.foldFunction)
                // WAL with synchronous=NORMAL cannot corrupt the database: a power cut may only lose
                // the last committed batches, which the next run finds missing and analyses again.
                // FULL would sync the log at every batch's commit.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Statement ids are hashes: their unique index takes inserts at random places, which
                // SQLite's default 2 MB page cache turns into re-reading and re-logging pages once
                // the index outgrows it; 64 MB holds it for about a million statements. Fewer,
                // larger checkpoints copy each page of a batch into the database file once.
                // Measured with `stance-bench store` (Benchmarks/README.md): about 27% less CPU to
                // store 460,000 statements.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            }
            let migrator = Schema.migrator
            var opened: DatabasePool?
            while opened == nil {
                do {
                    try Self.checkOwnership(path: path, busyTimeout: busyTimeout)
                    let candidate = try DatabasePool(path: path, configuration: configuration)
                    let unknown = try candidate.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
                    guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
                    opened = candidate
                } catch where isBusy(error) && Date() < deadline {
                    usleep(50_000)
                }
            }
            pool = opened!
            // Two processes creating or upgrading one database: both read "not applied", the first
            // applies a migration, and the second's write then fails (its CREATE TABLE, or its
            // snapshot is stale, which SQLite reports without waiting). Reading the applied
            // migrations again finds less or nothing left to do: one attempt per migration, and
            // busy answers until the busy timeout.
            var attempts = 0
            while true {
                do {
                    try migrator.migrate(pool)
                    break
                } catch {
                    attempts += 1
                    // A busy answer waits no longer than the busy timeout (with 0, this process gives
                    // way at once and the other one goes on).
                    if isBusy(error) {
                        guard Date() < deadline else { throw error }
                    } else {
                        guard attempts <= migrator.migrations.count + 1 else { throw error }
                    }
                    usleep(20_000)
                }
            }
        } catch {
            throw StoreError.from(error, path: path, timeout: busyTimeout)
        }
    }

    /// Closes the connections. Using the store afterwards throws.
    public func close() throws {
        // GRDB closes the writer before the read-only connections, so SQLite's own checkpoint on the
        // last close never runs and the data would stay in the -wal file: a copy of the database
        // file alone would then look empty. Best effort: another process may be reading.
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try mapErrors { try pool.close() }
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's list of problems, one per line.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    // MARK: - Access helpers

    /// One `BEGIN IMMEDIATE` transaction: takes the write lock up front, so a concurrent writer is
    /// detected (and waited for) before any work, never half-way through.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// A transaction that writes only this connection's temporary tables (`temp.*`): deferred, so it
    /// never takes the database's write lock. Another process's run is not held up by it, and with
    /// a busy timeout of 0 it cannot fail because of one.
    func writeTemporary<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try pool.read(body) }
    }

    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw StoreError.from(error, path: path, timeout: busyTimeout)
        }
    }

    /// Maps rows as SQLite steps through them. For the big reads (statements, stances): unlike
    /// `Row.fetchAll`, it does not first copy every row.
    func mapRows<T>(_ cursor: RowCursor, _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        while let row = try cursor.next() { result.append(try transform(row)) }
        return result
    }

    /// Called after a batch of documents is committed; see `Failpoint`.
    func didCommit(documents: Int) {
        failpoint?.didCommit(documents: documents)
    }

    /// A value read from a text column that must hold one of an enum's raw values.
    func decode<E: RawRepresentable>(_ type: E.Type, _ raw: String, column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else {
            throw StoreError.damaged(path: path, detail: "unknown value \"\(raw)\" in column \(column)")
        }
        return value
    }

    /// `stance_fold(text)`: `Folding.fold` in SQL, so that searches by speaker ignore case and
    /// diacritics the same way the analysis does.
    private static let foldFunction = DatabaseFunction("stance_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(Folding.fold)
    }

    // MARK: - Recognising our own file

    /// Throws unless `path` is missing, empty, or a SQLite database that is ours or has no schema at
    /// all. Reads the file format's header (sqlite.org/fileformat.html) rather than opening the file
    /// with SQLite, because even a read-only connection creates `-wal` and `-shm` files beside a WAL
    /// database and leaves them there.
    static func checkOwnership(path: String, busyTimeout: TimeInterval) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw StoreError.cannotOpen(path: path, detail: "it is a folder") }
        let header = try readPrefix(path, count: 108)
        if header.isEmpty { return }
        guard header.count == 108, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError.notADatabase(path: path)
        }
        // The application id: a big-endian 32-bit integer at offset 68.
        let applicationID = Int32(bitPattern: header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        if applicationID == Schema.applicationID { return }
        guard applicationID == 0 else { throw StoreError.foreignDatabase(path: path, applicationID: applicationID) }
        // No application id: adopt only a database without a schema, whose first page (holding
        // sqlite_master) is a table leaf (type 13 at offset 100) with no cells (count at offset 103).
        guard header[100] == 13, header[103] == 0, header[104] == 0 else {
            throw StoreError.foreignDatabase(path: path, applicationID: 0)
        }
        // Unless a WAL file holds transactions not yet copied into the database file (a writer
        // crashed): then only SQLite can tell what the database holds. The WAL file exists already,
        // so reading through it leaves nothing new behind but the `-shm` index.
        guard let walSize = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int, walSize > 0 else {
            return
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        // A stance database being created by another process shows GRDB's empty migration table
        // (created before the first migration, which sets the application id): adopt that too.
        let (walApplicationID, objects) = try DatabaseQueue(path: path, configuration: configuration).read { db in
            let tracking = try db.tableExists("grdb_migrations")
                ? try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 : 0
            return (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    tracking + (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name != 'grdb_migrations'") ?? 0))
        }
        if walApplicationID == Schema.applicationID || (walApplicationID == 0 && objects == 0) { return }
        throw StoreError.foreignDatabase(path: path, applicationID: walApplicationID)
    }

    private static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotOpen(path: path, detail: "cannot read the file")
        }
        defer { try? handle.close() }
        return [UInt8](handle.readData(ofLength: count))
    }
}

/// A test hook for crash recovery: with `STANCE_STORE_KILL_AFTER_DOCUMENTS=N` in the environment, the
/// process kills itself with SIGKILL as soon as N documents have been committed through one store,
/// right after the commit, so a test can interrupt a run at a known point and check the re-run.
private final class Failpoint: Sendable {
    static let variable = "STANCE_STORE_KILL_AFTER_DOCUMENTS"

    private let limit: Int
    private let committed = Locked(0)

    private init(limit: Int) { self.limit = limit }

    static func fromEnvironment() -> Failpoint? {
        guard let raw = ProcessInfo.processInfo.environment[variable], let limit = Int(raw), limit >= 0 else { return nil }
        return Failpoint(limit: limit)
    }

    func didCommit(documents: Int) {
        let total = committed.withLock { count in
            count += documents
            return count
        }
        if total >= limit { kill(getpid(), SIGKILL) }
    }
}

/// A lock-protected value (the standard library's `Mutex` needs macOS 15; the package supports 13).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
