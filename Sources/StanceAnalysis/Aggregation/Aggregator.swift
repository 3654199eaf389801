import Foundation
import StanceCore

/// Turns per-document results into the corpus view: one speaker per person, positions per
/// speaker and topic, contrasts (FAVOR against AGAINST) and allies (same side).
public struct Aggregator: Sendable {
    /// How much stronger than the minority side the majority must be before a position stops
    /// being MIXED: a minority whose strongest statement reaches this share of the majority's
    /// strongest, or whose total reaches it of the majority's total, makes the position MIXED.
    let mixedShare: Double
    /// Bonus to a contrast's strength when the text states the disagreement outright.
    let explicitBonus: Double
    /// A position's |score| below this is NONE.
    let threshold: Double

    public init(lexicon: Lexicon) {
        mixedShare = lexicon.settings.value("positions.mixed_share", default: 0.6)
        explicitBonus = lexicon.settings.value("contrasts.explicit_bonus", default: 0.25)
        threshold = lexicon.settings.value("stance.threshold", default: 0.15)
    }

    public func aggregate(_ analyses: [DocumentAnalysis], topics: [Topic], run: RunInfo) -> CorpusResult {
        aggregate(analyses.map(\.result), topics: topics, run: run)
    }

    /// The corpus result of `documents` (in the order given): the compact aggregation
    /// (`aggregate(_: [CompactDocument], ...)`) with the documents' statements, their speakers set to
    /// the canonical names, and stances.
    public func aggregate(_ documents: [DocumentResult], topics: [Topic], run: RunInfo) -> CorpusResult {
        let compact = aggregate(documents.map(CompactDocument.init), topics: topics, run: run)
        let statements = compact.statements.map { ref -> Statement in
            var statement = documents[Int(ref.document)].statements[Int(ref.statement)]
            statement.speaker = ref.speaker
            return statement
        }
        return CorpusResult(run: run, topics: compact.topics, documents: compact.documents, statements: statements,
                            stances: documents.flatMap(\.stances), speakers: compact.speakers, positions: compact.positions,
                            contrasts: compact.contrasts, allies: compact.allies)
    }

    /// A position is the mean signed score of a speaker's statements on the topic (so many
    /// statements do not saturate it), MIXED when the minority side is substantial.
    public func positions(stances: [StatementStance], speakerOf: [String: String], group: ((String) -> String?)? = nil) -> [Position] {
        positions(stances.compactMap { stance in
            speakerOf[stance.statementID].map { (stance: stance, speaker: $0, group: group?(stance.statementID)) }
        })
    }

    /// Positions from stances with their speakers (and groups), in the order given.
    func positions(_ items: [(stance: StatementStance, speaker: String, group: String?)]) -> [Position] {
        var buckets: [String: [StatementStance]] = [:]
        var keys: [String: (topic: String, speaker: String, group: String?)] = [:]
        for (stance, speaker, g) in items {
            let key = "\(stance.topic)\u{1}\(speaker)\u{1}\(g ?? "")"
            buckets[key, default: []].append(stance)
            keys[key] = (stance.topic, speaker, g)
        }
        return buckets.map { key, items in
            let (topic, speaker, g) = keys[key]!
            let favor = items.filter { $0.label == .favor }
            let against = items.filter { $0.label == .against }
            let sumF = favor.map { abs($0.score) * $0.confidence }.reduce(0, +)
            let sumA = against.map { abs($0.score) * $0.confidence }.reduce(0, +)
            let maxF = favor.map { abs($0.score) }.max() ?? 0
            let maxA = against.map { abs($0.score) }.max() ?? 0
            let sided = favor + against
            let score = sided.isEmpty ? 0 : sided.map { $0.score * $0.confidence }.reduce(0, +) / max(sided.map(\.confidence).reduce(0, +), 1e-9)
            var label: StanceLabel
            if sumF > 0 && sumA > 0,
               min(maxF, maxA) >= mixedShare * max(maxF, maxA) && min(sumF, sumA) >= mixedShare * max(sumF, sumA) * 0.5
                || min(sumF, sumA) >= mixedShare * max(sumF, sumA) {
                label = .mixed
            } else if abs(score) < threshold || sided.isEmpty {
                label = .none
            } else {
                label = score > 0 ? .favor : .against
            }
            if label == .mixed && sided.count == 0 { label = .none }
            let meanConfidence = sided.isEmpty ? 0 : sided.map(\.confidence).reduce(0, +) / Double(sided.count)
            // More statements make the position more certain, never more extreme.
            let confidence = meanConfidence * (1 - pow(0.5, Double(sided.count)))
            let strongest = (label == .against ? against : label == .favor ? favor : sided)
                .max { abs($0.score) * $0.confidence < abs($1.score) * $1.confidence }
            return Position(topic: topic, speaker: speaker, label: label, score: max(-1, min(1, score)), confidence: confidence,
                            statements: items.count, favorStatements: favor.count, againstStatements: against.count,
                            strongestStatementID: strongest?.statementID, group: g)
        }.sorted { ($0.topic, $0.group ?? "", $0.speaker) < ($1.topic, $1.group ?? "", $1.speaker) }
    }

