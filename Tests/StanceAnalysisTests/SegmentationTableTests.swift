import XCTest
import StanceCore
import StanceAnalysis
import StanceTestSupport

/// The segmentation table (`Tests/Fixtures/cases/segmentation.jsonl`): sentences (abbreviations,
/// initials, decimals, sentences ending inside quotes) and quotations with their roles (straight,
/// curly, « », „ “, nested, multi-paragraph, unbalanced, scare quotes and titles).
final class SegmentationTableTests: XCTestCase {
    func testSegmentationTable() {
        let segmenter = Segmenter(lexicon: Fixtures.shippedLexicon)
        let cases = Fixtures.jsonLines("cases/segmentation.jsonl")
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        var failures: [String] = []
        for row in cases {
            let id = row["id"] as! String
            let document = Document(id: id, text: row["text"] as! String)
            let segmented = segmenter.segment(document)
            let sentences = segmented.sentences.map { document.text(in: $0.range) }
            let expectedSentences = row["sentences"] as! [String]
            if sentences != expectedSentences {
                failures.append("\(id): sentences \(sentences) expected \(expectedSentences)")
            }
            let quotations = segmented.quotations.map { (document.text(in: $0.inner), $0.role.rawValue) }
            let expectedQuotations = (row["quotations"] as! [[String: String]]).map { ($0["text"]!, $0["role"]!) }
            if quotations.map(\.0) != expectedQuotations.map(\.0) || quotations.map(\.1) != expectedQuotations.map(\.1) {
                failures.append("\(id): quotations \(quotations) expected \(expectedQuotations)")
            }
        }
        for failure in failures { print("  " + failure) }
        XCTAssert(failures.isEmpty, "\(failures.count) of \(cases.count) segmentation cases fail (listed above)")
    }
}
