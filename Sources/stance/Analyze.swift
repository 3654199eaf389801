import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse a file or folder of articles and write every table and the report.", version: stanceVersion)

    @Argument(help: "A .txt/.md/.jsonl file or a folder of them (read recursively).")
    var path: String

    @Option(name: .long, help: "Output folder; only the tool's own files in it are replaced.")
    var out: String = "Reports"

    @Option(name: .customLong("csv-profile"), help: "excel (BOM, CRLF, formula guard) or plain (exact values).")
    var csvProfile: CSVProfile = .excel

    @Option(name: .long, help: "Also write positions by source or by month: source|month.")
    var by: [PositionGrouping] = []

    @Option(name: .customLong("max-file-size"), help: "Largest input file in bytes; larger files are refused.")
    var maxFileSize: Int = DocumentReader.defaultMaxFileBytes

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
        let started = Date()
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        let outURL = URL(fileURLWithPath: out)
        let analyzer = CorpusAnalyzer(lexicon: lexicon)
        let outcome: CorpusAnalyzer.Outcome
        do {
            outcome = try analyzer.analyze(path: path, skip: [outURL], maxFileBytes: maxFileSize, keepAnalyses: false)
        } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        for failure in outcome.failures { warn("stance: \(failure)") }
        do {
            try OutputWriter(directory: outURL, profile: csvProfile, groupings: by)
                .write(outcome.result) { analyzer.groupedPositions(outcome.result, by: $0) }
        } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        if lexicon.topics.isEmpty || (outcome.result.stances.isEmpty && !outcome.result.statements.isEmpty) {
            warn("stance: no topic of the lexicons matches these articles; draft topics with `stance topics suggest \(path)`")
        }
        let seconds = Date().timeIntervalSince(started)
        warn("analysed \(outcome.documents.count), reused 0, failed \(outcome.failures.count) documents; "
             + "\(outcome.result.statements.count) statements; \(String(format: "%.1f", seconds)) s")
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}

extension CSVProfile: ExpressibleByArgument {}
extension PositionGrouping: ExpressibleByArgument {}
