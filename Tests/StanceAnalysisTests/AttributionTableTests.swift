import XCTest
import StanceCore
import StanceAnalysis
import StanceTestSupport

/// The construction table (`Tests/Fixtures/cases/attribution.jsonl`): each row an article
/// fragment, the statements it must yield (speaker, kind, exact span) and, by omission, the
/// statements it must not yield. Written apart from the implementation, one family per construction.
final class AttributionTableTests: XCTestCase {
    struct Expected { let speaker: String; let kind: String; let text: String }

    func testConstructionTable() throws {
        let pipeline = Pipeline(lexicon: Fixtures.shippedLexicon)
        let cases = Fixtures.jsonLines("cases/attribution.jsonl")
        XCTAssertGreaterThanOrEqual(cases.count, 60)
        var expectedCount = 0, predictedCount = 0, found = 0, speakerRight = 0, exact = 0
        var failures: [String] = []
        for row in cases {
            let id = row["id"] as! String
            let text = row["text"] as! String
            let expected = (row["statements"] as! [[String: String]]).map { Expected(speaker: $0["speaker"]!, kind: $0["kind"]!, text: $0["text"]!) }
            let statements = pipeline.analyze(Document(id: id, text: text)).statements
            expectedCount += expected.count
            predictedCount += statements.count
            var problems: [String] = []
            for e in expected {
                guard let s = statements.first(where: { $0.text == e.text }) ?? statements.first(where: { $0.text.contains(e.text) || e.text.contains($0.text) }) else {
                    problems.append("missed \(e.kind) \"\(e.text.prefix(60))\" (\(e.speaker))")
                    continue
                }
                found += 1
                if Fixtures.sameSpeaker(s.speaker, e.speaker) { speakerRight += 1 } else {
                    problems.append("speaker \"\(s.speaker)\" for \"\(e.text.prefix(40))\" (expected \(e.speaker))")
                }
                if s.text == e.text && s.kind.rawValue == e.kind { exact += 1 } else {
                    problems.append("span/kind \(s.kind.rawValue) \"\(s.text.prefix(70))\" expected \(e.kind) \"\(e.text.prefix(70))\"")
                }
            }
            for s in statements where !expected.contains(where: { $0.text == s.text || $0.text.contains(s.text) || s.text.contains($0.text) }) {
                problems.append("extra \(s.kind.rawValue) \"\(s.text.prefix(60))\" (\(s.speaker))")
            }
            if !problems.isEmpty { failures.append("\(id) [\(row["family"] as! String)]: " + problems.joined(separator: "; ")) }
        }
        let precision = predictedCount == 0 ? 0 : Double(found) / Double(predictedCount)
        let recall = expectedCount == 0 ? 0 : Double(found) / Double(expectedCount)
        print("attribution table: \(cases.count) cases, \(expectedCount) statements; recall \(String(format: "%.3f", recall)), "
              + "precision \(String(format: "%.3f", precision)), speaker right \(speakerRight)/\(found), exact span+kind \(exact)/\(found)")
        for failure in failures { print("  " + failure) }
        XCTAssert(failures.isEmpty, "\(failures.count) of \(cases.count) attribution cases fail (listed above)")
    }
}
