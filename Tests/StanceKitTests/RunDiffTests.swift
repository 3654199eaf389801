import XCTest
import StanceCore
import StanceKit
import StanceStore
import StanceTestSupport

/// `stance diff` between two stored runs, run selection, and the exit codes of `stance evaluate`
/// and `stance diff` through the binary.
final class RunDiffTests: XCTestCase {
    static let date = Date(timeIntervalSince1970: 1_795_910_400)
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The sample analysed into a database twice: with the shipped lexicons, then without the
    /// predicate "interested in" (a line in the middle of its file, so every later line moves up).
    func twoRuns() throws -> (db: URL, lexicons: URL, removedLine: Int) {
        let fm = FileManager.default
        let lexicons = folder.appendingPathComponent("lexicons")
        try fm.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: lexicons)
        let corpus = folder.appendingPathComponent("corpus")
        try fm.createDirectory(at: corpus, withIntermediateDirectories: true)
        try fm.copyItem(at: Fixtures.url("corpus/sample/shoigu-baku-visit.txt"), to: corpus.appendingPathComponent("shoigu-baku-visit.txt"))
        let db = folder.appendingPathComponent("stance.sqlite")
        func analyze() throws {
            let store = try CorpusStore(path: db.path)
            defer { try? store.close() }
            try IncrementalAnalyzer(analyzer: CorpusAnalyzer(lexicon: Fixtures.load(lexicons)), store: store,
                                    lexiconFiles: try LexiconFiles.read(directory: lexicons)).analyze(path: corpus.path, date: Self.date)
        }
        try analyze()
        let predicates = lexicons.appendingPathComponent("stance/predicates.tsv")
        var lines = try String(contentsOf: predicates, encoding: .utf8).components(separatedBy: "\n")
        let index = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("interested in\t") })
        lines.remove(at: index)
        try lines.joined(separator: "\n").write(to: predicates, atomically: true, encoding: .utf8)
        try analyze()
        return (db, lexicons, index + 1)
    }

    func testRemovedStanceEntryIsTheCauseOfTheChange() throws {
        let (db, _, removedLine) = try twoRuns()
        let store = try CorpusStore(path: db.path)
        defer { try? store.close() }
        let runs = try store.runs()
        XCTAssertEqual(runs.count, 2)
        let diff = try RunDiff.between(try RunSelector.resolve("previous", in: runs), try RunSelector.resolve("latest", in: runs), store: store)
        XCTAssertEqual(diff.runA.runID, runs[1].runID)

        // One entry changed, although every later line of the file moved.
        XCTAssertEqual(diff.entryChanges.count, 1, "\(diff.entryChanges.map(\.summary))")
        let removed = try XCTUnwrap(diff.entryChanges.first)
        XCTAssertEqual(removed.kind, .removed)
        XCTAssertEqual(removed.entry.entry.term, "interested in")
        XCTAssertEqual(removed.before?.place, "stance/predicates.tsv:\(removedLine)")
        XCTAssertEqual(diff.settingChanges, [])

        let change = try XCTUnwrap(diff.stanceChanges.first { $0.statement?.text.hasPrefix("Moscow is not interested") == true })
        XCTAssertEqual(change.topic, "russia-peace")
        XCTAssertEqual(change.before?.label, .against)
        XCTAssertNotEqual(change.after?.label, .against)
        XCTAssertEqual(change.causes.map(\.entry.entry.term), ["interested in"])
        XCTAssertEqual(change.statement?.speaker, "Arif Mammadov")
        for other in diff.stanceChanges {
            XCTAssertFalse(other.causes.isEmpty && other.otherCauses.isEmpty, "a change without a reason: \(other.statementID)")
        }
        XCTAssert(diff.statementsOnlyInA.isEmpty && diff.statementsOnlyInB.isEmpty, "stance entries do not change statements")
        let position = try XCTUnwrap(diff.positionChanges.first { $0.topic == "russia-peace" && $0.speaker == "Arif Mammadov" })
        XCTAssertEqual(position.before?.label, .against)

        XCTAssert(diff.text.contains("removed stance/predicates.tsv:\(removedLine) \"interested in\""), diff.text)
        XCTAssert(diff.text.contains("because: removed stance/predicates.tsv:\(removedLine)"), diff.text)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(diff.json.utf8)) as? [String: Any])
        XCTAssertEqual((json["entries"] as? [[String: Any]])?.first?["change"] as? String, "removed")

        // The other way round, the entry is added.
        let back = try RunDiff.between(runs[0], runs[1], store: store)
        XCTAssertEqual(back.entryChanges.map(\.kind), [.added])
        XCTAssertEqual(back.stanceChanges.count, diff.stanceChanges.count)
    }

    func testRunSelection() throws {
        let (db, _, _) = try twoRuns()
        let store = try CorpusStore(path: db.path)
        defer { try? store.close() }
        let runs = try store.runs()
        let (newest, older) = (runs[0].runID, runs[1].runID)
        let cases: [(String, String?)] = [
            ("latest", newest), ("previous", older), (newest, newest), (String(older.prefix(7)), older),
            (String(older.dropFirst(2).prefix(6)), older), ("r-", nil), ("zzz", nil),
        ]
        for (spec, expected) in cases {
            if let expected {
                XCTAssertEqual(try RunSelector.resolve(spec, in: runs).runID, expected, spec)
            } else {
                XCTAssertThrowsError(try RunSelector.resolve(spec, in: runs), spec)
            }
        }
        XCTAssertThrowsError(try RunSelector.resolve("previous", in: Array(runs.prefix(1)))) { error in
            XCTAssertEqual(error as? RunSelector.Failure, .notEnoughRuns("previous", 1))
        }
        XCTAssertThrowsError(try RunSelector.resolve("r-", in: runs)) { error in
            XCTAssert("\(error)".contains("names several runs"), "\(error)")
        }
    }

    // MARK: - The binary

    func testExitCodesOfEvaluateAndDiff() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let (db, lexicons, removedLine) = try twoRuns()
        let bad = folder.appendingPathComponent("bad.jsonl")
        try Data(#"{"document": "a.txt", "speaker": "A", "start": 0, "end": 5}"#.appending("\n{\"document\": 3}\n").utf8).write(to: bad)
        let rows = Fixtures.url("eval/stance-rows.csv").path
        let statementsGold = Fixtures.url("gold/sample-statements.jsonl").path
        let corpus = folder.appendingPathComponent("corpus").path
        // The shipped set (the copy in `lexicons` lacks "interested in" since the second run).
        let shipped = Fixtures.root.appendingPathComponent("Lexicons").path
        let cases: [(arguments: [String], status: Int32, stdout: String?, stderr: String?)] = [
            (["evaluate"], 64, nil, "--gold"),
            (["evaluate", "--gold", bad.path, corpus], 2, nil, "bad.jsonl:2: missing \"start\""),
            (["evaluate", "--gold", folder.appendingPathComponent("none.csv").path], 2, nil, "none.csv:1: no such file"),
            (["evaluate", "--gold", rows, corpus, "--lexicons", lexicons.path], 64, nil, "without PATH"),
            (["evaluate", "--gold", rows, "--errors", "-1"], 64, nil, "--errors"),
            // Errors in the predictions are a score, not a failure.
            (["evaluate", "--gold", rows, "--lexicons", shipped], 0, "Errors: 1 (1 stance)", nil),
            (["evaluate", "--gold", statementsGold, "--db", db.path], 0, "Attribution: 24 gold statements, 24 found", nil),
            (["evaluate", "--gold", statementsGold, "--db", folder.appendingPathComponent("none.sqlite").path], 2, nil, "no such database"),
            (["diff", "--db", db.path], 0, "removed stance/predicates.tsv:\(removedLine) \"interested in\"", nil),
            (["diff", "nope", "latest", "--db", db.path], 2, nil, "no run \"nope\""),
            (["diff", "--db", folder.appendingPathComponent("none.sqlite").path], 2, nil, "no such database"),
            (["diff", "a", "b", "c"], 64, nil, nil),
        ]
        for c in cases {
            let run = try BadInputTests.run(binary, c.arguments, in: folder)
            let label = c.arguments.joined(separator: " ")
            XCTAssertEqual(run.status, c.status, "\(label)\n\(run.stderr)")
            if let out = c.stdout { XCTAssert(run.stdout.contains(out), "\(label): \(run.stdout)") }
            if let err = c.stderr { XCTAssert(run.stderr.contains(err), "\(label): \(run.stderr)") }
        }
        let json = try BadInputTests.run(binary, ["evaluate", "--gold", rows, "--lexicons", shipped, "--format", "json", "--ablate"], in: folder)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.stdout)
        XCTAssertEqual(object["kind"] as? String, "rows")
        XCTAssertEqual(object["error_count"] as? Int, 1)
        XCTAssertFalse(((object["ablation"] as? [Any]) ?? []).isEmpty)
    }
}
