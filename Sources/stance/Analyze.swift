import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports
import StanceStore

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse a file or folder of articles and write every table and the report.",
        discussion: """
        Every document and run is kept in the corpus database (--db, default OUT/stance.sqlite), and the reports \
        are written from it. Run again on the same folder and only new or changed documents are analysed; \
        documents no longer there are marked missing and left out; when only stance lexicons changed, stored \
        statements are scored again without being segmented or attributed. Corrections (`stance correct`) are \
        applied. The summary on stderr says what was analysed, reused and re-scored.
        """,
        version: stanceVersion)

    @Argument(help: "A .txt/.md/.jsonl file or a folder of them (read recursively).")
    var path: String

    @Option(name: .long, help: "Output folder; only the tool's own files in it are replaced.")
    var out: String = "Reports"

    @Option(name: .long, help: "The corpus database (default: OUT/stance.sqlite); created when missing.")
    var db: String?

    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait while another process writes the database.")
    var busyTimeout: Double = 10

    @Option(name: .customLong("csv-profile"), help: "excel (BOM, CRLF, formula guard) or plain (exact values).")
    var csvProfile: CSVProfile = .excel

    @Option(name: .long, help: "Also write positions by source or by month: source|month.")
    var by: [PositionGrouping] = []

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
        let started = Date()
        var finished: IncrementalAnalyzer.Outcome?
        // The closing summary line (output contract), also when the run stops early.
        defer { warn(finished?.summary(seconds: Date().timeIntervalSince(started)) ?? RunCounts().summary(since: started)) }
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        // PATH first (a missing PATH creates no output folder), then --out: exit 2 before anything is read.
        try inputOptions.checkPath(path)
        let outURL = try prepareOutputFolder(out)
        let dbPath = db ?? outURL.appendingPathComponent("stance.sqlite").path
        let lexiconFiles: [LexiconFile]
        do {
            guard let folder = LexiconSelection.directory(explicit: lexiconOptions.lexicons) else { throw ExitCode(2) }
            lexiconFiles = try LexiconFiles.read(directory: folder)
        } catch {
            warn("stance: cannot read the lexicon files to store them with the run: \(error)")
            throw ExitCode(2)
        }
        guard LexiconFiles.hash(lexiconFiles) == lexicon.hash else {
            warn("stance: the lexicon files changed while they were loaded; nothing analysed, run again")
            throw ExitCode(2)
        }

        let store = try openStore(dbPath, busyTimeout: busyTimeout)
        defer { try? store.close() }
        let analyzer = CorpusAnalyzer(lexicon: lexicon)
        let outcome: IncrementalAnalyzer.Outcome
        do {
            outcome = try IncrementalAnalyzer(analyzer: analyzer, store: store, lexiconFiles: lexiconFiles)
                .analyze(path: path, skip: [outURL, outURL.appendingPathComponent("report.md"), URL(fileURLWithPath: dbPath)],
                         maxFileBytes: inputOptions.maxFileSize, maxParagraphLength: inputOptions.maxParagraphLength,
                         maxStatementLength: inputOptions.maxStatementLength, started: started)
        } catch {
            warn("stance: \(error); nothing analysed")
            throw ExitCode(2)
        }
        finished = outcome
        for failure in outcome.failures { warn("stance: \(failure)") }
        inputOptions.warnExcluded(outcome.excluded)
        if outcome.analysed.isEmpty && outcome.reused == 0 && outcome.failures.isEmpty {
            warn("stance: no articles (.txt, .md, .jsonl) in \(path); nothing to analyse")
        }
        if !outcome.missing.isEmpty {
            let shown = outcome.missing.prefix(10).joined(separator: ", ") + (outcome.missing.count > 10 ? ", …" : "")
            warn("stance: \(outcome.missing.count) stored document\(outcome.missing.count == 1 ? "" : "s") no longer found, "
                 + "marked missing in \(dbPath) and left out: \(shown)")
        }
        if let change = outcome.lexiconChange, change.stage > .aggregation {
            let shown = change.changed.prefix(8).joined(separator: ", ") + (change.changed.count > 8 ? ", …" : "")
            let consequence = change.stage == .stance ? "stored statements re-scored" : "documents analysed again"
            warn("stance: lexicons changed since the previous run (\(shown)): \(consequence)")
        }
        do {
            try OutputWriter(directory: outURL, profile: csvProfile, groupings: by).write(outcome.report)
        } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        let result = outcome.result
        if lexicon.topics.isEmpty || (result.stances.isEmpty && !result.statements.isEmpty) {
            warn("stance: no topic of the lexicons matches these articles; draft topics with `stance topics suggest \(path)`")
        }
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}

extension CSVProfile: ExpressibleByArgument {}
extension PositionGrouping: ExpressibleByArgument {}
