import Foundation
import StanceCore

/// One thing the predictions got wrong, with what fired.
public struct EvaluationError: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A gold statement no predicted statement covers.
        case missed
        /// A predicted statement that overlaps no gold statement.
        case falsePositive = "false_positive"
        /// A found statement tied to the wrong speaker.
        case speaker
        /// A statement's (or a row's) stance on a topic differs from the gold.
        case stance
        /// A speaker's position on a topic differs from the gold.
        case position
    }

    public let kind: Kind
    /// The document (statements, positions) or the row id (stance rows).
    public let document: String
    public let range: TextRange?
    public let paragraph: Int?
    /// The predicted statement involved, when there is one.
    public let statementID: String?
    public let speaker: String?
    public let topic: String?
    public let expected: String
    public let got: String
    public let text: String
    /// The stance rules that fired for `got` (`rule@file:line=contribution`).
    public let evidence: [Evidence]
    /// The attribution rule and cue of the predicted statement (`reporting_cue "said"`).
    public let attribution: String?
    /// The gold file's line.
    public let goldLine: Int?

    public init(kind: Kind, document: String, range: TextRange? = nil, paragraph: Int? = nil, statementID: String? = nil,
                speaker: String? = nil, topic: String? = nil, expected: String, got: String, text: String,
                evidence: [Evidence] = [], attribution: String? = nil, goldLine: Int? = nil) {
        self.kind = kind
        self.document = document
        self.range = range
        self.paragraph = paragraph
        self.statementID = statementID
        self.speaker = speaker
        self.topic = topic
        self.expected = expected
        self.got = got
        self.text = text
        self.evidence = evidence
        self.attribution = attribution
        self.goldLine = goldLine
    }

    /// What identifies the error between two evaluations of the same gold (ablation: fixed or caused).
    public var key: String {
        let place = range.map { "\($0.start)-\($0.end)" } ?? ""
        let parts: [String] = switch kind {
        case .position: [kind.rawValue, topic ?? "", speaker ?? ""]
        case .stance: [kind.rawValue, document, place, topic ?? ""]
        case .missed, .falsePositive, .speaker: [kind.rawValue, document, place]
        }
        return parts.joined(separator: "\u{0}")
    }
}

/// The scores of one evaluation.
public struct Evaluation: Sendable {
    /// `statements`, `positions` or `rows`.
    public let kind: String
    /// Statements gold only.
    public let attribution: AttributionScores?
    /// Statement stances on matched statements (statements gold), positions, or rows.
    public let stance: ConfusionMatrix
    /// In document and offset order (rows: file order).
    public let errors: [EvaluationError]
    /// What the reader should know to read the figures (documents left out, unknown topics).
    public let notes: [String]

    public init(kind: String, attribution: AttributionScores?, stance: ConfusionMatrix, errors: [EvaluationError], notes: [String]) {
        self.kind = kind
        self.attribution = attribution
        self.stance = stance
        self.errors = errors
        self.notes = notes
    }
}

/// Scores predictions against a gold set.
///
/// - **Statements gold**: attribution by the `GoldMatching` rules (precision over the predicted
///   statements of the gold's documents, recall over the gold statements, speaker accuracy over the
///   found ones); stance over every (found gold statement, topic of the run) pair: the gold label is
///   the statement's stance on its own topic and NONE on the others; the predicted label is the gold
///   one when some covering statement has it (as the checker counts it), else that of the best
///   covering statement (NONE when it was not placed in the topic). Missed statements count in
///   attribution only.
/// - **Positions gold**: each gold (topic, speaker) against the overall position of the speaker whose
///   name ends in the same word; no position is NONE. Positions the gold does not list are not scored.
/// - **Stance rows**: each row's text scored toward its target as `stance classify` scores it.
public struct Evaluator: Sendable {
    public let gold: GoldSet

    public init(gold: GoldSet) { self.gold = gold }

    public static let statementLabels: [StanceLabel] = [.favor, .against, .none]
    public static let positionLabels: [StanceLabel] = [.favor, .against, .mixed, .none]

    /// Statements or positions gold against an analysis.
    public func evaluate(_ result: CorpusResult) -> Evaluation {
        switch gold {
        case .statements(let statements): Self.statements(statements, result)
        case .positions(let positions): Self.positions(positions, result)
        case .rows: preconditionFailure("stance rows are scored with evaluate(classifier:)")
        }
    }

