import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports
import StanceStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write every table and the report again from the corpus database alone.",
        discussion: """
        Reads the newest finished run (or --run RUN_ID) from the database, applies the corrections made with \
        `stance correct` (also those made after the run) and writes the files `stance analyze` writes, without \
        reading articles or lexicons. List the runs with `stance runs`.
        """,
        version: stanceVersion)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Output folder; only the tool's own files in it are replaced.")
    var out: String = "Reports"

    @Option(name: .customLong("run"), help: "The run to report (default: the newest finished run).")
    var runID: String?

    @Option(name: .customLong("csv-profile"), help: "excel (BOM, CRLF, formula guard) or plain (exact values).")
    var csvProfile: CSVProfile = .excel

    @Option(name: .long, help: "Also write positions by source or by month: source|month.")
    var by: [PositionGrouping] = []

    func run() throws {
        let started = Date()
        let store = try database.open()
        defer { try? store.close() }
        let report = try loadStoredReport(store, runID: runID, db: database.db)
        do {
            try OutputWriter(directory: URL(fileURLWithPath: out), profile: csvProfile, groupings: by).write(report)
        } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        let result = report.overview
        warn("report of run \(result.run.runID): \(result.documents.count) documents; \(report.statementCount) statements; "
             + "\(report.corrections.count) corrections; written to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs kept in the corpus database, newest first; --prune KEEP deletes older ones.",
        discussion: """
        Columns: run id, when it started (UTC), stance version, lexicon hash (first 12 digits), documents, \
        statements, documents analysed and reused, seconds. An unfinished run was interrupted (or is running). \
        --prune KEEP keeps the KEEP newest runs and deletes the others with their results; documents, statements \
        and corrections stay.
        """,
        version: stanceVersion)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Keep the KEEP newest runs, delete the others.")
    var prune: Int?

    @Option(name: .long, help: "table (default on a terminal) or csv.")
    var format: ListFormat?

    func validate() throws {
        if let prune, prune < 1 { throw ValidationError("--prune wants 1 or more (the runs to keep)") }
    }

    func run() throws {
        let store = try database.open()
        defer { try? store.close() }
        if let prune {
            let deleted = try withStore { try store.pruneRuns(keep: prune) }
            warn("deleted \(deleted.count) run\(deleted.count == 1 ? "" : "s")\(deleted.isEmpty ? "" : ": " + deleted.joined(separator: ", "))")
        }
        let runs = try withStore { try store.runs() }
        let header = ["run_id", "started_at", "tool_version", "lexicon_hash", "documents", "statements", "analysed", "reused",
                      "failed", "seconds", "status"]
        let rows = runs.map { run -> [String] in
            [run.runID, run.startedAt, run.toolVersion, String(run.lexiconHash.prefix(12)), run.documents.map(String.init) ?? "",
             run.statements.map(String.init) ?? "", run.analysed.map(String.init) ?? "", run.reused.map(String.init) ?? "",
             run.failed.map(String.init) ?? "", run.durationSeconds.map { String(format: "%.1f", $0) } ?? "",
             run.isFinished ? "finished" : "unfinished"]
        }
        switch ListFormat.chosen(format) {
        case .table:
            print(alignedTable(header, rows))
            print("\(runs.count) run\(runs.count == 1 ? "" : "s") in \(database.db)")
        case .csv:
            print(CSVWriter.render(columns: header.map { CSVColumn.text($0) }, rows: rows, profile: .plain), terminator: "")
        }
    }
}
