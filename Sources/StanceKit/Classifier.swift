import Foundation
import StanceCore
import StanceAnalysis
import StanceReports

/// `stance classify`: the stance of free text or of spreadsheet rows toward a target. The target
/// is a topic id when a topic has that id, else an entity name (scored as an entity topic whose
/// entity is that name: the evaluative attitude expressed toward it).
public struct Classifier: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public struct Prediction: Sendable {
        public let stance: StanceLabel
        public let score: Double
        public let evidence: [Evidence]
        public var evidenceText: String { evidence.map(\.formatted).joined(separator: "; ") }
    }

    /// One text toward one target.
    public func classify(_ text: String, target: String, affiliation: String? = nil) -> Prediction {
        let (scorer, id) = scorer(for: target)
        guard let stance = scorer.score(text: text, affiliation: affiliation, topicIDs: [id]).first else {
            return Prediction(stance: .none, score: 0, evidence: [])
        }
        return Prediction(stance: stance.label, score: stance.score, evidence: stance.evidence)
    }

    private func scorer(for target: String) -> (StanceScorer, String) {
        if lexicon.topics.contains(where: { $0.id == target }) { return (StanceScorer(lexicon: lexicon), target) }
        let location = SourceLocation(file: "(target)", line: 1)
        let words = Folding.fold(target).split(separator: " ").map(String.init)
        // The entity by its full name and by its last word ("Dana Ellison", "Ellison").
        var holder = [LexiconEntry(term: target, words: words, isWildcard: false, location: location)]
        if words.count > 1, let last = words.last {
            holder.append(LexiconEntry(term: last, words: [last], isWildcard: false, location: location))
        }
        let topic = Topic(id: "target", label: target, target: target, kind: .entity, holder: holder, objects: [], opposites: [],
                          terms: [], actors: [:], cues: [], file: "(target)")
        let adhoc = Lexicon(lists: lexicon.lists, topics: [topic], speakers: lexicon.speakers, settings: lexicon.settings,
                            hash: lexicon.hash)
        return (StanceScorer(lexicon: adhoc), "target")
    }

    /// A CSV table with a text column gets `pred_stance, pred_score, pred_evidence` appended. The
    /// target is `target` for every row, or each row's `target` column when no target is given.
    public func classify(csv: String, textColumn: String, target: String?, profile: CSVProfile) throws -> CSVTable {
        let records = try CSVReader.table(csv, profile: profile)
        guard let textIndex = records.header.firstIndex(of: textColumn) else {
            throw ClassifyError.missingColumn(textColumn, records.header)
        }
        let targetIndex = records.header.firstIndex(of: "target")
        guard target != nil || targetIndex != nil else { throw ClassifyError.noTarget }
        let columns = records.header.map { CSVColumn.text($0) }
            + [.text("pred_stance"), .numeric("pred_score"), .text("pred_evidence")]
        var scorers: [String: (StanceScorer, String)] = [:]
        let rows: [[String]] = records.rows.map { row in
            let text = textIndex < row.count ? row[textIndex] : ""
            let rowTarget = target ?? (targetIndex.map { $0 < row.count ? row[$0] : "" } ?? "")
            if scorers[rowTarget] == nil { scorers[rowTarget] = scorer(for: rowTarget) }
            let (scorer, id) = scorers[rowTarget]!
            let stance = scorer.score(text: text, topicIDs: [id]).first
            return row + [stance?.label.rawValue ?? "NONE", Number.format(stance?.score ?? 0),
                          stance?.evidence.map(\.formatted).joined(separator: "; ") ?? ""]
        }
        return CSVTable(columns: columns, rows: rows)
    }

    public enum ClassifyError: Error, CustomStringConvertible {
        case missingColumn(String, [String])
        case noTarget

        public var description: String {
            switch self {
            case .missingColumn(let name, let header): "no column \"\(name)\" (the header has: \(header.joined(separator: ", ")))"
            case .noTarget: "no --target and no \"target\" column"
            }
        }
    }
}
