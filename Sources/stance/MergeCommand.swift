import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports
import StanceStore

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the parts of a corpus analysed apart into one database, tables and report.",
        discussion: """
        Each PART is the JSONL output of `stance analyze --stdin-jsonl` (e.g. the part files a Spark job saved) or \
        the database of a `stance analyze --shard K/N` run. The result (database, tables, report) is the one a single \
        `stance analyze` over the whole corpus gives: same run id, positions, contrasts and report. Every part must \
        come from the same lexicons (those of this merge). Error records in parts and duplicate document ids are \
        named on stderr (exit 1); a part that cannot be used stops the merge (exit 2): no run is recorded and no table written.
        """,
        version: stanceVersion)

    @Argument(help: "JSONL outputs of `stance analyze --stdin-jsonl`, or databases of `--shard` runs.")
    var parts: [String]

    @OptionGroup var output: ReportOutputOptions

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("give at least one PART to merge") }
    }

    func run() throws {
        let started = Date()
        var finished: PartMerger.Outcome?
        defer { if let finished { warn(finished.summary(seconds: Date().timeIntervalSince(started))) } }
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        let outURL = try prepareOutputFolder(output.out)
        let dbPath = output.databasePath(in: outURL)
        let lexiconFiles = try readLexiconFilesOrExit(lexiconOptions)
        let dbURL = URL(fileURLWithPath: dbPath).standardizedFileURL
        if parts.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL == dbURL }) {
            warn("stance: the merged database \(dbPath) is also a part; give another --db or --out")
            throw ExitCode(2)
        }
        let store = try openStore(dbPath, busyTimeout: output.busyTimeout)
        defer { try? store.close() }
        let merger = PartMerger(analyzer: CorpusAnalyzer(lexicon: lexicon), store: store, lexiconFiles: lexiconFiles)
        let progressLine = ProgressLine(label: "merged")
        merger.progress = { progressLine.update(done: $0, total: nil) }
        let outcome: PartMerger.Outcome
        do {
            defer { progressLine.finish() }
            outcome = try merger.merge(parts: parts, started: started)
        } catch {
            warn("stance: \(error); nothing merged")
            throw ExitCode(2)
        }
        finished = outcome
        for failure in outcome.failures { warn("stance: \(failure)") }
        do {
            try OutputWriter(directory: outURL, profile: output.csvProfile, groupings: output.by).write(outcome.report)
        } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}
