import Foundation
import StanceCore
import StanceAnalysis

/// What one lexicon entry is worth on a gold set: the evaluation again without it.
public struct AblationResult: Sendable {
    public let entry: LexiconEntryRef
    /// Stances (statement x topic, or rows) of the evaluated predictions whose evidence cites it.
    public let fired: Int
    /// Statement stances or rows scored again without it.
    public let rescored: Int
    /// The headline score without the entry (macro-F1 of the stance table).
    public let macroF1: Double
    /// `macroF1` minus the baseline's: negative when the entry helps, positive when it hurts.
    public let delta: Double
    /// Errors of the baseline that removing the entry fixes (the entry causes them).
    public let fixes: [EvaluationError]
    /// Errors that removing the entry causes (the entry prevents them), as the ablated run reports them.
    public let causes: [EvaluationError]
}

/// `stance evaluate --ablate`: for every lexicon entry that fired in the evaluated predictions, the
/// same evaluation with a lexicon that lacks that one entry (`Lexicon.removing`).
///
/// Only what the entry can change is scored again: the stances of the documents where it fired
/// (all of a document's statements, since a quotation takes context from its speaker's
/// neighbouring statements), with `StanceScorer` over the statements already found; segmentation
/// and attribution are not run again, so ablation covers stance and topic entries, the ones
/// evidence cites. Positions are aggregated again when the gold is positions. Stance rows whose
/// evidence cites the entry are classified again.
///
/// An entry that never fired can still change a result when removed (a longer phrase that hid a
/// shorter one); those are not tried: the list is the entries that decided something.
public enum Ablation {
    /// Statements or positions gold, over an analysis kept with its documents (`keepAnalyses`).
    public static func run(evaluator: Evaluator, baseline: Evaluation, result: CorpusResult, analyses: [DocumentAnalysis],
                           lexicon: Lexicon, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [AblationResult] {
        let documentOf = Dictionary(analyses.enumerated().flatMap { index, analysis in analysis.statements.map { ($0.id, index) } },
                                    uniquingKeysWith: { a, _ in a })
        let scope = scopedStances(evaluator.gold, result: result)
        let byLocation = lexicon.entriesByLocation
        var firing: [SourceLocation: (stances: Int, documents: Set<Int>)] = [:]
        for stance in scope {
            for location in Set(stance.evidence.map(\.location)) where byLocation[location] != nil {
                firing[location, default: (0, [])].stances += 1
                if let document = documentOf[stance.statementID] { firing[location]!.documents.insert(document) }
            }
        }
        let aggregator = Aggregator(lexicon: lexicon)
        // Positions are aggregated again from every document: their results once, with the
        // evaluated stances (a stored analysis carries none of its own).
        var baseDocuments: [DocumentResult] = []
        if case .positions = evaluator.gold {
            let stancesByDocument = Dictionary(grouping: result.stances, by: { documentOf[$0.statementID] ?? -1 })
            baseDocuments = analyses.enumerated().map { index, analysis in
                var document = analysis.result
                document.stances = stancesByDocument[index] ?? []
                return document
            }
        }
        func with(_ positions: [Position], _ stances: [StatementStance]) -> CorpusResult {
            CorpusResult(run: result.run, topics: result.topics, documents: result.documents, statements: result.statements,
                         stances: stances, speakers: result.speakers, positions: positions, contrasts: result.contrasts,
                         allies: result.allies)
        }
        // Compared with the positions aggregated the same way, so that only the entry makes a difference.
        let reference = baseDocuments.isEmpty ? baseline
            : evaluator.evaluate(with(aggregator.aggregate(baseDocuments, topics: lexicon.topics, run: result.run).positions, result.stances))
        // A stored run carries the corrections made with `stance correct`: a corrected stance is a
        // reader's decision, which no lexicon entry changes.
        let corrected = Dictionary(result.stances.filter { $0.evidence.contains { $0.rule == CorrectionApplier.rule } }
            .map { ($0.statementID + "\u{0}" + $0.topic, $0) }, uniquingKeysWith: { a, _ in a })
        let locations = Array(firing.keys)
        let results = parallelMap(locations, threads: threads) { location -> AblationResult in
            let (fired, documents) = firing[location]!
            let scorer = StanceScorer(lexicon: lexicon.removing([location]))
            var rescoredStances: [String: [StatementStance]] = [:]
            var rescored = 0
            for index in documents {
                let stances = scorer.score(analyses[index]).map { corrected[$0.statementID + "\u{0}" + $0.topic] ?? $0 }
                rescored += analyses[index].statements.count
                rescoredStances[analyses[index].document.id] = stances
            }
            let changedStatements = Set(documents.flatMap { analyses[$0].statements.map(\.id) })
            var stances = result.stances.filter { !changedStatements.contains($0.statementID) }
            for index in documents.sorted() { stances += rescoredStances[analyses[index].document.id] ?? [] }
            var positions = result.positions
            if case .positions = evaluator.gold {
                var documentResults = baseDocuments
                for index in documents { documentResults[index].stances = rescoredStances[analyses[index].document.id] ?? [] }
                positions = aggregator.aggregate(documentResults, topics: lexicon.topics, run: result.run).positions
            }
            return compare(entry: byLocation[location]!, fired: fired, rescored: rescored, baseline: reference,
                           ablated: evaluator.evaluate(with(positions, stances)))
        }
        return sortedByImpact(results)
    }

    /// Stance rows: each row whose evidence cites an entry is classified again without it.
    public static func run(evaluator: Evaluator, baseline: Evaluation, lexicon: Lexicon,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [AblationResult] {
        guard case .rows(let rows) = evaluator.gold else { preconditionFailure("rows ablation needs stance rows") }
        let predictions = Evaluator.predictions(rows, classifier: Classifier(lexicon: lexicon))
        let byLocation = lexicon.entriesByLocation
        var firing: [SourceLocation: [Int]] = [:]
        for (index, prediction) in predictions.enumerated() {
            for location in Set(prediction.evidence.map(\.location)) where byLocation[location] != nil {
                firing[location, default: []].append(index)
            }
        }
        let locations = Array(firing.keys)
        let results = parallelMap(locations, threads: threads) { location -> AblationResult in
            let classifier = Classifier(lexicon: lexicon.removing([location]))
            var changed = predictions
            for index in firing[location]! { changed[index] = classifier.classify(rows[index].text, target: rows[index].target) }
            return compare(entry: byLocation[location]!, fired: firing[location]!.count, rescored: firing[location]!.count,
                           baseline: baseline, ablated: Evaluator.rows(rows, predictions: changed))
        }
        return sortedByImpact(results)
    }

    /// The stances an evaluation looks at: those of the gold's documents (statements), of the gold
    /// speakers on the gold topics (positions).
    static func scopedStances(_ gold: GoldSet, result: CorpusResult) -> [StatementStance] {
        switch gold {
        case .statements(let statements):
            let files = Set(statements.map { GoldMatching.fileName($0.document) })
            let inScope = Set(result.statements.filter { files.contains(GoldMatching.fileName($0.documentID)) }.map(\.id))
            return result.stances.filter { inScope.contains($0.statementID) }
        case .positions(let positions):
            let pairs = Set(positions.map { $0.topic + "\u{0}" + GoldMatching.lastWord($0.speaker) })
            let speakerOf = Dictionary(result.statements.map { ($0.id, GoldMatching.lastWord($0.speaker)) }, uniquingKeysWith: { a, _ in a })
            return result.stances.filter { pairs.contains($0.topic + "\u{0}" + (speakerOf[$0.statementID] ?? "")) }
        case .rows:
            return []
        }
    }

    static func compare(entry: LexiconEntryRef, fired: Int, rescored: Int, baseline: Evaluation, ablated: Evaluation) -> AblationResult {
        let before = Set(baseline.errors.map(\.key)), after = Set(ablated.errors.map(\.key))
        return AblationResult(entry: entry, fired: fired, rescored: rescored, macroF1: ablated.stance.macroF1,
                              delta: ablated.stance.macroF1 - baseline.stance.macroF1,
                              fixes: baseline.errors.filter { !after.contains($0.key) },
                              causes: ablated.errors.filter { !before.contains($0.key) })
    }

    /// Largest change of macro-F1 first, then most errors fixed or caused, then most firings, then place.
    static func sortedByImpact(_ results: [AblationResult]) -> [AblationResult] {
        results.sorted { a, b in
            let (da, db) = (abs(a.delta), abs(b.delta))
            if abs(da - db) > 1e-12 { return da > db }
            let (ca, cb) = (a.fixes.count + a.causes.count, b.fixes.count + b.causes.count)
            if ca != cb { return ca > cb }
            if a.fired != b.fired { return a.fired > b.fired }
            let (la, lb) = (a.entry.entry.location, b.entry.entry.location)
            return (la.file, la.line, la.column) < (lb.file, lb.line, lb.column)
        }
    }
}
