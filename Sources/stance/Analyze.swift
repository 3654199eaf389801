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

        Large corpora: --shard K/N analyses one of N shards (by document id), and `stance merge` puts the \
        shards' databases together. --stdin-jsonl reads articles as JSON Lines on standard input and writes \
        JSONL records on standard output, batch by batch, without database or reports (for Spark's rdd.pipe, \
        Hadoop streaming, batch schedulers); `stance merge` puts such outputs together.

        On a terminal a progress line shows documents done, rate and time left. Ctrl-C stops after the batch \
        being analysed (exit 130); every batch done is stored, and running the same command again resumes. \
        A second Ctrl-C exits at once.
        """,
        version: stanceVersion)

    @Argument(help: "A .txt/.md/.jsonl file or a folder of them (read recursively). Not with --stdin-jsonl.")
    var path: String?

    @Flag(name: .customLong("stdin-jsonl"),
          help: "Read articles as JSON Lines on stdin (id, text, optional title/date/source/url); write JSONL records on stdout.")
    var stdinJSONL = false

    @Option(name: .long, help: "Analyse only shard K of N (1 <= K <= N): documents whose id hashes to it.")
    var shard: String?

    @OptionGroup var output: ReportOutputOptions

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if stdinJSONL {
            guard path == nil else { throw ValidationError("give PATH or --stdin-jsonl, not both") }
        } else if path == nil {
            throw ValidationError("missing PATH (a file or folder of articles), or --stdin-jsonl to read standard input")
        }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard \(shard): expected K/N with 1 <= K <= N, e.g. --shard 2/8")
        }
    }

    func run() throws {
        if stdinJSONL {
            try StreamCommand(inputOptions: inputOptions, lexiconOptions: lexiconOptions, shard: shard.flatMap(Shard.init(parsing:))).run()
            return
        }
        let path = path!
        let started = Date()
        var finished: IncrementalAnalyzer.Outcome?
        var stopped: RunCounts?
        // The closing summary line (output contract), also when the run stops early.
        defer { warn(finished?.summary(seconds: Date().timeIntervalSince(started)) ?? (stopped ?? RunCounts()).summary(since: started)) }
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        // PATH first (a missing PATH creates no output folder), then --out: exit 2 before anything is read.
        try inputOptions.checkPath(path)
        let outURL = try prepareOutputFolder(output.out)
        let dbPath = output.databasePath(in: outURL)
        let lexiconFiles = try readLexiconFilesOrExit(lexiconOptions)
        guard LexiconFiles.hash(lexiconFiles) == lexicon.hash else {
            warn("stance: the lexicon files changed while they were loaded; nothing analysed, run again")
            throw ExitCode(2)
        }

        let store = try openStore(dbPath, busyTimeout: output.busyTimeout)
        defer { try? store.close() }
        let analyzer = CorpusAnalyzer(lexicon: lexicon)
        let outcome: IncrementalAnalyzer.Outcome
        let incremental = IncrementalAnalyzer(analyzer: analyzer, store: store, lexiconFiles: lexiconFiles)
        let progressLine = ProgressLine()
        Interruption.shared.install()
        incremental.shouldStop = { Interruption.shared.isRequested }
        incremental.progress = { progressLine.update(done: $0, total: $1) }
        do {
            defer { progressLine.finish() }
            outcome = try incremental
                .analyze(path: path, skip: [outURL, outURL.appendingPathComponent("report.md"), URL(fileURLWithPath: dbPath)],
                         maxFileBytes: inputOptions.maxFileSize, maxParagraphLength: inputOptions.maxParagraphLength,
                         maxStatementLength: inputOptions.maxStatementLength, started: started,
                         shard: shard.flatMap(Shard.init(parsing:)), deferReport: true, openReport: true)
        } catch let stop as AnalysisInterrupted {
            warn("stance: \(stop)")
            stopped = RunCounts(analysed: stop.analysed, reused: stop.reused, failed: stop.failed, statements: stop.statements)
            throw ExitCode(Interruption.exitStatus)
        } catch {
            warn("stance: \(error); nothing analysed")
            throw ExitCode(2)
        }
        finished = outcome
        for failure in outcome.failures { warn("stance: \(failure)") }
        inputOptions.warnExcluded(outcome.excluded)
        if outcome.analysed.isEmpty && outcome.reused == 0 && outcome.failures.isEmpty {
            if let shard {
                warn("stance: no article of \(path) falls in shard \(shard); nothing to analyse")
            } else {
                warn("stance: no articles (.txt, .md, .jsonl) in \(path); nothing to analyse")
            }
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
        let hasStances: Bool
        do {
            let manifest = OutputManifest(store: store, directory: outURL, runID: outcome.runID, profile: output.csvProfile, groupings: output.by,
                                          correctionsMarker: try store.correctionsMarker())
            if outcome.repeated, try manifest.isCurrent() {
                warn("stance: nothing changed since run \(outcome.runID); the reports in \(output.out) are up to date")
                hasStances = try store.runHasStances(runID: outcome.runID)
            } else {
                let report = try outcome.report
                let files = try OutputWriter(directory: outURL, profile: output.csvProfile, groupings: output.by).write(report)
                // Not recording only costs the next unchanged run a rewrite.
                try? manifest.record(files)
                hasStances = report.stanceCount > 0
            }
        } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        if lexicon.topics.isEmpty || (!hasStances && outcome.statementCount > 0) {
            warn("stance: no topic of the lexicons matches these articles; draft topics with `stance topics suggest \(path)`")
        }
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}

extension CSVProfile: ExpressibleByArgument {}
extension PositionGrouping: ExpressibleByArgument {}
