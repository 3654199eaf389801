import Foundation
import GRDB
import StanceCore
@testable import StanceStore
import XCTest

final class CorpusStoreTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String = "stance.sqlite") -> String { folder.appendingPathComponent(name).path }

    /// A store holding the sample documents and one finished run of them.
    private func sampleStore(at path: String? = nil) throws -> (CorpusStore, CorpusResult) {
        let store = try CorpusStore(path: path ?? self.path())
        let analyses = SampleCorpus.analyses()
        let result = SampleCorpus.result(analyses)
        try store.beginRun(result.run)
        try store.saveDocuments(analyses, files: ["toll.txt": FileStamp(size: 99, mtime: 1_700_000_000.25)],
                                runID: result.run.runID)
        try store.finishRun(result, stats: RunStats(analysed: 2, reused: 0, failed: 1, durationSeconds: 0.5),
                            lexiconFiles: SampleCorpus.lexiconFiles)
        return (store, result)
    }

    private func assertEqual(_ loaded: CorpusResult?, _ expected: CorpusResult, file: StaticString = #filePath, line: UInt = #line) {
        guard let loaded else { return XCTFail("no result", file: file, line: line) }
        XCTAssertEqual(loaded.run, expected.run, file: file, line: line)
        XCTAssertEqual(loaded.topics, expected.topics, file: file, line: line)
        XCTAssertEqual(loaded.documents, expected.documents, file: file, line: line)
        XCTAssertEqual(loaded.statements, expected.statements, file: file, line: line)
        XCTAssertEqual(loaded.stances, expected.stances, file: file, line: line)
        XCTAssertEqual(loaded.speakers, expected.speakers, file: file, line: line)
        XCTAssertEqual(loaded.positions, expected.positions, file: file, line: line)
        XCTAssertEqual(loaded.contrasts, expected.contrasts, file: file, line: line)
        XCTAssertEqual(loaded.allies, expected.allies, file: file, line: line)
    }

    // MARK: - Round trip

    func testResultRoundTripsThroughANewConnection() throws {
        let (store, result) = try sampleStore()
        try store.close()
        let reopened = try CorpusStore(path: path())
        assertEqual(try reopened.loadResult(), result)
        assertEqual(try reopened.loadResult(runID: result.run.runID), result)
        XCTAssertEqual(try reopened.lexiconFiles(runID: result.run.runID), SampleCorpus.lexiconFiles)

        let run = try XCTUnwrap(try reopened.runs().first)
        XCTAssertEqual(run.info, result.run)
        XCTAssertTrue(run.isFinished)
        XCTAssertEqual([run.documents, run.statements, run.analysed, run.reused, run.failed], [2, 3, 2, 0, 1])
        XCTAssertEqual(run.durationSeconds, 0.5)
    }

    func testDocumentAnalysesRoundTripWithoutTheFiles() throws {
        let (store, result) = try sampleStore()
        let analyses = SampleCorpus.analyses()
        let loaded = try store.loadDocumentAnalyses(stancesFromRun: result.run.runID)
        XCTAssertEqual(loaded.map(\.document.id), analyses.map(\.document.id))
        for (stored, original) in zip(loaded, analyses) {
            let analysis = stored.analysis
            XCTAssertEqual(analysis.document.text, original.document.text)
            XCTAssertEqual(analysis.document.scalars, original.document.scalars)
            XCTAssertEqual([analysis.document.title, analysis.document.date, analysis.document.source, analysis.document.url],
                           [original.document.title, original.document.date, original.document.source, original.document.url])
            XCTAssertEqual(analysis.statements, original.statements)
            XCTAssertEqual(analysis.speakers, original.speakers)
            XCTAssertEqual(analysis.disagreements, original.disagreements)
            XCTAssertEqual(analysis.stances, result.stances.filter { stance in original.statements.contains { $0.id == stance.statementID } })
            XCTAssertEqual(stored.fingerprint, "00ff00ff00ff00ff")
            XCTAssertEqual(stored.state.contentHash, original.document.contentHash)
            XCTAssertEqual(stored.state.analysedAtRun, result.run.runID)
        }
        XCTAssertEqual(try store.documentState(id: "toll.txt")?.size, 99)
        XCTAssertEqual(try store.documentState(id: "toll.txt")?.mtime, 1_700_000_000.25)
        // Without a file stamp (JSONL input): the text's UTF-8 size and mtime 0.
        XCTAssertEqual(try store.documentState(id: "az/baku visit.txt")?.size, SampleCorpus.bakuText.utf8.count)
        XCTAssertEqual(try store.documentState(id: "az/baku visit.txt")?.mtime, 0)
        XCTAssertNil(try store.documentState(id: "nope.txt"))
        XCTAssertEqual(try store.loadDocumentAnalyses(ids: ["toll.txt", "nope.txt"]).map(\.document.id), ["toll.txt"])
        XCTAssertEqual(try store.loadDocumentAnalyses(ids: ["toll.txt"]).first?.stances, [])
    }

    func testAnEmptyDatabaseHasNoResult() throws {
        let store = try CorpusStore(path: path())
        XCTAssertNil(try store.loadResult())
        XCTAssertEqual(try store.runs(), [])
        XCTAssertThrowsError(try store.loadResult(runID: "r-nothere")) { error in
            XCTAssertEqual(error as? StoreError, .unknownRun(path: path(), runID: "r-nothere"))
        }
    }

    func testListColumnsWrittenByOtherJSONToolsAreRead() throws {
        let (store, _) = try sampleStore()
        // What SQLite's json functions or another tool may write: escapes, spaces, unknown keys.
        try DatabaseQueue(path: path()).write { db in
            try db.execute(sql: #"UPDATE doc_speakers SET aliases = ' [ "\ud83d\ude00 \u00e9\/\"" , "b" ] ' WHERE ord = 1"#)
            try db.execute(sql: #"""
                UPDATE stances SET evidence = '[{"rule":"r","file":"f","line":2,"column":1,"contribution":-1e-2,"later":[1,{"x":null}],"start":0,"end":3}]'
                WHERE ord = 2
                """#)
        }
        let speakers = try XCTUnwrap(try store.loadDocumentAnalyses(ids: ["az/baku visit.txt"]).first).speakers
        XCTAssertEqual(speakers[1].aliases, ["😀 é/\"", "b"])
        XCTAssertEqual(try store.loadResult()?.stances[2].evidence,
                       [Evidence(rule: "r", location: SourceLocation(file: "f", line: 2), contribution: -0.01, range: TextRange(0, 3))])
    }

    func testDamagedRowsGiveAClearError() throws {
        let (store, _) = try sampleStore()
        let queue = try DatabaseQueue(path: path())
        try queue.write { db in try db.execute(sql: "UPDATE stances SET evidence = '[{\"rule\":' WHERE ord = 0") }
        XCTAssertThrowsError(try store.loadResult()) { error in
            guard case .damaged(let where_, let detail)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(where_, path())
            XCTAssertTrue(detail.contains("[{\"rule\":"), detail)
        }
        try queue.write { db in try db.execute(sql: "UPDATE statements SET kind = 'shouted' WHERE ord = 0") }
        XCTAssertThrowsError(try store.loadDocumentAnalyses()) { error in
            XCTAssertEqual("\(error)", "\(path()): database is damaged: unknown value \"shouted\" in column statements.kind")
        }
    }

    // MARK: - Incremental runs

    func testResavingOneDocumentReanalysesOnlyIt() throws {
        let (store, _) = try sampleStore()
        let changed = SampleCorpus.analyses(bakuText: SampleCorpus.bakuText + "\n\nA ceasefire was mentioned.")
        try store.saveDocuments([changed[0]], runID: "r-000000000002")

        let states = Dictionary(uniqueKeysWithValues: try store.documentStates().map { ($0.id, $0) })
        XCTAssertEqual(states["az/baku visit.txt"]?.analysisCount, 2)
        XCTAssertEqual(states["az/baku visit.txt"]?.analysedAtRun, "r-000000000002")
        XCTAssertEqual(states["az/baku visit.txt"]?.contentHash, changed[0].document.contentHash)
        XCTAssertEqual(states["toll.txt"]?.analysisCount, 1)
        XCTAssertEqual(try store.allDocumentIDs(), ["az/baku visit.txt", "toll.txt"])

        let stored = try XCTUnwrap(try store.loadDocumentAnalyses(ids: ["az/baku visit.txt"]).first)
        XCTAssertEqual(stored.document.text, changed[0].document.text)
        XCTAssertNil(stored.fingerprint, "the old text's fingerprint must not stick to the new text")
        XCTAssertEqual(stored.statements, changed[0].statements)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    /// What decides which stored documents' run stances cannot be reused: a statement stored that the
    /// run does not hold (here: documents saved after the run, with ids sorting before, between and
    /// after the run's, and one with non-ASCII ids, compared by their bytes as SQLite orders them).
    func testDocumentsWithStatementsOutsideTheRun() throws {
        let (store, result) = try sampleStore()
        XCTAssertEqual(try store.documentsWithStatementsOutsideRun(runID: result.run.runID), [])
        var added = SampleCorpus.generated(count: 3, statementsPerDocument: 2)
        let text = "Ünal said the toll is fair. Ölmez said it is not."
        let umlauts = Document(id: "Ö/ü.txt", text: text)
        added.append(DocumentAnalysis(document: umlauts, paragraphs: [], sentences: [], quotations: [], statements: [
            Statement(documentID: umlauts.id, paragraph: 0, range: TextRange(0, 26), text: umlauts.text(in: TextRange(0, 26)),
                      kind: .indirect, speaker: "Ünal", speakerMention: "Ünal", speakerKind: .person, cue: "said",
                      rule: "reporting_verb", link: "name"),
        ]))
        try store.saveDocuments(added, runID: nil)
        XCTAssertEqual(try store.documentsWithStatementsOutsideRun(runID: result.run.runID),
                       Set(added.map(\.document.id)))
        XCTAssertEqual(try store.documentsWithStatementsOutsideRun(runID: "r-unknown"),
                       Set(added.map(\.document.id) + result.documents.map(\.id)))
    }

    func testReplacedStatementsLeaveTheSearchIndex() throws {
        let (store, _) = try sampleStore()
        var analysis = SampleCorpus.analyses()[1]
        analysis.statements = []
        try store.saveDocuments([analysis], runID: nil)
        XCTAssertEqual(try store.search("toll"), [])
        XCTAssertEqual(try store.search("peace").count, 1)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testFileStampsAndMissingDocuments() throws {
        let (store, _) = try sampleStore()
        try store.markMissing(["toll.txt"])
        XCTAssertEqual(try store.documentState(id: "toll.txt")?.missing, true)
        XCTAssertEqual(try store.documentState(id: "az/baku visit.txt")?.missing, false)
        XCTAssertEqual(try store.loadDocumentAnalyses().map(\.document.id), ["az/baku visit.txt"])
        XCTAssertEqual(try store.loadDocumentAnalyses(ids: ["toll.txt"]).first?.state.missing, true)
        XCTAssertEqual(try store.loadDocumentAnalyses(ids: ["toll.txt"]).first?.statements.count, 1, "rows are kept")

        try store.markPresent(["toll.txt"])
        XCTAssertEqual(try store.documentState(id: "toll.txt")?.missing, false)

        try store.markMissing(["toll.txt"])
        try store.updateFileStamps(["toll.txt": FileStamp(size: 100, mtime: 5)])
        let state = try XCTUnwrap(try store.documentState(id: "toll.txt"))
        XCTAssertEqual([state.size, Int(state.mtime), state.analysisCount], [100, 5, 1])
        XCTAssertFalse(state.missing)

        try store.markMissing(["toll.txt"])
        try store.saveDocuments([SampleCorpus.analyses()[1]], runID: nil)
        XCTAssertEqual(try store.documentState(id: "toll.txt")?.missing, false, "re-analysed means present")
    }

    // MARK: - Runs

    func testUnfinishedRunIsListedButNotLoaded() throws {
        let (store, result) = try sampleStore()
        let second = RunInfo(runID: "r-000000000002", lexiconHash: "lexhash-2", toolVersion: "0.1.0", analysisDate: "2024-10-02T00:00:00Z")
        try store.beginRun(second)
        XCTAssertEqual(try store.runs().map(\.runID), ["r-000000000002", result.run.runID])
        XCTAssertEqual(try store.runs().map(\.isFinished), [false, true])
        assertEqual(try store.loadResult(), result)
        XCTAssertThrowsError(try store.loadResult(runID: "r-000000000002"))
    }

    func testTheSameRunIDReplacesTheEarlierRun() throws {
        let (store, result) = try sampleStore()
        let other = SampleCorpus.result(SampleCorpus.analyses(), run: RunInfo(runID: "r-000000000002", lexiconHash: "x",
                                                                              toolVersion: "0.1.0", analysisDate: "d"))
        try store.finishRun(other, stats: RunStats(analysed: 0, reused: 2, failed: 0, durationSeconds: 1), lexiconFiles: [])
        try store.finishRun(result, stats: RunStats(analysed: 0, reused: 2, failed: 0, durationSeconds: 1), lexiconFiles: [])
        XCTAssertEqual(try store.runs().map(\.runID), [result.run.runID, "r-000000000002"])
        assertEqual(try store.loadResult(), result)
        XCTAssertEqual(try store.lexiconFiles(runID: result.run.runID), [])
    }

    func testPruneKeepsTheNewestRuns() throws {
        let store = try CorpusStore(path: path())
        let analyses = SampleCorpus.analyses()
        try store.saveDocuments(analyses, runID: nil)
        let ids = (1...4).map { "r-00000000000\($0)" }
        for id in ids {
            let run = RunInfo(runID: id, lexiconHash: "h", toolVersion: "0.1.0", analysisDate: "d")
            try store.finishRun(SampleCorpus.result(analyses, run: run), stats: RunStats(analysed: 2, reused: 0, failed: 0, durationSeconds: 0),
                                lexiconFiles: SampleCorpus.lexiconFiles)
        }
        XCTAssertEqual(try store.pruneRuns(keep: 2), [ids[1], ids[0]])
        XCTAssertEqual(try store.runs().map(\.runID), [ids[3], ids[2]])
        XCTAssertThrowsError(try store.loadResult(runID: ids[0]))
        XCTAssertEqual(try store.lexiconFiles(runID: ids[0]), [])
        XCTAssertEqual(try store.loadResult()?.run.runID, ids[3])
        XCTAssertEqual(try store.loadResult(runID: ids[2])?.stances.count, 3)
        XCTAssertEqual(try store.loadDocumentAnalyses().count, 2, "documents are not per run")

        let queue = try DatabaseQueue(path: path())
        let perRunRows = try queue.read { db in
            try ["run_topics", "run_documents", "run_statements", "stances", "speakers", "positions", "contrasts", "allies",
                 "run_lexicon_files"].map { try Int.fetchOne(db, sql: "SELECT count(DISTINCT run_id) FROM \($0)") }
        }
        XCTAssertEqual(perRunRows, Array(repeating: 2, count: 9))
        XCTAssertEqual(try store.pruneRuns(keep: 0).count, 2)
        XCTAssertNil(try store.loadResult())
    }

    // MARK: - Corrections

    func testCorrectionsPersistAcrossReopen() throws {
        let (store, result) = try sampleStore()
        let id = result.statements[0].id
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let first = try store.addCorrection(statementID: id, .speaker("Arif Mammadov"), at: date)
        try store.addCorrection(statementID: id, .stance(topic: "russia-peace", label: .favor), at: date)
        try store.addCorrection(statementID: result.statements[2].id, .notAStatement, at: date)
        let removed = try store.addCorrection(statementID: id, .notAStatement, at: date)
        XCTAssertTrue(try store.removeCorrection(id: removed.id))
        XCTAssertFalse(try store.removeCorrection(id: removed.id))
        // A re-analysis replaces the statement rows; corrections are kept.
        try store.saveDocuments(SampleCorpus.analyses(), runID: nil)
        try store.close()

        let corrections = try CorpusStore(path: path()).corrections()
        XCTAssertEqual(corrections.map(\.change), [.speaker("Arif Mammadov"), .stance(topic: "russia-peace", label: .favor), .notAStatement])
        XCTAssertEqual(corrections.map(\.statementID), [id, id, result.statements[2].id])
        XCTAssertEqual(corrections.first, first)
        XCTAssertEqual(first.createdAt, "2023-11-14T22:13:20Z")
    }

    // MARK: - Search

    func testSearchFindsWordsAndFilters() throws {
        let (store, result) = try sampleStore()
        let mammadov = result.statements[0].id, babaoglu = result.statements[1].id, whitfield = result.statements[2].id

        let hit = try XCTUnwrap(try store.search("interested").first)
        XCTAssertEqual(hit.statementID, mammadov)
        XCTAssertEqual(hit.speaker, "Arif Mammadov (ambassador)", "the canonical name of the newest run")
        XCTAssertEqual(hit.documentID, "az/baku visit.txt")
        XCTAssertEqual(hit.paragraph, 1)
        XCTAssertEqual(hit.range, result.statements[0].range)
        XCTAssertTrue(hit.snippet.contains("[interested]"), hit.snippet)
        XCTAssertEqual(hit.stances, [SearchStance(topic: "russia-peace", label: .against, score: -0.6000000000000001)])

        XCTAssertEqual(try store.search("BABAOGLU").map(\.statementID), [babaoglu], "speaker column, diacritics folded")
        XCTAssertEqual(try store.search("peace OR toll").count, 2, "FTS5 syntax")
        XCTAssertEqual(try store.search("toll pays-for \"itself").map(\.statementID), [whitfield], "invalid syntax: plain words")
        XCTAssertEqual(try store.search("nonexistentword"), [])
        XCTAssertEqual(try store.search("!!!"), [])

        XCTAssertEqual(try store.search("want OR interested", speaker: "mammadov").map(\.statementID), [mammadov])
        XCTAssertEqual(try store.search("want OR interested", speaker: "(ambassador)").map(\.statementID), [mammadov])
        XCTAssertEqual(try store.search("want OR interested", speaker: "hikmat babaoglu").map(\.statementID), [babaoglu])
        XCTAssertEqual(try store.search("want OR interested", stance: .favor).map(\.statementID), [babaoglu])
        XCTAssertEqual(try store.search("want OR interested", topic: "russia-peace").count, 2)
        XCTAssertEqual(try store.search("want OR interested", topic: "bridge-toll"), [])
        XCTAssertEqual(try store.search("want OR interested", topic: "russia-peace", stance: .against).map(\.statementID), [mammadov])
        XCTAssertEqual(try store.search("", topic: "bridge-toll").map(\.statementID), [whitfield], "blank query lists by filter")
        XCTAssertEqual(try store.search("", topic: "bridge-toll").first?.snippet, "The toll pays for itself,")
        XCTAssertEqual(try store.search("").count, 3)
        XCTAssertEqual(try store.search("", limit: 1).count, 1)
        XCTAssertEqual(try store.search("interested", highlight: ("<b>", "</b>")).first?.snippet.contains("<b>interested</b>"), true)
    }

    // MARK: - Refusing files that are not ours

    /// A database whose content is only in its WAL file, as a writer that was killed before the
    /// first checkpoint leaves it: copied while the writing connection is still open.
    private func walOnlyDatabase(at target: String, sql: String) throws {
        let source = path("source-\(UUID().uuidString).db")
        var configuration = Configuration()
        configuration.journalMode = .wal
        let queue = try DatabaseQueue(path: source, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: sql)
        }
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
        try queue.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: source + suffix) }
    }

    private func assertRefused(_ path: String, as expected: StoreError, sidecarsMayAppear: Bool = false,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertThrowsError(try CorpusStore(path: path, busyTimeout: 0.2), file: file, line: line) { error in
            XCTAssertEqual(error as? StoreError, expected, file: file, line: line)
            XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)", file: file, line: line)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "file modified", file: file, line: line)
        var filesAfter = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        if sidecarsMayAppear { filesAfter.removeAll { $0 == URL(fileURLWithPath: path).lastPathComponent + "-shm" } }
        XCTAssertEqual(filesAfter, filesBefore, "files created beside it", file: file, line: line)
    }

    func testRefusesATextFileUntouched() throws {
        let text = path("notes.txt")
        try Data("Column A,Column B\nnot a database at all, but long enough to hold a header of one hundred bytes....\n".utf8)
            .write(to: URL(fileURLWithPath: text))
        try assertRefused(text, as: .notADatabase(path: text))
        let short = path("short.txt")
        try Data("hi".utf8).write(to: URL(fileURLWithPath: short))
        try assertRefused(short, as: .notADatabase(path: short))
    }

    func testRefusesAnotherProgramsDatabaseUntouched() throws {
        let other = path("other.db")
        try DatabaseQueue(path: other).write { db in
            try db.execute(sql: "PRAGMA application_id = 42; CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        }
        try assertRefused(other, as: .foreignDatabase(path: other, applicationID: 42))

        // A WAL database is read through a read-only connection, which must not checkpoint or convert it.
        let wal = path("wal.db")
        var configuration = Configuration()
        configuration.journalMode = .wal
        try DatabaseQueue(path: wal, configuration: configuration).write { db in
            try db.execute(sql: "PRAGMA application_id = 7; CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        }
        try assertRefused(wal, as: .foreignDatabase(path: wal, applicationID: 7))

        // A writer that crashed before its first checkpoint: the tables are only in the WAL file.
        let crashed = path("crashed.db")
        try walOnlyDatabase(at: crashed, sql: "PRAGMA application_id = 9; CREATE TABLE t (x)")
        try assertRefused(crashed, as: .foreignDatabase(path: crashed, applicationID: 9), sidecarsMayAppear: true)

        let unmarked = path("unmarked.db")
        try DatabaseQueue(path: unmarked).write { db in try db.execute(sql: "CREATE TABLE documents (id TEXT)") }
        try assertRefused(unmarked, as: .foreignDatabase(path: unmarked, applicationID: 0))
    }

    func testRefusesANewerSchema() throws {
        let (store, _) = try sampleStore()
        try store.close()
        try DatabaseQueue(path: path()).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        XCTAssertThrowsError(try CorpusStore(path: path())) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: path(), unknownMigrations: ["v99"]))
        }
    }

    func testAdoptsAnEmptyFileOrEmptyDatabase() throws {
        for name in ["empty.sqlite", "blank.sqlite"] {
            if name == "empty.sqlite" {
                XCTAssertTrue(FileManager.default.createFile(atPath: path(name), contents: Data()))
            } else {
                try DatabaseQueue(path: path(name)).write { db in try db.execute(sql: "PRAGMA user_version = 7") }
            }
            let store = try CorpusStore(path: path(name))
            try store.saveDocuments(SampleCorpus.analyses(), runID: nil)
            try store.close()
            let applicationID = try DatabaseQueue(path: path(name)).read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
            XCTAssertEqual(applicationID, 0x5354_4E43)
            XCTAssertEqual(try CorpusStore(path: path(name)).allDocumentIDs().count, 2)
        }
    }

    func testReopensItsOwnDatabaseAfterACrashBeforeTheFirstCheckpoint() throws {
        let crashed = path("crashed.sqlite")
        try walOnlyDatabase(at: crashed, sql: "PRAGMA application_id = \(0x5354_4E43)")
        XCTAssertEqual(try CorpusStore(path: crashed).allDocumentIDs(), [])
    }

    func testATruncatedDatabaseIsReportedDamaged() throws {
        let (store, _) = try sampleStore()
        try store.close()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path() + "-wal")[.size] as? Int, 0, "checkpointed on close")
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path()))
        try handle.truncate(atOffset: 3 * 4096)
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path()))
        XCTAssertThrowsError(try CorpusStore(path: path()).loadResult()) { error in
            guard case .damaged? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".hasPrefix(path() + ": database is damaged"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path())), before)
    }

    func testAFolderOrAMissingParentCannotBeOpened() throws {
        XCTAssertThrowsError(try CorpusStore(path: folder.path)) { error in
            guard case .cannotOpen(let where_, _)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(where_, folder.path)
        }
        XCTAssertThrowsError(try CorpusStore(path: path("no/such/folder/stance.sqlite"))) { error in
            XCTAssertNotNil(error as? StoreError, "\(error)")
        }
    }

    // MARK: - Concurrency and reliability

    func testPragmasOfTheStore() throws {
        let (store, _) = try sampleStore()
        try store.close()
        let (journal, applicationID) = try DatabaseQueue(path: path()).read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int32.fetchOne(db, sql: "PRAGMA application_id"))
        }
        XCTAssertEqual(journal, "wal")
        XCTAssertEqual(applicationID, 0x5354_4E43)
        let migrations = try DatabaseQueue(path: path()).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        XCTAssertEqual(migrations, ["v1", "v2-outputs", "v3-bulk-writes"])
    }

    func testASecondWriterFailsCleanlyAfterTheTimeout() throws {
        let (store, _) = try sampleStore()
        try store.close()
        let impatient = try CorpusStore(path: path(), busyTimeout: 0.3)
        let other = try DatabaseQueue(path: path())
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let start = Date()
            XCTAssertThrowsError(try impatient.saveDocuments(SampleCorpus.analyses(), runID: nil)) { error in
                XCTAssertEqual(error as? StoreError, .locked(path: path(), timeout: 0.3))
                XCTAssertTrue("\(error)".contains("locked by another process"), "\(error)")
            }
            XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.25, "it waited")
            XCTAssertEqual(try impatient.loadDocumentAnalyses().count, 2, "readers are not blocked")
            try db.execute(sql: "ROLLBACK")
        }
        try impatient.saveDocuments(SampleCorpus.analyses(), runID: nil)
        XCTAssertEqual(try impatient.documentState(id: "toll.txt")?.analysisCount, 2)
        XCTAssertEqual(try impatient.integrityCheck(), "ok")
    }

    func testASecondWriterWaitsForTheLock() throws {
        let (store, _) = try sampleStore()
        let other = try DatabaseQueue(path: path())
        let locked = DispatchSemaphore(value: 0)
        let released = expectation(description: "lock released")
        DispatchQueue.global().async {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                Thread.sleep(forTimeInterval: 0.4)
                try db.execute(sql: "COMMIT")
            }
            released.fulfill()
        }
        locked.wait()
        try store.saveDocuments(SampleCorpus.analyses(), runID: nil)
        wait(for: [released], timeout: 5)
        XCTAssertEqual(try store.documentState(id: "toll.txt")?.analysisCount, 2)
    }

    func testIntegrityCheckOnAFilledDatabase() throws {
        let store = try CorpusStore(path: path())
        try store.saveDocuments(SampleCorpus.generated(count: 200, statementsPerDocument: 5), runID: nil)
        try store.saveDocuments(SampleCorpus.generated(count: 100, statementsPerDocument: 3), runID: nil)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(try store.search("continue", limit: 10_000).count, 100 * 3 + 100 * 5)
    }

    // MARK: - Upgrades and bulk writes

    /// A database written by the previous schema (v2) keeps every row and answers every query the
    /// same after the upgrade to v3 (per-run tables without rowid, the index's merge setting).
    func testAVersion2DatabaseUpgradesWithEveryRow() throws {
        let (current, result) = try sampleStore(at: path("current.sqlite"))
        let correction = try current.addCorrection(statementID: result.statements[0].id, .notAStatement)
        let searches = ["interested", "\"peace talks\"", "toll OR peace", ""]
        let expectedHits = try searches.map { try current.search($0) }
        try current.close()

        // The same rows in a database left at v2, as a release before v3 wrote it.
        let old = try DatabaseQueue(path: path())
        try Schema.migrator.migrate(old, upTo: "v2-outputs")
        try old.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS current", arguments: [path("current.sqlite")])
            try db.inTransaction {
                for table in ["documents", "document_text", "statements", "doc_speakers", "disagreements", "runs",
                              "run_lexicon_files", "run_topics", "run_documents", "run_statements", "stances", "speakers",
                              "positions", "contrasts", "allies", "corrections", "outputs"] {
                    try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM current.\(table)")
                }
                try db.execute(sql: "INSERT INTO statement_fts (statement_fts) VALUES ('rebuild')")
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE current")
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'stances'")?.contains("WITHOUT ROWID"), false)
        }
        try old.close()

        let upgraded = try CorpusStore(path: path())
        assertEqual(try upgraded.loadResult(), result)
        XCTAssertEqual(try searches.map { try upgraded.search($0) }, expectedHits)
        XCTAssertEqual(try upgraded.search("interested", topic: "russia-peace", stance: .against).count, 1)
        XCTAssertEqual(try upgraded.corrections(), [correction])
        XCTAssertEqual(try upgraded.integrityCheck(), "ok")
        let stored = try upgraded.loadDocumentAnalyses(stancesFromRun: result.run.runID)
        XCTAssertEqual(stored.flatMap(\.stances).sorted { $0.statementID < $1.statementID },
                       result.stances.sorted { $0.statementID < $1.statementID })
        try upgraded.close()

        try DatabaseQueue(path: path()).read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), ["v1", "v2-outputs", "v3-bulk-writes"])
            for table in ["run_statements", "stances"] {
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])
                XCTAssertEqual(sql?.contains("WITHOUT ROWID"), true, table)
            }
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM statement_fts_config WHERE k = 'automerge'"), 16)
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_key_check"), nil)
        }
        // Deleting a run still takes its rows in the rebuilt tables with it.
        let reopened = try CorpusStore(path: path())
        XCTAssertEqual(try reopened.pruneRuns(keep: 0), [result.run.runID])
        try DatabaseQueue(path: path()).read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM stances"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM run_statements"), 0)
        }
    }

    func testCommitScheduleDoublesUpToItsMaximum() {
        let cases: [(first: Int, maximum: Int, pending: [Int], commits: [Bool], limits: [Int])] = [
            (64, 256, [64, 64, 128, 192, 256, 256, 256], [true, false, true, false, true, true, true],
             [128, 128, 256, 256, 256, 256, 256]),
            (64, 64, [63, 64, 64], [false, true, true], [64, 64, 64]),
            (100, 50, [50, 49], [true, false], [50, 50]),
            (0, 0, [1, 1], [true, true], [1, 1]),
        ]
        var schedule = CommitSchedule(first: 64, maximum: 1024, maximumBytes: 1000)
        XCTAssertFalse(schedule.shouldCommit(pending: 10, bytes: 999))
        XCTAssertTrue(schedule.shouldCommit(pending: 10, bytes: 1000), "big texts commit before the count is reached")
        for (first, maximum, pending, commits, limits) in cases {
            var schedule = CommitSchedule(first: first, maximum: maximum)
            for (index, count) in pending.enumerated() {
                XCTAssertEqual(schedule.shouldCommit(pending: count), commits[index], "\(first)/\(maximum) at \(index)")
                XCTAssertEqual(schedule.limit, limits[index], "\(first)/\(maximum) at \(index)")
            }
        }
    }
}
