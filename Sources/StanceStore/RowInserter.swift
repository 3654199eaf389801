import GRDB
import GRDBSQLite

/// Inserts rows through one prepared statement, binding each value straight to SQLite.
///
/// For the tables that get a row per statement (statements, run_statements, stances) GRDB's
/// `StatementArguments` (which boxes every value, then binds it) costs more instructions per row
/// than SQLite's own insert. The statement still comes from GRDB's cache and runs inside a GRDB
/// transaction; only binding and stepping bypass it.
struct RowInserter {
    private let db: Database
    private let statement: GRDB.Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }
    private var column: CInt = 0

    /// `INSERT INTO table (columns) VALUES (?, ...)`.
    init(_ db: Database, table: String, columns: [String]) throws {
        self.db = db
        statement = try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) \
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            """)
    }

    mutating func bind(_ value: String) {
        column += 1
        var value = value
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, column, bytes.baseAddress, CInt(bytes.count), Self.transient)
        }
    }

    /// Text already encoded as UTF-8 (valid UTF-8 is the caller's promise).
    mutating func bind(utf8 bytes: [UInt8]) {
        column += 1
        bytes.withUnsafeBufferPointer { buffer in
            _ = sqlite3_bind_text(handle, column, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  CInt(buffer.count), Self.transient)
        }
    }

    mutating func bind(_ value: String?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: Int) {
        column += 1
        sqlite3_bind_int64(handle, column, Int64(value))
    }

    mutating func bind(_ value: Double) {
        column += 1
        sqlite3_bind_double(handle, column, value)
    }

    mutating func bindNull() {
        column += 1
        sqlite3_bind_null(handle, column)
    }

    /// Inserts the row bound so far and gets ready for the next one.
    mutating func insert() throws {
        column = 0
        guard sqlite3_step(handle) == SQLITE_DONE else {
            let error = DatabaseError(resultCode: db.lastErrorCode, message: db.lastErrorMessage, sql: statement.sql)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }

    /// SQLite copies the bytes before the bind call returns (`SQLITE_TRANSIENT`, a C macro Swift
    /// does not import).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
