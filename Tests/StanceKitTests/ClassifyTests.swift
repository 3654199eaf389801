import XCTest
import StanceCore
import StanceKit
import StanceReports
import StanceTestSupport

/// `stance classify`: free text and spreadsheet rows toward a topic or an entity.
final class ClassifyTests: XCTestCase {
    let classifier = Classifier(lexicon: Fixtures.shippedLexicon)

    func testTopicTargets() {
        let rows: [(String, String, StanceLabel)] = [
            ("Moscow is not interested in the signing of a peace agreement", "russia-peace", .against),
            ("Peace in the South Caucasus is within Russia's interests", "russia-peace", .favor),
            ("Russia does not want a war in another geography", "russia-peace", .favor),
            ("The weather in Baku was warm", "russia-peace", .none),
        ]
        for (text, target, expected) in rows {
            XCTAssertEqual(classifier.classify(text, target: target).stance, expected, text)
        }
    }

    func testEntityTargetsByName() {
        XCTAssertEqual(classifier.classify("Mayor Ellison has done a superb job.", target: "Dana Ellison").stance, .favor)
        XCTAssertEqual(classifier.classify("Ellison's handling of the flood was a disaster.", target: "Dana Ellison").stance, .against)
        XCTAssertEqual(classifier.classify("The weather was fine.", target: "Dana Ellison").stance, .none)
    }

    func testCSVRowsGetThreeColumnsAndKeepTheirOwn() throws {
        let csv = "id,text,target\nq1,\"Moscow is not interested in the signing of a peace agreement\",russia-peace\nq2,\"=cmd, not a formula\",russia-peace\n"
        let table = try classifier.classify(csv: csv, textColumn: "text", target: nil, profile: .plain)
        XCTAssertEqual(table.columns.map(\.name), ["id", "text", "target", "pred_stance", "pred_score", "pred_evidence"])
        XCTAssertEqual(table.rows[0][3], "AGAINST")
        XCTAssertEqual(table.rows[1][1], "=cmd, not a formula")
        // The excel profile guards the formula-like cell and nothing numeric.
        XCTAssert(table.render(.excel).contains("'=cmd, not a formula"))
        XCTAssertThrowsError(try classifier.classify(csv: csv, textColumn: "quote", target: nil, profile: .plain))
    }
}
