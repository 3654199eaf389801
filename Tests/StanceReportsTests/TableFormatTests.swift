import StanceCore
@testable import StanceReports
import XCTest

/// The registry holds every table of the output contract once, with the contract's columns in order.
final class TableFormatTests: XCTestCase {
    /// Copied from the output contract (docs: output-contract.md, "Files written by stance analyze").
    let contract: [(String, [String])] = [
        ("statements.csv", ["statement_id", "document", "paragraph", "start", "end", "speaker", "speaker_mention", "kind",
                            "cue", "text", "run_id", "lexicon_hash"]),
        ("stances.csv", ["statement_id", "topic", "stance", "score", "confidence", "evidence", "run_id", "lexicon_hash"]),
        ("positions.csv", ["topic", "speaker", "stance", "score", "confidence", "statements", "favor_statements",
                           "against_statements", "strongest_statement_id", "run_id", "lexicon_hash"]),
        ("contrasts.csv", ["topic", "speaker_a", "stance_a", "speaker_b", "stance_b", "strength", "explicit_disagreement",
                           "run_id", "lexicon_hash"]),
        ("speakers.csv", ["speaker_id", "speaker", "aliases", "roles", "affiliation", "statements", "documents", "links",
                          "run_id", "lexicon_hash"]),
        ("allies.csv", ["topic", "speaker_a", "speaker_b", "stance", "strength", "run_id", "lexicon_hash"]),
        ("matrix.csv", ["speaker", "russia-peace", "bridge-toll", "western-involvement", "run_id", "lexicon_hash"]),
    ]

    func testRegistryMatchesTheContract() {
        XCTAssertEqual(TableFormat.all.map(\.fileName), contract.map(\.0))
        for (format, (_, columns)) in zip(TableFormat.all, contract) {
            XCTAssertEqual(format.build(SampleResult.result).header, columns, format.fileName)
        }
        XCTAssertEqual(Set(TableFormat.all.map(\.name)).count, TableFormat.all.count, "names are unique")
    }

    func testGroupedPositionsPutTheGroupAfterTopic() {
        for grouping in PositionGrouping.allCases {
            let header = TableFormat.positions(by: grouping).build(SampleResult.result).header
            XCTAssertEqual(Array(header.prefix(3)), ["topic", grouping.rawValue, "speaker"])
        }
        XCTAssertEqual(TableFormat.positions(by: .month).fileName, "positions_by_month.csv")
    }

    func testLookUpByName() {
        XCTAssertEqual(TableFormat.named("statements")?.fileName, "statements.csv")
        XCTAssertEqual(TableFormat.named("matrix.csv")?.fileName, "matrix.csv")
        XCTAssertEqual(TableFormat.named("positions_by_source")?.fileName, "positions_by_source.csv")
        XCTAssertNil(TableFormat.named("report"))
    }

    /// Only numeric columns escape the formula guard, and only columns that hold numbers are numeric.
    func testNumericColumns() {
        let numeric = Set(["paragraph", "start", "end", "score", "confidence", "statements", "favor_statements",
                           "against_statements", "strength", "documents"])
        for format in TableFormat.all {
            let table = format.build(SampleResult.result)
            for (index, column) in table.columns.enumerated() {
                XCTAssertEqual(column.kind == .numeric, numeric.contains(column.name), "\(format.fileName) \(column.name)")
                if column.kind == .numeric {
                    for row in table.rows where !row[index].isEmpty {
                        XCTAssertNotNil(Double(row[index]), "\(format.fileName) \(column.name): \(row[index])")
                    }
                }
            }
        }
    }

    /// Rows sorted as the issue asks, whatever the input order.
    func testRowOrder() {
        let result = SampleResult.reversed
        let statements = Tables.statements(result).rows.map { [$0[1], $0[3]] }
        XCTAssertEqual(statements, statements.sorted { ($0[0], Int($0[1])!) < ($1[0], Int($1[1])!) })
        let contrasts = Tables.contrasts(result).rows.map { "\($0[0]) \($0[5])" }
        XCTAssertEqual(contrasts, ["bridge-toll 0.65", "bridge-toll 0.5", "russia-peace 0.71"])
        let positions = Tables.positions(result).rows.map { "\($0[0]) \($0[1])" }
        XCTAssertEqual(positions.first, "bridge-toll Jo Park")
        XCTAssertEqual(positions.last, "russia-peace Hikmat Babaoğlu")
        // Stances follow their statements, then topic.
        let stanceIDs = Tables.stances(result).rows.map { $0[0] }
        let statementIDs = Tables.statements(result).rows.map { $0[0] }
        XCTAssertEqual(stanceIDs.map { statementIDs.firstIndex(of: $0)! }, stanceIDs.map { statementIDs.firstIndex(of: $0)! }.sorted())
    }

    func testCellFormats() {
        let result = SampleResult.result
        let stances = Tables.stances(result)
        let scores = stances.rows.map { $0[3] }
        XCTAssertTrue(scores.contains("-0.244"), "at most 3 decimals")
        XCTAssertTrue(stances.rows.contains { $0[5] == "topic_cue@topics/bridge-toll.yaml:48=-0.60; booster@stance/boosters.tsv:3=-0.10" })
        XCTAssertTrue(Tables.contrasts(result).rows.allSatisfy { ["true", "false"].contains($0[6]) })
        XCTAssertTrue(Tables.speakers(result).rows.contains { $0[2] == "Arif Mammadov; Mammadov; the former ambassador" })
        XCTAssertTrue(Tables.positions(result).rows.contains { $0[1] == "Jo Park" && $0[8] == "" }, "missing value, empty cell")
        XCTAssertTrue(Tables.matrix(result).rows.contains { $0 == ["Jo Park", "", "FAVOR", "", result.run.runID, result.run.lexiconHash] })
    }
}
