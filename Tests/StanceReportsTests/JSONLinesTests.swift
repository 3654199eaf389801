import Foundation
import StanceCore
@testable import StanceReports
import XCTest

final class JSONLinesTests: XCTestCase {
    let result = SampleResult.result

    func records() throws -> [[String: Any]] {
        let text = JSONLines.render(result, errors: [ErrorRecord(document: "broken.txt", message: "bad \"byte\"\n")])
        XCTAssertTrue(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    func testEveryLineIsAJSONObjectThatRoundTrips() throws {
        let all = try records()
        let statements = all.filter { $0["type"] as? String == "statement" }
        XCTAssertEqual(statements.count, result.statements.count)
        for statement in result.statements {
            let record = try XCTUnwrap(statements.first { $0["statement_id"] as? String == statement.id })
            XCTAssertEqual(record["text"] as? String, statement.text, "line breaks and quote marks survive")
            XCTAssertEqual(record["speaker"] as? String, statement.speaker)
            XCTAssertEqual(record["start"] as? Int, statement.range.start)
        }
        let babaoglu = try XCTUnwrap(statements.first { $0["statement_id"] as? String == SampleResult.s4.id })
        let stance = try XCTUnwrap((babaoglu["stances"] as? [[String: Any]])?.first)
        XCTAssertEqual(stance["score"] as? Double, 0.6)
        let evidence = try XCTUnwrap(stance["evidence"] as? [[String: Any]])
        XCTAssertEqual(evidence.first?["file"] as? String, "stance/negators.tsv")
        XCTAssertEqual(evidence.first?["line"] as? Int, 12)
        let error = try XCTUnwrap(all.first { $0["type"] as? String == "error" })
        XCTAssertEqual(error["message"] as? String, "bad \"byte\"\n")
    }

    /// A document record follows its document's statements, also for a document with none.
    func testDocumentRecordsCloseEachDocument() throws {
        let types = try records().map { "\($0["type"]!):\($0["document"]!)" }
        XCTAssertEqual(types, [
            "error:broken.txt",
            "statement:city/toll, debate|2024.txt", "statement:city/toll, debate|2024.txt",
            "statement:city/toll, debate|2024.txt", "document:city/toll, debate|2024.txt",
            "document:empty-notice.txt",
            "statement:shoigu-baku-visit.txt", "statement:shoigu-baku-visit.txt", "statement:shoigu-baku-visit.txt",
            "statement:shoigu-baku-visit.txt", "document:shoigu-baku-visit.txt",
        ])
        let empty = try XCTUnwrap(try records().first { $0["document"] as? String == "empty-notice.txt" })
        XCTAssertTrue(empty["title"] is NSNull, "a missing value is null")
    }

    /// Keys in the output contract's order: statement fields as in statements.csv, then stances.
    func testKeyOrder() {
        let line = JSONLines.statementRecord(SampleResult.s1, stances: [SampleResult.stances[0]], run: SampleResult.run)
        let keys = ["type", "statement_id", "document", "paragraph", "start", "end", "speaker", "speaker_mention", "kind",
                    "cue", "text", "run_id", "lexicon_hash", "stances", "topic", "stance", "score", "confidence", "evidence",
                    "rule", "file", "line", "contribution"]
        var position = line.startIndex
        for key in keys {
            guard let found = line.range(of: "\"\(key)\":", range: position..<line.endIndex) else {
                return XCTFail("\(key) missing or out of order in \(line)")
            }
            position = found.upperBound
        }
        let document = JSONLines.documentRecord(SampleResult.documents[0])
        XCTAssertTrue(document.hasPrefix("{\"type\":\"document\",\"document\":"))
        XCTAssertTrue(document.contains("\"content_hash\":"))
        XCTAssertTrue(document.hasSuffix("\"statements\":3}"))
    }

    func testStringEscaping() {
        let cases: [(String, String, String)] = [
            ("plain", "\"plain\"", "nothing to escape"),
            ("a\"b\\c", "\"a\\\"b\\\\c\"", "quote and backslash"),
            ("l1\nl2\r\tx", "\"l1\\nl2\\r\\tx\"", "line ends and tab"),
            ("\u{0}\u{1F}", "\"\\u0000\\u001f\"", "other control characters"),
            ("a\u{2028}b", "\"a\\u2028b\"", "line separator, a line break to JavaScript"),
            ("Babaoğlu 😀", "\"Babaoğlu 😀\"", "non-ASCII stays readable UTF-8"),
        ]
        for (input, expected, why) in cases {
            XCTAssertEqual(JSONLines.quoted(input), expected, why)
        }
    }

    func testNonFiniteNumbersAreNull() {
        let stance = StatementStance(statementID: "s-x", topic: "t", label: .none, score: .nan, confidence: .infinity, evidence: [])
        let line = JSONLines.statementRecord(SampleResult.s1, stances: [stance], run: SampleResult.run)
        XCTAssertTrue(line.contains("\"score\":null,\"confidence\":null"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
    }
}
