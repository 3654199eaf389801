import StanceCore
@testable import StanceReports
import XCTest

/// Every format rendered from the hand-built result and compared byte for byte with its golden file.
final class GoldenTests: XCTestCase {
    let result = SampleResult.result

    func testEveryTableInBothProfiles() {
        for format in TableFormat.all {
            for profile in CSVProfile.allCases {
                GoldenFile.assertMatches(format.render(result, profile: profile), "\(profile.rawValue)/\(format.fileName)")
            }
        }
    }

    func testPositionsBySource() {
        for profile in CSVProfile.allCases {
            let format = TableFormat.positions(by: .source)
            GoldenFile.assertMatches(format.render(result, profile: profile), "\(profile.rawValue)/\(format.fileName)")
        }
    }

    func testJSONLines() {
        let errors = [ErrorRecord(document: "broken.txt", message: "not valid UTF-8 at byte 12")]
        GoldenFile.assertMatches(JSONLines.render(result, errors: errors), "statements.jsonl")
    }

    func testMarkdownReport() {
        GoldenFile.assertMatches(MarkdownReport.render(result), "report.md")
    }

    func testChartPerTopic() {
        for topic in result.topics {
            GoldenFile.assertMatches(PositionChart.render(topic: topic, positions: result.positions),
                                     PositionChart.relativePath(for: topic.id))
        }
    }

    /// Rows are sorted by the formats, not taken in input order: the same result with every list
    /// reversed renders to the same bytes.
    func testOutputDoesNotDependOnInputOrder() {
        let reversed = SampleResult.reversed
        for format in TableFormat.all + [TableFormat.positions(by: .source)] {
            for profile in CSVProfile.allCases {
                XCTAssertEqual(format.render(result, profile: profile), format.render(reversed, profile: profile), format.fileName)
            }
        }
        XCTAssertEqual(JSONLines.render(result), JSONLines.render(reversed))
        XCTAssertEqual(MarkdownReport.render(result), MarkdownReport.render(reversed))
        for topic in result.topics {
            XCTAssertEqual(PositionChart.render(topic: topic, positions: result.positions),
                           PositionChart.render(topic: topic, positions: reversed.positions))
        }
    }
}
