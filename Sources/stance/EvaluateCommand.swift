import ArgumentParser
import Foundation
import StanceCore
import StanceKit

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score the analysis against a hand-made gold file: precision, recall, F1, confusion matrix, errors.",
        discussion: """
        The gold file's kind decides what is compared: a .jsonl file is statements gold (document, speaker, \
        start, end, text, optional topic and stance); a CSV with the header topic,speaker,stance is positions \
        gold; a CSV with the header id,text,target,stance is stance rows (each text scored toward its target as \
        `stance classify` scores it; no PATH). Statements and positions are scored on the articles under PATH, \
        analysed in memory, or without PATH on the newest run stored in --db (or --run). \
        --ablate scores again without each lexicon entry that fired and ranks the entries by the change of \
        macro-F1. Exits 0 whenever it could score, whatever the score; 2 when the gold file or the lexicons \
        are unusable; 64 on a usage error.
        """,
        version: stanceVersion)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The gold file (.jsonl statements, or CSV positions or stance rows).")
    var gold: String

    @Argument(help: "Articles to analyse (a .txt/.md/.jsonl file or a folder); without it, a stored run is scored.")
    var path: String?

    @Flag(name: .long, help: "For every lexicon entry that fired, the scores without it.")
    var ablate = false

    @Option(name: .long, help: "List at most N errors (and N per entry with --ablate); the counts cover all.")
    var errors: Int?

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @Option(name: .customLong("run"), help: "Without PATH: the stored run to score (id, unique prefix, latest, previous).")
    var runID: String?

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if let errors, errors < 0 { throw ValidationError("--errors must be 0 or more") }
        if path != nil && runID != nil { throw ValidationError("--run scores a stored run; it does not go with PATH") }
    }

    func run() throws {
        let goldSet: GoldSet
        do { goldSet = try GoldFile.read(path: gold) } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        let options = EvaluationRun.Options(ablate: ablate, errorLimit: errors)
        let outcome: EvaluationRun.Outcome
        if !goldSet.needsArticles {
            if path != nil || runID != nil {
                throw ValidationError("\(gold) holds stance rows (id,text,target,stance): they are scored on their own text, without PATH or --run")
            }
            outcome = EvaluationRun.rows(goldSet, goldFile: gold, lexicon: try loadLexiconOrExit(lexiconOptions), options: options)
        } else if let path {
            let lexicon = try loadLexiconOrExit(lexiconOptions)
            do {
                outcome = try EvaluationRun.analyzing(path: path, gold: goldSet, goldFile: gold, lexicon: lexicon, options: options)
            } catch {
                warn("stance: \(error)")
                throw ExitCode(2)
            }
        } else {
            if lexiconOptions.lexicons != nil {
                warn("stance: note: a stored run is scored with the lexicons stored with it; --lexicons applies when PATH is given")
            }
            let store = try database.open()
            defer { try? store.close() }
            let run = try runID.map { spec in try withStore { try RunSelector.resolve(spec, in: try store.runs()) }.runID }
            guard let stored = try withStore({
                try EvaluationRun.stored(store: store, runID: run, gold: goldSet, goldFile: gold, options: options)
            }) else {
                warn("stance: \(database.db): no finished run in this database; give PATH to analyse articles, "
                     + "or run `stance analyze PATH --db \(database.db)` first")
                throw ExitCode(2)
            }
            outcome = stored
        }
        for failure in outcome.failures { warn("stance: \(failure)") }
        switch format {
        case .text: print(outcome.report.text, terminator: "")
        case .json: print(outcome.report.json)
        }
    }
}
