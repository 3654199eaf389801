import ArgumentParser
import Foundation
import StanceCore
import StanceKit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show why a sentence or a statement got its stance, step by step.",
        discussion: """
        stance explain "SENTENCE" segments and attributes the sentence as an article, then shows for each \
        statement (or, when attribution finds none, for the whole text, as `stance classify` scores it) the \
        topic terms matched and every rule that fired with its lexicon entry (file:line) and contribution. \
        stance explain --statement ID PATH re-analyses PATH and explains the statement with that id \
        (statement_id in statements.csv).
        """, version: stanceVersion)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The sentence to explain; with --statement, the file or folder of articles to re-analyse.")
    var input: String

    @Option(name: .long, help: "A statement id (s-...) to find in the articles under the PATH given.")
    var statement: String?

    @Option(name: .long, help: "Only this topic id, shown even when the text is not placed in it.")
    var topic: String?

    @Option(name: .long, help: "The speaker's affiliation for a sentence (e.g. U.S.): \"we\" then names it.")
    var affiliation: String?

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if statement != nil && affiliation != nil {
            throw ValidationError("--affiliation is for a sentence; a statement's speaker has their own")
        }
    }

    func run() throws {
        let explainer = Explainer(lexicon: try loadLexiconOrExit(lexiconOptions))
        do { try explainer.checkTopic(topic) } catch {
            warn("stance: \(error)")
            throw ExitCode.validationFailure
        }
        let explanation: Explanation
        if let statement {
            // Where the statement comes from. The store work adds `--db FILE` here: a StatementSource
            // reading the database (and no PATH needed then); re-analysis stays the fallback.
            let source = ReanalysisSource(lexicon: explainer.lexicon, path: input)
            let found: StatementRecord?
            do { found = try source.record(statementID: statement) } catch {
                warn("stance: \(error)")
                throw ExitCode(2)
            }
            for failure in source.failures { warn("stance: \(failure)") }
            guard let record = found else {
                warn("stance: no statement \(statement) in \(input)")
                throw ExitCode(2)
            }
            explanation = explainer.explain(record, topic: topic)
        } else {
            explanation = explainer.explain(text: input, topic: topic, affiliation: affiliation)
        }
        switch format {
        case .text: print(explanation.text, terminator: "")
        case .json: print(explanation.json)
        }
    }
}
