import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceLexicon

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lexicon", abstract: "Work with lexicon folders.",
                                                    version: stanceVersion, subcommands: [Check.self, Import.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a lexicon folder: print every diagnostic; exit 2 on errors.",
            discussion: """
            With --corpus PATH, also W003 for every entry that never matches on the articles under PATH \
            (read as the analysis reads them). cleaning/*, grammar/*, segmentation/abbreviations and suggest/* \
            are not checked: "unused" says nothing about them.
            """, version: stanceVersion)

        @Argument(help: "Lexicon folder (default: ./Lexicons if it exists, else the bundled set).")
        var directory: String?

        @Option(name: .long, help: "A .txt/.md/.jsonl file or folder of articles: warn (W003) about entries unused on it.")
        var corpus: String?

        func run() throws {
            let loaded = LexiconSelection.load(explicit: directory)
            var diagnostics = loaded.diagnostics
            var corpusNote = ""
            var corpusFailed = false
            if let corpus {
                if let lexicon = loaded.lexicon {
                    do {
                        let usage = try EntryUsage.check(lexicon: lexicon, corpus: corpus)
                        for failure in usage.failures { warn("stance: \(failure)") }
                        diagnostics = LexiconWarnings.merged(diagnostics, usage.warnings)
                        corpusNote = "; W003: \(usage.warnings.count) of \(usage.checked) entries unused on \(usage.documents == 1 ? "1 document" : "\(usage.documents) documents")"
                    } catch {
                        warn("stance: \(error)")
                        corpusFailed = true
                    }
                } else {
                    corpusNote = "; entries unused on the corpus (W003) not checked: fix the errors first"
                }
            }
            for diagnostic in diagnostics { print(diagnostic.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            warn("\(errors) errors, \(warnings) warnings\(corpusNote)")
            if errors > 0 || corpusFailed { throw ExitCode(2) }
        }
    }
}