    public func pairs(_ positions: [Position], disagreements: [(String, String)]) -> ([Contrast], [Alliance]) {
        var contrasts: [Contrast] = []
        var allies: [Alliance] = []
        let explicit = Set(disagreements.flatMap { [$0.0 + "\u{1}" + $0.1, $0.1 + "\u{1}" + $0.0] })
        for (topic, group) in Dictionary(grouping: positions.filter { $0.group == nil }, by: \.topic) {
            let favor = group.filter { $0.label == .favor }
            let against = group.filter { $0.label == .against }
            for a in favor {
                for b in against {
                    let flagged = explicit.contains(a.speaker + "\u{1}" + b.speaker)
                    // How far apart the two are, discounted by the less certain of them (never below half).
                    var strength = (abs(a.score) + abs(b.score)) / 2 * (0.5 + 0.5 * min(a.confidence, b.confidence))
                    if flagged { strength += explicitBonus }
                    contrasts.append(Contrast(topic: topic, speakerA: a.speaker, stanceA: .favor, speakerB: b.speaker, stanceB: .against,
                                              strength: min(1, strength), explicitDisagreement: flagged))
                }
            }
            for side in [favor, against] {
                for (i, a) in side.enumerated() {
                    for b in side[(i + 1)...] {
                        let (x, y) = a.speaker < b.speaker ? (a, b) : (b, a)
                        allies.append(Alliance(topic: topic, speakerA: x.speaker, speakerB: y.speaker, label: a.label,
                                               strength: min(1, (abs(a.score) + abs(b.score)) / 2)))
                    }
                }
            }
        }
        contrasts.sort { ($0.topic, -$0.strength, $0.speakerA, $0.speakerB) < ($1.topic, -$1.strength, $1.speakerA, $1.speakerB) }
        allies.sort { ($0.topic, -$0.strength, $0.speakerA, $0.speakerB) < ($1.topic, -$1.strength, $1.speakerA, $1.speakerB) }
        return (contrasts, allies)
    }
}

extension Aggregator {
    /// Positions per speaker, topic and a document key (the outlet, or the month `YYYY-MM`), from
    /// a corpus result alone. Statements whose document has no such key are grouped under "unknown".
    public func groupedPositions(_ result: CorpusResult, key: @escaping (DocumentSummary) -> String?) -> [Position] {
        let documents = Dictionary(result.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let statementDocument = Dictionary(result.statements.map { ($0.id, $0.documentID) }, uniquingKeysWith: { a, _ in a })
        let speakerOf = Dictionary(result.statements.map { ($0.id, $0.speaker) }, uniquingKeysWith: { a, _ in a })
        return positions(stances: result.stances, speakerOf: speakerOf) { id in
            statementDocument[id].flatMap { documents[$0] }.flatMap(key) ?? "unknown"
        }
    }

    /// `YYYY-MM` from an ISO-like date ("2024-08-06", "2024-08-06T10:00:00Z"), nil otherwise.
    public static func month(of date: String?) -> String? {
        guard let date, date.count >= 7 else { return nil }
        let prefix = Array(date.prefix(7))
        guard prefix[4] == "-", prefix[0...3].allSatisfy(\.isNumber), prefix[5...6].allSatisfy(\.isNumber) else { return nil }
        return String(prefix)
    }
}

extension DocumentAnalysis {
    /// The compact result aggregation and storage keep (the summary carries the content hash and
    /// the near-duplicate fingerprint).
    public var result: DocumentResult {
        DocumentResult(summary: DocumentSummary(id: document.id, contentHash: document.contentHash,
                                                fingerprint: Fingerprint.simHash(document.text), title: document.title,
                                                date: document.date, source: document.source, statements: statements.count),
                       statements: statements, speakers: speakers, stances: stances, disagreements: disagreements)
    }
}
