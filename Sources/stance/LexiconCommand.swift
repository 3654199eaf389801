import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceLexicon

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lexicon", abstract: "Work with lexicon folders.",
                                                    version: stanceVersion, subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a lexicon folder: print every diagnostic; exit 2 on errors.", version: stanceVersion)

        @Argument(help: "Lexicon folder (default: ./Lexicons if it exists, else the bundled set).")
        var directory: String?

        func run() throws {
            let loaded = LexiconSelection.load(explicit: directory)
            for diagnostic in loaded.diagnostics { print(diagnostic.description) }
            let errors = loaded.diagnostics.filter { $0.severity == .error }.count
            let warnings = loaded.diagnostics.count - errors
            warn("\(errors) errors, \(warnings) warnings")
            if errors > 0 { throw ExitCode(2) }
        }
    }
}