    /// Stance rows with the classifier's predictions.
    public func evaluate(classifier: Classifier) -> Evaluation {
        guard case .rows(let rows) = gold else { preconditionFailure("evaluate(classifier:) is for stance rows") }
        return Self.rows(rows, predictions: Self.predictions(rows, classifier: classifier))
    }

    static func predictions(_ rows: [GoldRow], classifier: Classifier) -> [Classifier.Prediction] {
        rows.map { classifier.classify($0.text, target: $0.target) }
    }

    // MARK: - Statements

    static func statements(_ gold: [GoldStatement], _ result: CorpusResult) -> Evaluation {
        let goldFiles = Set(gold.map { GoldMatching.fileName($0.document) })
        let predicted = result.statements.filter { goldFiles.contains(GoldMatching.fileName($0.documentID)) }
        var notes: [String] = []
        let leftOut = Set(result.statements.map(\.documentID).filter { !goldFiles.contains(GoldMatching.fileName($0)) })
        if !leftOut.isEmpty {
            notes.append("\(leftOut.count) analysed document\(leftOut.count == 1 ? " has" : "s have") no gold statement and \(leftOut.count == 1 ? "is" : "are") not scored")
        }
        let analysed = Set(result.statements.map { GoldMatching.fileName($0.documentID) })
            .union(result.documents.map { GoldMatching.fileName($0.id) })
        let unanalysed = goldFiles.subtracting(analysed).sorted()
        if !unanalysed.isEmpty {
            notes.append("gold documents not in the analysis (all their statements are missed): " + unanalysed.joined(separator: ", "))
        }
        let topics = result.topics.map(\.id)
        let unknownTopics = Set(gold.compactMap(\.topic)).subtracting(topics).sorted()
        if !unknownTopics.isEmpty {
            notes.append("gold topics the lexicons do not have (their statements count as predicted NONE): "
                         + unknownTopics.joined(separator: ", "))
        }

        let index = GoldMatching.Index(predicted)
        let stances = Dictionary(result.stances.map { ($0.statementID + "\u{0}" + $0.topic, $0) }, uniquingKeysWith: { a, _ in a })
        var errors: [EvaluationError] = []
        var matrix = ConfusionMatrix(labels: statementLabels)
        var found = 0, speakerRight = 0
        for g in gold {
            let covering = index.covering(g)
            guard let best = covering.first else {
                errors.append(EvaluationError(kind: .missed, document: g.document, range: g.range, speaker: g.speaker,
                                              topic: g.topic, expected: "statement by \(g.speaker)", got: "no statement",
                                              text: g.text, goldLine: g.line))
                continue
            }
            found += 1
            if GoldMatching.lastWord(best.speaker) == GoldMatching.lastWord(g.speaker) {
                speakerRight += 1
            } else {
                errors.append(EvaluationError(kind: .speaker, document: g.document, range: g.range, paragraph: best.paragraph,
                                              statementID: best.id, speaker: g.speaker, expected: g.speaker,
                                              got: best.speaker.isEmpty ? "(no speaker)" : best.speaker, text: g.text,
                                              attribution: attribution(best), goldLine: g.line))
            }
            for topic in topics + unknownTopics {
                let expected: StanceLabel = g.topic == topic ? g.stance ?? StanceLabel.none : StanceLabel.none
                let candidates = covering.map { stances[$0.id + "\u{0}" + topic] }
                let chosen: StatementStance? = candidates.first { ($0?.label ?? StanceLabel.none) == expected } ?? candidates.first!
                let got: StanceLabel = chosen?.label ?? StanceLabel.none
                matrix.add(gold: expected, predicted: got)
                if got != expected {
                    let statement = covering.first { $0.id == chosen?.statementID } ?? best
                    errors.append(EvaluationError(kind: .stance, document: g.document, range: g.range, paragraph: statement.paragraph,
                                                  statementID: statement.id, speaker: g.speaker, topic: topic,
                                                  expected: expected.rawValue, got: got.rawValue, text: g.text,
                                                  evidence: chosen?.evidence ?? [], attribution: nil, goldLine: g.line))
                }
            }
        }
        let byFile = Dictionary(grouping: gold, by: { GoldMatching.fileName($0.document) })
        var correct = 0
        for statement in predicted {
            if GoldMatching.isCorrect(statement, gold: byFile) {
                correct += 1
                continue
            }
            let fired = result.stances.filter { $0.statementID == statement.id && $0.label != .none }
            errors.append(EvaluationError(kind: .falsePositive, document: GoldMatching.fileName(statement.documentID),
                                          range: statement.range, paragraph: statement.paragraph, statementID: statement.id,
                                          speaker: statement.speaker, expected: "no statement",
                                          got: "statement by \(statement.speaker.isEmpty ? "(no speaker)" : statement.speaker)"
                                              + fired.map { " \($0.topic) \($0.label.rawValue)" }.joined(separator: ","),
                                          text: statement.text, evidence: fired.flatMap(\.evidence), attribution: attribution(statement)))
        }
        let attributionScores = AttributionScores(gold: gold.count, found: found, speakerRight: speakerRight,
                                                  predicted: predicted.count, correct: correct)
        return Evaluation(kind: "statements", attribution: attributionScores, stance: matrix, errors: sorted(errors), notes: notes)
    }

