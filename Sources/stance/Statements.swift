import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports

struct Statements: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the statements found in articles.", version: stanceVersion)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, jsonl }

    @Argument(help: "A .txt/.md/.jsonl file or a folder of them.")
    var path: String

    @Option(name: .long, help: "table (default on a terminal), csv (default otherwise), json or jsonl.")
    var format: Format?

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        let outcome: CorpusAnalyzer.Outcome
        do {
            outcome = try CorpusAnalyzer(lexicon: lexicon).analyze(reader: inputOptions.reader(path: path), keepAnalyses: false,
                                                                     maxStatementLength: inputOptions.maxStatementLength)
        } catch {
            warn("stance: \(error); nothing analysed")
            throw ExitCode(2)
        }
        for failure in outcome.failures { warn("stance: \(failure)") }
        inputOptions.warnExcluded(outcome.excluded)
        if outcome.documents.isEmpty && outcome.failures.isEmpty {
            warn("stance: no articles (.txt, .md, .jsonl) in \(path); nothing to analyse")
        }
        // Failures are also `error` records of the JSONL stream (output contract).
        let errors = outcome.failures.map { ErrorRecord(document: $0.document, message: $0.description) }
        let chosen = format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv)
        let result = outcome.result
        switch chosen {
        case .csv: print(TableFormat.statements.render(result, profile: .plain), terminator: "")
        case .jsonl: print(JSONLines.render(result, errors: errors), terminator: "")
        case .json:
            // The JSONL records as one array, for tools that read a single JSON document.
            let records = JSONLines.render(result, errors: errors).split(separator: "\n").joined(separator: ",\n")
            print("[\n" + records + "\n]")
        case .table: print(StatementTable.render(result.statements))
        }
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}

/// A plain-text table for terminals: speaker, kind and the statement cut to the line width.
enum StatementTable {
    static func render(_ statements: [Statement]) -> String {
        var lines = ["DOCUMENT  PARA  KIND      SPEAKER               TEXT"]
        for s in statements {
            let text = s.text.replacingOccurrences(of: "\n", with: " ")
            let cut = text.count > 70 ? String(text.prefix(69)) + "…" : text
            lines.append("\(pad(s.documentID, 9)) \(pad(String(s.paragraph), 5)) \(pad(s.kind.rawValue, 9)) \(pad(s.speaker, 21)) \(cut)")
        }
        lines.append("\(statements.count) statements")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
