import ArgumentParser
import Foundation
import StanceKit

@main
struct Stance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance",
        abstract: "Find who said what in news articles and where named people disagree.",
        discussion: """
        Exit codes: 0 all inputs analysed; 1 some inputs failed (each named on stderr); 2 nothing could be done \
        (invalid lexicons, unwritable output, unusable database); 64 usage error.
        """,
        version: stanceVersion,
        subcommands: [Analyze.self, Merge.self, Statements.self, Classify.self, LexiconCommand.self, TopicsCommand.self, Explain.self, Kwic.self, Coverage.self, ReportCommand.self, RunsCommand.self, CorrectCommand.self, SearchCommand.self, SpeakersCommand.self, EvaluateCommand.self, DiffCommand.self]
    )
}

/// Options every analysing command shares.
struct LexiconOptions: ParsableArguments {
    @Option(name: .long, help: "Lexicon folder (default: ./Lexicons if it exists, else the bundled set).")
    var lexicons: String?
}

/// Prints to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