    static func attribution(_ statement: Statement) -> String {
        statement.cue.isEmpty ? statement.rule : "\(statement.rule) \"\(statement.cue)\""
    }

    static func sorted(_ errors: [EvaluationError]) -> [EvaluationError] {
        let order = Dictionary(uniqueKeysWithValues: EvaluationError.Kind.allCases.enumerated().map { ($1, $0) })
        return errors.sorted { a, b in
            if a.document != b.document { return a.document < b.document }
            let (sa, sb) = (a.range?.start ?? 0, b.range?.start ?? 0)
            if sa != sb { return sa < sb }
            if a.kind != b.kind { return order[a.kind]! < order[b.kind]! }
            return (a.topic ?? "") < (b.topic ?? "")
        }
    }

    // MARK: - Positions

    static func positions(_ gold: [GoldPosition], _ result: CorpusResult) -> Evaluation {
        var matrix = ConfusionMatrix(labels: positionLabels)
        var errors: [EvaluationError] = []
        let overall = result.positions.filter { $0.group == nil }
        let stances = Dictionary(result.stances.map { ($0.statementID + "\u{0}" + $0.topic, $0) }, uniquingKeysWith: { a, _ in a })
        let statements = Dictionary(result.statements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var notes: [String] = []
        let unknownTopics = Set(gold.map(\.topic)).subtracting(result.topics.map(\.id)).sorted()
        if !unknownTopics.isEmpty {
            notes.append("gold topics the lexicons do not have (no position on them): " + unknownTopics.joined(separator: ", "))
        }
        for g in gold {
            let position = overall.first { $0.topic == g.topic && GoldMatching.lastWord($0.speaker) == GoldMatching.lastWord(g.speaker) }
            let got: StanceLabel = position?.label ?? StanceLabel.none
            matrix.add(gold: g.stance, predicted: got)
            guard got != g.stance else { continue }
            let strongest = position?.strongestStatementID
            let statement = strongest.flatMap { statements[$0] }
            let describedGot = position.map { "\($0.label.rawValue) (score \(Number.format($0.score, decimals: 2, signed: true)), "
                + "\($0.statements) statements: \($0.favorStatements) for, \($0.againstStatements) against)" } ?? "no position"
            errors.append(EvaluationError(kind: .position, document: statement?.documentID ?? "", range: statement?.range,
                                          paragraph: statement?.paragraph, statementID: strongest, speaker: g.speaker,
                                          topic: g.topic, expected: g.stance.rawValue, got: describedGot,
                                          text: statement?.text ?? "",
                                          evidence: strongest.flatMap { stances[$0 + "\u{0}" + g.topic]?.evidence } ?? [],
                                          goldLine: g.line))
        }
        return Evaluation(kind: "positions", attribution: nil, stance: matrix, errors: errors, notes: notes)
    }

    // MARK: - Rows

    static func rows(_ gold: [GoldRow], predictions: [Classifier.Prediction]) -> Evaluation {
        var matrix = ConfusionMatrix(labels: statementLabels)
        var errors: [EvaluationError] = []
        for (row, prediction) in zip(gold, predictions) {
            matrix.add(gold: row.stance, predicted: prediction.stance)
            if prediction.stance != row.stance {
                errors.append(EvaluationError(kind: .stance, document: row.id, topic: row.target, expected: row.stance.rawValue,
                                              got: "\(prediction.stance.rawValue) (score \(Number.format(prediction.score, decimals: 2, signed: true)))",
                                              text: row.text, evidence: prediction.evidence, goldLine: row.line))
            }
        }
        return Evaluation(kind: "rows", attribution: nil, stance: matrix, errors: errors, notes: [])
    }
}
