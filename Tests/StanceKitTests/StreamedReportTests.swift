import XCTest
import StanceCore
import StanceKit
import StanceReports
import StanceStore
import StanceTestSupport

/// A report opened streamed (`StoredReport.open`: statements and stances read row by row from the
/// database) writes the same bytes as the report read whole (`StoredReport.load`): every table,
/// chart and `report.md`, near-duplicate copies included; with a correction, `open` reads it whole.
final class StreamedReportTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-streamed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func writeBoth(_ db: URL, groupings: [PositionGrouping] = []) throws -> (whole: URL, streamed: URL, isStreamed: Bool) {
        let store = try CorpusStore(path: db.path)
        defer { try? store.close() }
        let whole = folder.appendingPathComponent("whole-\(UUID().uuidString)")
        let streamed = folder.appendingPathComponent("streamed-\(UUID().uuidString)")
        let loaded = try XCTUnwrap(StoredReport.load(store: store))
        XCTAssertFalse(loaded.isStreamed)
        let opened = try XCTUnwrap(StoredReport.open(store: store))
        let wholeFiles = try OutputWriter(directory: whole, profile: .excel, groupings: groupings).write(loaded)
        let streamedFiles = try OutputWriter(directory: streamed, profile: .excel, groupings: groupings).write(opened)
        XCTAssertEqual(streamedFiles, wholeFiles, "the same files, in the same order")
        XCTAssertEqual(opened.statementCount, try loaded.result.statements.count)
        XCTAssertEqual(opened.stanceCount, try loaded.result.stances.count)
        for file in wholeFiles {
            XCTAssertEqual(try Data(contentsOf: streamed.appendingPathComponent(file)), try Data(contentsOf: whole.appendingPathComponent(file)),
                           "\(file) streamed")
        }
        return (whole, streamed, opened.isStreamed)
    }

    func testAStreamedReportWritesTheSameFiles() throws {
        // The toll articles and the sample, one toll article again as a wire copy (one word edited).
        let fm = FileManager.default
        let corpus = folder.appendingPathComponent("corpus")
        try fm.createDirectory(at: corpus.appendingPathComponent("wire"), withIntermediateDirectories: true)
        for file in ["corpus/dev/toll-debate-1.txt", "corpus/dev/toll-debate-2.txt", "corpus/sample/shoigu-baku-visit.txt"] {
            try fm.copyItem(at: Fixtures.url(file), to: corpus.appendingPathComponent((file as NSString).lastPathComponent))
        }
        let original = try String(contentsOf: corpus.appendingPathComponent("toll-debate-1.txt"), encoding: .utf8)
        try original.replacingOccurrences(of: "on Monday", with: "on Tuesday")
            .write(to: corpus.appendingPathComponent("wire/toll-debate-1-copy.txt"), atomically: true, encoding: .utf8)
        // The shipped lexicons with the fixture topics, so the toll articles have stances.
        let lexicons = folder.appendingPathComponent("lexicons")
        try fm.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: lexicons)
        try fm.removeItem(at: lexicons.appendingPathComponent("topics"))
        try fm.copyItem(at: Fixtures.url("topics"), to: lexicons.appendingPathComponent("topics"))

        let db = folder.appendingPathComponent("stance.sqlite")
        let analysisStore = try CorpusStore(path: db.path)
        let outcome = try IncrementalAnalyzer(analyzer: CorpusAnalyzer(lexicon: Fixtures.load(lexicons)), store: analysisStore,
                                              lexiconFiles: try LexiconFiles.read(directory: lexicons))
            .analyze(path: corpus.path, date: Date(timeIntervalSince1970: 1_795_910_400))
        try analysisStore.close()
        XCTAssertGreaterThan(try outcome.result.stances.count, 0)

        let (whole, _, isStreamed) = try writeBoth(db)
        XCTAssertTrue(isStreamed, "no correction: statements and stances stay in the database")
        XCTAssertTrue(try writeBoth(db, groupings: [.source, .month]).isStreamed, "--by reads the stances for its positions")
        let report = try String(contentsOf: whole.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("Near-duplicate articles"), "the copies are listed")

        // A correction: `open` reads the result whole, and the files are those of `load`.
        let store = try CorpusStore(path: db.path)
        let statement = try XCTUnwrap(try outcome.result.statements.first)
        try store.addCorrection(statementID: statement.id, .notAStatement)
        try store.close()
        XCTAssertFalse(try writeBoth(db).isStreamed)
    }
}
