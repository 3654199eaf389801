import XCTest
import StanceCore
import StanceKit
import StanceTestSupport

/// `Reports/` holds what the README's main command writes for `samples/`. This test writes it
/// again (same lexicons, same pinned date as `scripts/run-sample.sh`) and fails when any committed
/// file differs: regenerate with `scripts/run-sample.sh` and commit the new report.
final class ReportsFolderTests: XCTestCase {
    /// `SOURCE_DATE_EPOCH` of `scripts/run-sample.sh`.
    static let pinnedDate = Date(timeIntervalSince1970: 1_795_910_400)

    func testCommittedReportsMatchARegeneration() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("stance-reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let analyzer = CorpusAnalyzer(lexicon: Fixtures.shippedLexicon)
        let outcome = try analyzer.analyze(path: Fixtures.root.appendingPathComponent("samples").path, date: Self.pinnedDate)
        XCTAssertTrue(outcome.failures.isEmpty)
        try OutputWriter(directory: out).write(outcome.result)

        let committed = Fixtures.root.appendingPathComponent("Reports")
        let written = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { !$0.hasSuffix("/") }.sorted()
        XCTAssertTrue(written.contains("report.md"))
        for file in written {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            let fresh = try Data(contentsOf: out.appendingPathComponent(file))
            let old = try? Data(contentsOf: committed.appendingPathComponent(file))
            XCTAssertEqual(old, fresh, "Reports/\(file) is out of date: run scripts/run-sample.sh and commit it")
        }
    }
}
