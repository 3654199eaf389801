import Foundation
import StanceCore
import StanceKit

/// The scoring of `shared/tools/check_sample.py`, in Swift, over a `CorpusResult` and the gold
/// files copied into `Tests/Fixtures/gold`, with the matching rules of `GoldMatching` (StanceKit):
/// a gold statement is found when a predicted statement of the same document covers at least half
/// of it and is at most 600 scalars longer; its speaker is right when the last words of the names
/// agree after folding; a predicted statement is correct when it overlaps a gold one by half of the shorter.
public struct GoldChecker {
    public let statements: [GoldStatement]
    public let positions: [(topic: String, speaker: String, stance: String)]

    public init(set: String) {
        guard case .statements(let gold) = try? GoldFile.read(path: Fixtures.url("gold/\(set)-statements.jsonl").path) else {
            fatalError("gold/\(set)-statements.jsonl does not read as statements gold")
        }
        statements = gold
        let csv = (try? String(contentsOf: Fixtures.url("gold/\(set)-positions.csv"), encoding: .utf8)) ?? ""
        positions = csv.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return (f[0], f[1], f[2])
        }
    }

    public static func lastWord(_ name: String) -> String { GoldMatching.lastWord(name) }

    static func overlap(_ a: TextRange, _ b: TextRange) -> Int { GoldMatching.overlap(a, b) }

    /// The predicted statements that cover a gold one (the matching rules live in StanceKit's `GoldMatching`).
    public func covering(_ gold: GoldStatement, in result: CorpusResult) -> [Statement] {
        result.statements.filter { s in
            GoldMatching.fileName(s.documentID) == gold.document && GoldMatching.covers(s.range, gold.range)
        }
    }

    public struct Report: CustomStringConvertible {
        public var found = 0, speakerRight = 0, predicted = 0, correct = 0
        public var problems: [String] = []
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var description: String {
            "found \(found), speaker right \(speakerRight), predicted \(predicted), precision \(String(format: "%.3f", precision)); "
                + problems.prefix(8).joined(separator: "; ")
        }
    }

    public func checkStatements(_ result: CorpusResult) -> Report {
        var report = Report()
        for gold in statements {
            let candidates = covering(gold, in: result)
            guard let best = candidates.max(by: { Self.overlap($0.range, gold.range) < Self.overlap($1.range, gold.range) }) else {
                report.problems.append("missed: \(gold.text.prefix(50))")
                continue
            }
            report.found += 1
            if Self.lastWord(best.speaker) == Self.lastWord(gold.speaker) {
                report.speakerRight += 1
            } else {
                report.problems.append("speaker \(best.speaker) for \(gold.text.prefix(40)) (gold \(gold.speaker))")
            }
        }
        report.predicted = result.statements.count
        report.correct = result.statements.filter { s in
            statements.contains { g in GoldMatching.fileName(s.documentID) == g.document && GoldMatching.isCorrect(s.range, against: g.range) }
        }.count
        return report
    }

    /// Gold statements with a topic and stance whose covering statement got that stance.
    public func checkStances(_ result: CorpusResult) -> (right: Int, labelled: Int, wrong: [String]) {
        let labelled = statements.filter { $0.stance != nil && $0.topic != nil }
        var wrong: [String] = []
        var right = 0
        for gold in labelled {
            let ids = Set(covering(gold, in: result).map(\.id))
            let got = result.stances.filter { ids.contains($0.statementID) && $0.topic == gold.topic }.map(\.label.rawValue)
            if got.contains(gold.stance!.rawValue) { right += 1 } else { wrong.append("\(gold.topic!) \(gold.stance!.rawValue): got \(got) for \(gold.text.prefix(40))") }
        }
        return (right, labelled.count, wrong)
    }

    /// Gold positions that do not hold.
    public func wrongPositions(_ result: CorpusResult) -> [String] {
        positions.compactMap { gold in
            let have = result.positions.first { $0.group == nil && $0.topic == gold.topic && Self.lastWord($0.speaker) == Self.lastWord(gold.speaker) }
            return have?.label.rawValue == gold.stance ? nil : "\(gold.topic) \(gold.speaker): \(have?.label.rawValue ?? "none") (gold \(gold.stance))"
        }
    }
}
