import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceStore

/// `--db FILE` of the commands that read the corpus database (output contract: default
/// `Reports/stance.sqlite`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The corpus database written by `stance analyze` (default: Reports/stance.sqlite).")
    var db: String = "Reports/stance.sqlite"

    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait while another process writes the database.")
    var busyTimeout: Double = 10

    /// The database, which must exist: these commands never create one. Exits 2 with a message
    /// naming the file when it is missing, damaged, another program's or locked.
    func open() throws -> CorpusStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory), !isDirectory.boolValue else {
            warn("stance: \(db): no such database; `stance analyze PATH --out DIR` creates one (DIR/stance.sqlite), "
                 + "or give it with --db FILE")
            throw ExitCode(2)
        }
        return try openStore(db, busyTimeout: busyTimeout)
    }
}

/// Opens (or creates) a database; exits 2 with the store's message when it cannot be used.
func openStore(_ path: String, busyTimeout: Double) throws -> CorpusStore {
    do {
        return try CorpusStore(path: path, busyTimeout: busyTimeout)
    } catch {
        warn("stance: \(error)")
        throw ExitCode(2)
    }
}

/// Runs a database step; a `StoreError` (or any other error) is printed and exits 2.
func withStore<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        warn("stance: \(error)")
        throw ExitCode(2)
    }
}

/// The stored report of `--run RUN_ID` or the newest finished run; exits 2 when there is none.
func loadStoredReport(_ store: CorpusStore, runID: String?, db: String) throws -> StoredReport {
    guard let report = try withStore({ try StoredReport.open(store: store, runID: runID) }) else {
        warn("stance: \(db): no finished run in this database; run `stance analyze PATH --db \(db)` first")
        throw ExitCode(2)
    }
    return report
}

/// Output format of the listing commands: a table on a terminal, CSV otherwise.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv

    static func chosen(_ format: ListFormat?) -> ListFormat {
        format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv)
    }
}

/// Columns padded to their widest cell (by characters), two spaces apart; the last column is not padded.
func alignedTable(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    var widths = Array(repeating: 0, count: header.count)
    for row in all {
        for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    return all.map { row in
        row.enumerated().map { i, cell in
            i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}
