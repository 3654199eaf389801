import XCTest
import StanceCore
import StanceAnalysis
import StanceTestSupport

/// Positions are not plain sums; contrasts rank opposed pairs and flag disagreement the text states.
final class AggregationTests: XCTestCase {
    let aggregator = Aggregator(lexicon: Fixtures.shippedLexicon)
    let location = SourceLocation(file: "test", line: 1)

    func stance(_ id: String, _ score: Double, topic: String = "t", confidence: Double = 1) -> StatementStance {
        let label: StanceLabel = score > 0.15 ? .favor : score < -0.15 ? .against : .none
        return StatementStance(statementID: id, topic: topic, label: label, score: score, confidence: confidence,
                               evidence: [Evidence(rule: "test", location: location, contribution: score)])
    }

    func position(_ scores: [Double]) -> Position {
        let stances = scores.enumerated().map { stance("s\($0.offset)", $0.element) }
        let speakerOf = Dictionary(uniqueKeysWithValues: stances.map { ($0.statementID, "X") })
        return aggregator.positions(stances: stances, speakerOf: speakerOf)[0]
    }

    func testPositionTable() {
        let rows: [(String, [Double], StanceLabel, ClosedRange<Double>)] = [
            ("many weak statements do not saturate: ten at 0.3 stay near 0.3", Array(repeating: 0.3, count: 10), .favor, 0.29...0.31),
            ("one strong statement against several weak ones shows as MIXED, not vanishing", [-1.0, 0.3, 0.3, 0.3], .mixed, -1...1),
            ("two sides of equal weight are MIXED", [0.8, -0.8], .mixed, -1...1),
            ("a minority far weaker than the majority leaves the majority's side", [0.9, 0.9, 0.9, -0.2], .favor, 0.5...1),
            ("statements with no side give a NONE position", [0, 0], .none, 0...0),
            ("one clear statement against", [-0.7], .against, -0.71...(-0.69)),
        ]
        for (reason, scores, label, range) in rows {
            let p = position(scores)
            XCTAssertEqual(p.label, label, reason)
            XCTAssert(range.contains(p.score), "\(reason): score \(p.score)")
        }
    }

    func testContrastsAreRankedAndExplicitDisagreementRaisesThem() {
        let positions = [
            Position(topic: "t", speaker: "A", label: .favor, score: 0.8, confidence: 0.8, statements: 2, favorStatements: 2, againstStatements: 0, strongestStatementID: nil),
            Position(topic: "t", speaker: "B", label: .against, score: -0.8, confidence: 0.8, statements: 2, favorStatements: 0, againstStatements: 2, strongestStatementID: nil),
            Position(topic: "t", speaker: "C", label: .against, score: -0.8, confidence: 0.8, statements: 2, favorStatements: 0, againstStatements: 2, strongestStatementID: nil),
        ]
        let (contrasts, allies) = aggregator.pairs(positions, disagreements: [("C", "A")])
        XCTAssertEqual(contrasts.map(\.speakerB), ["C", "B"], "the explicit disagreement ranks first")
        XCTAssertEqual(contrasts.map(\.explicitDisagreement), [true, false])
        XCTAssertGreaterThan(contrasts[0].strength, contrasts[1].strength)
        XCTAssert(contrasts.allSatisfy { $0.speakerA == "A" && $0.stanceA == .favor && $0.stanceB == .against })
        XCTAssertEqual(allies.map { "\($0.speakerA)+\($0.speakerB)" }, ["B+C"])
    }
}
