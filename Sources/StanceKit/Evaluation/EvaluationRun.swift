import Foundation
import StanceCore
import StanceAnalysis
import StanceStore

/// `stance evaluate` end to end: where the predictions come from (stance rows scored on the spot, a
/// PATH analysed in memory, or a run stored in the corpus database), the evaluation, and the
/// ablation when asked for.
public enum EvaluationRun {
    public struct Outcome: Sendable {
        public let report: EvaluationReport
        /// Articles under PATH that could not be read (the rest were scored).
        public let failures: [InputError]
    }

    public struct Options: Sendable {
        public var ablate = false
        public var errorLimit: Int?
        public var threads = ProcessInfo.processInfo.activeProcessorCount

        public init(ablate: Bool = false, errorLimit: Int? = nil) {
            self.ablate = ablate
            self.errorLimit = errorLimit
        }
    }

    /// Stance rows: each row's text toward its target, as `stance classify` scores it.
    public static func rows(_ gold: GoldSet, goldFile: String, lexicon: Lexicon, options: Options) -> Outcome {
        let evaluator = Evaluator(gold: gold)
        let evaluation = evaluator.evaluate(classifier: Classifier(lexicon: lexicon))
        let ablation = options.ablate
            ? Ablation.run(evaluator: evaluator, baseline: evaluation, lexicon: lexicon, threads: options.threads) : nil
        return Outcome(report: EvaluationReport(goldFile: goldFile, evaluation: evaluation, ablation: ablation,
                                                errorLimit: options.errorLimit), failures: [])
    }

    /// Statements or positions gold against the articles under `path`, analysed in memory (no
    /// database is read or written). Throws `InputError` when the path itself is unusable.
    public static func analyzing(path: String, gold: GoldSet, goldFile: String, lexicon: Lexicon, options: Options) throws -> Outcome {
        let analyzer = CorpusAnalyzer(lexicon: lexicon)
        let outcome = try analyzer.analyze(path: path, threads: options.threads, keepAnalyses: options.ablate)
        let evaluator = Evaluator(gold: gold)
        let evaluation = evaluator.evaluate(outcome.result)
        let ablation = options.ablate
            ? Ablation.run(evaluator: evaluator, baseline: evaluation, result: outcome.result, analyses: outcome.analyses,
                           lexicon: lexicon, threads: options.threads) : nil
        return Outcome(report: EvaluationReport(goldFile: goldFile, evaluation: evaluation, ablation: ablation,
                                                errorLimit: options.errorLimit), failures: outcome.failures)
    }

    /// Statements or positions gold against a run stored in the database (`runID`, or the newest
    /// finished run), as the run stored it: with the corrections made with `stance correct` before
    /// it ran, not those made since. Ablation uses the lexicon files stored with the run and leaves
    /// corrected stances as they are.
    public static func stored(store: CorpusStore, runID: String?, gold: GoldSet, goldFile: String, options: Options) throws -> Outcome? {
        guard let result = try store.loadResult(runID: runID) else { return nil }
        let evaluator = Evaluator(gold: gold)
        let evaluation = evaluator.evaluate(result)
        var ablation: [AblationResult]?
        if options.ablate {
            let files = try store.lexiconFiles(runID: result.run.runID)
            let loaded = try StoredLexicon.load(files)
            guard !files.isEmpty, let lexicon = loaded.lexicon else {
                throw StoredRunError(message: "run \(result.run.runID) has no usable stored lexicon files; give PATH to analyse again instead")
            }
            let segmenter = Segmenter(lexicon: lexicon)
            let analyses = try store.loadDocumentAnalyses(ids: result.documents.map(\.id)).map { stored -> DocumentAnalysis in
                let analysis = stored.analysis
                // The one stance rule that reads sentences needs them segmented again (they are not stored).
                guard analysis.statements.contains(where: { $0.rule == "participle_frame" }) else { return analysis }
                return DocumentAnalysis(document: analysis.document, paragraphs: [], sentences: segmenter.segment(stored.document).sentences,
                                        quotations: [], statements: analysis.statements, speakers: analysis.speakers,
                                        stances: analysis.stances, disagreements: analysis.disagreements)
            }
            ablation = Ablation.run(evaluator: evaluator, baseline: evaluation, result: result, analyses: analyses, lexicon: lexicon,
                                    threads: options.threads)
        }
        return Outcome(report: EvaluationReport(goldFile: goldFile, evaluation: evaluation, ablation: ablation,
                                                errorLimit: options.errorLimit), failures: [])
    }

    public struct StoredRunError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
