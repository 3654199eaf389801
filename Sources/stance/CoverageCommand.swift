import ArgumentParser
import Foundation
import StanceCore
import StanceKit

struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per topic: statements with no stance (NONE) and frequent words near its targets that no entry covers.",
        discussion: """
        Candidates are content words (not in grammar/* nor suggest/stopwords) within --window words of a \
        topic's holder, objects or opposites, in the statements placed in the topic, that no entry of any \
        other list or topic matches: words to consider for cues, predicates or polarity.
        """, version: stanceVersion)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A .txt/.md/.jsonl file or a folder of them.")
    var path: String

    @Option(name: .long, help: "Words on each side of a target term that count as near it.")
    var window: Int = 5

    @Option(name: .long, help: "Candidate words listed per topic.")
    var top: Int = 10

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if window < 1 { throw ValidationError("--window must be 1 or more") }
        if top < 0 { throw ValidationError("--top must be 0 or more") }
    }

    func run() throws {
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        let outcome: CorpusAnalyzer.Outcome
        do { outcome = try CorpusAnalyzer(lexicon: lexicon).analyze(path: path, keepAnalyses: false) } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        for failure in outcome.failures { warn("stance: \(failure)") }
        let analyzer = CoverageAnalyzer(lexicon: lexicon, options: .init(window: window, top: top))
        let coverage = analyzer.coverage(outcome.result)
        switch format {
        case .text: print(analyzer.text(coverage))
        case .json: print(analyzer.json(coverage))
        }
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}
