import XCTest
import StanceCore
import StanceAnalysis
import StanceKit
import StanceReports
import StanceStore
import StanceTestSupport

/// Past one machine (issue 13): `--shard K/N`, `stance analyze --stdin-jsonl` and `stance merge`
/// give what one run over the whole corpus gives; Ctrl-C stops cleanly and a re-run resumes.
final class ShardMergeTests: XCTestCase {
    static let date = Date(timeIntervalSince1970: 1_795_910_400)
    static let outputs = ["statements.csv", "stances.csv", "positions.csv", "contrasts.csv", "speakers.csv", "allies.csv",
                          "matrix.csv", "report.md"]
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-shard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - Helpers

    /// The shipped lexicons with the fixture topics (the toll articles and the stance cases get stances).
    func lexiconFolder() throws -> URL {
        let lexicons = folder.appendingPathComponent("lexicons")
        if FileManager.default.fileExists(atPath: lexicons.path) { return lexicons }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: lexicons)
        try FileManager.default.removeItem(at: lexicons.appendingPathComponent("topics"))
        try FileManager.default.copyItem(at: Fixtures.url("topics"), to: lexicons.appendingPathComponent("topics"))
        return lexicons
    }

    /// Articles as JSON Lines: the fixture articles, a near-duplicate of one (new headline), an article
    /// without statements, and the short articles of the attribution and stance tables.
    func articleLines() throws -> [String] {
        var lines: [String] = []
        func add(_ id: String, _ text: String, source: String? = nil, date: String? = nil) {
            var object = JSONObject()
            object.string("id", id)
            object.string("text", text)
            if let source { object.string("source", source) }
            if let date { object.string("date", date) }
            lines.append(object.text)
        }
        for file in ["corpus/dev/toll-debate-1.txt", "corpus/dev/toll-debate-2.txt", "corpus/sample/shoigu-baku-visit.txt"] {
            add(file, try String(contentsOf: Fixtures.url(file), encoding: .utf8), source: "fixtures", date: "2026-03-02")
        }
        let toll = try String(contentsOf: Fixtures.url("corpus/dev/toll-debate-1.txt"), encoding: .utf8)
        add("copies/toll-debate-1-reprint.txt", "Reprinted: " + toll, source: "wire", date: "2026-03-03")
        add("quiet/no-statements.txt", "The weather was mild on Tuesday.\n\nMarkets were closed for the holiday.\n")
        for table in ["attribution", "stance"] {
            for (index, row) in Fixtures.jsonLines("cases/\(table).jsonl").enumerated() {
                add("\(table)/\(row["id"] as! String).txt", row["text"] as! String, source: "cases-\(index % 3)",
                    date: "2026-0\(index % 9 + 1)-15")
            }
        }
        return lines
    }

    /// The same articles as a folder: text files for the first few, one JSONL file for the rest.
    func corpusFolder(_ lines: [String]) throws -> URL {
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        var rest: [String] = []
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = object["id"] as! String
            if id.hasPrefix("corpus/") || id.hasPrefix("quiet/") {
                let url = corpus.appendingPathComponent(id)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((object["text"] as! String).utf8).write(to: url)
            } else {
                rest.append(line)
            }
        }
        try Data((rest.joined(separator: "\n") + "\n").utf8).write(to: corpus.appendingPathComponent("more.jsonl"))
        return corpus
    }

    func analyzer() throws -> (CorpusAnalyzer, [LexiconFile]) {
        let lexicons = try lexiconFolder()
        return (CorpusAnalyzer(lexicon: Fixtures.load(lexicons)), try LexiconFiles.read(directory: lexicons))
    }

    /// One `stance analyze` into `db`, its files written to `out`.
    @discardableResult
    func analyze(_ path: URL, db: String, out: String, shard: Shard? = nil) throws -> IncrementalAnalyzer.Outcome {
        let (analyzer, files) = try analyzer()
        let store = try CorpusStore(path: folder.appendingPathComponent(db).path)
        defer { try? store.close() }
        let outcome = try IncrementalAnalyzer(analyzer: analyzer, store: store, lexiconFiles: files)
            .analyze(path: path.path, date: Self.date, shard: shard)
        try OutputWriter(directory: folder.appendingPathComponent(out), profile: .plain).write(outcome.report)
        return outcome
    }

    func merge(_ parts: [URL], out: String) throws -> PartMerger.Outcome {
        let (analyzer, files) = try analyzer()
        let store = try CorpusStore(path: folder.appendingPathComponent(out + ".sqlite").path)
        defer { try? store.close() }
        let outcome = try PartMerger(analyzer: analyzer, store: store, lexiconFiles: files).merge(parts: parts.map(\.path), date: Self.date)
        try OutputWriter(directory: folder.appendingPathComponent(out), profile: .plain).write(outcome.report)
        return outcome
    }

    /// `--stdin-jsonl` over `lines`, its standard output as a string.
    func stream(_ lines: [String], batchSize: Int = 7, shard: Shard? = nil) throws -> (String, [String], StreamAnalyzer.Outcome) {
        let input = folder.appendingPathComponent("input-\(UUID().uuidString).jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: input)
        let handle = try FileHandle(forReadingFrom: input)
        defer { try? handle.close() }
        let stream = StreamAnalyzer(analyzer: try analyzer().0)
        stream.batchSize = batchSize
        stream.shard = shard
        var output = ""
        var errors: [String] = []
        let outcome = try stream.run(input: handle.fileDescriptor, write: { output += $0 }, reportError: { errors.append($0) })
        return (output, errors, outcome)
    }

    func assertSameOutputs(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in Self.outputs {
            let x = try Data(contentsOf: folder.appendingPathComponent("\(a)/\(name)"))
            let y = try Data(contentsOf: folder.appendingPathComponent("\(b)/\(name)"))
            XCTAssertEqual(x, y, "\(name): \(a) and \(b) differ", file: file, line: line)
        }
    }

    // MARK: - Shards

    func testShardSyntaxAndAssignmentFollowTheContract() {
        for (text, expected) in [("1/1", [1, 1]), ("2/3", [2, 3]), ("3/3", [3, 3]), ("10/12", [10, 12])] {
            let shard = Shard(parsing: text)
            XCTAssertEqual(shard.map { [$0.index, $0.count] }, expected, text)
            XCTAssertEqual(shard?.description, text)
        }
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/3/5", "-1/3", "/3", "1/", " 1/3", "１/3"] {
            XCTAssertNil(Shard(parsing: bad), bad)
        }
        // SHA-256, first 8 bytes big-endian, modulo N (values computed with Python's hashlib).
        for (id, count, bucket) in [("a.txt", 7, 2), ("corpus/dev/toll-debate-1.txt", 3, 0), ("article-000", 1000, 72)] {
            XCTAssertEqual(Shard.bucket(of: id, count: count), bucket, id)
        }
        let ids = (0..<300).map { "outlet-\($0 % 5)/article-\($0).txt" }
        let shards = (1...4).map { Shard(index: $0, count: 4)! }
        for id in ids { XCTAssertEqual(shards.filter { $0.contains(id) }.count, 1, "\(id) is in exactly one shard") }
        XCTAssertTrue(shards.allSatisfy { shard in ids.contains { shard.contains($0) } }, "no empty shard on 300 ids")
    }

    func testShardsOfAFolderMergedEqualOneRun() throws {
        let corpus = try corpusFolder(try articleLines())
        let single = try analyze(corpus, db: "single.sqlite", out: "single")
        XCTAssertEqual(single.failures.count, 0)
        XCTAssertGreaterThan(try single.result.documents.count, 250)
        XCTAssertFalse(try single.result.contrasts.isEmpty, "the corpus has contrasts to compare")

        var parts: [URL] = []
        var counts: [Int] = []
        for k in 1...3 {
            let shard = Shard(index: k, count: 3)!
            let outcome = try analyze(corpus, db: "shard-\(k).sqlite", out: "shard-\(k)", shard: shard)
            XCTAssertTrue(try outcome.result.documents.allSatisfy { shard.contains($0.id) }, "shard \(k) holds only its documents")
            counts.append(try outcome.result.documents.count)
            parts.append(folder.appendingPathComponent("shard-\(k).sqlite"))
        }
        XCTAssertEqual(counts.reduce(0, +), try single.result.documents.count)
        XCTAssertTrue(counts.allSatisfy { $0 > 50 }, "\(counts)")

        let merged = try merge(parts, out: "merged")
        XCTAssertEqual(merged.failures.count, 0)
        XCTAssertEqual(try merged.report.result.run.runID, try single.result.run.runID, "the same inputs give the same run id")
        try assertSameOutputs("single", "merged")

        // The merged database is a database like any other: a run of `stance analyze` on it reuses everything.
        let (analyzer, files) = try analyzer()
        let store = try CorpusStore(path: folder.appendingPathComponent("merged.sqlite").path)
        defer { try? store.close() }
        let again = try IncrementalAnalyzer(analyzer: analyzer, store: store, lexiconFiles: files).analyze(path: corpus.path, date: Self.date)
        XCTAssertEqual(again.analysed, [])
        XCTAssertEqual(again.reused, try single.result.documents.count)
        XCTAssertEqual(again.rescored, [])
        XCTAssertEqual(TableFormat.positions.render(try again.result, profile: .plain), TableFormat.positions.render(try single.result, profile: .plain))
    }

    // MARK: - Streams

    func testStreamPartsInAnyOrderMergedEqualOneRun() throws {
        let lines = try articleLines()
        let articles = folder.appendingPathComponent("articles.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: articles)
        let single = try analyze(articles, db: "single.sqlite", out: "single")

        // Two "partitions" of a shuffled corpus, as a cluster would split it; the order of parts and
        // of lines in them must not matter.
        var generator = SeededGenerator(seed: 13)
        let shuffled = lines.shuffled(using: &generator)
        let half = shuffled.count / 2
        var parts: [URL] = []
        for (index, slice) in [Array(shuffled[half...]), Array(shuffled[..<half])].enumerated() {
            let (output, errors, outcome) = try stream(slice)
            XCTAssertEqual(errors, [])
            XCTAssertEqual(outcome.documents, slice.count)
            let records = output.split(separator: "\n")
            XCTAssertEqual(records.filter { $0.hasPrefix(#"{"type":"document""#) }.count, slice.count, "one document record per article")
            let part = folder.appendingPathComponent("part-\(index)")
            try Data(output.utf8).write(to: part)
            parts.append(part)
        }
        let merged = try merge(parts, out: "merged")
        XCTAssertEqual(merged.failures.count, 0)
        XCTAssertEqual(try merged.report.result.run.runID, try single.result.run.runID)
        try assertSameOutputs("single", "merged")

        // A document record follows its statements and carries the contract's fields.
        let (output, _, _) = try stream([lines[0]])
        let records = output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let document = try XCTUnwrap(records.last)
        XCTAssertEqual(document["type"] as? String, "document")
        XCTAssertEqual(document["document"] as? String, "corpus/dev/toll-debate-1.txt")
        XCTAssertEqual(document["statements"] as? Int, records.count - 1)
        for key in ["content_hash", "fingerprint", "title", "date", "source", "lexicon_hash", "speakers", "text"] {
            XCTAssertNotNil(document[key], key)
        }
        XCTAssertTrue(records.dropLast().allSatisfy { $0["type"] as? String == "statement" && $0["run_id"] is NSNull })
    }

    func testBadLinesGetErrorRecordsAndTheStreamGoesOn() throws {
        let lines = try articleLines()
        let good = [lines[4], lines[0]]
        let cases: [(line: String, reason: String)] = [
            ("not json at all", "not valid JSON"),
            (#"["an", "array"]"#, "not a JSON object"),
            (#"{"text": "No id here."}"#, #"missing string field "id""#),
            (#"{"id": "x1"}"#, #"missing string field "text" (article x1)"#),
            (#"{"id": "x2", "text": "   "}"#, "empty text (article x2)"),
            ("{\"id\": \"x3\", \"text\": \"bad \u{FF}\"}", "invalid UTF-8 at byte 26 of the line"),
            ("{\"id\": \"x4\", \"text\": \"nul \u{0}\"}", "NUL byte"),
        ]
        // Invalid UTF-8 cannot live in a Swift string: write that line's bytes by hand.
        var bytes: [UInt8] = []
        var expectedLines: [Int] = []
        var number = 0
        func append(_ line: [UInt8]) { bytes += line + [0x0A]; number += 1 }
        append(Array(good[0].utf8))
        append([])  // blank lines are skipped, and counted
        for item in cases {
            if item.line.contains("\u{FF}") {
                append(Array(#"{"id": "x3", "text": "bad "#.utf8) + [0xFF] + Array("\"}".utf8))
            } else {
                append(Array(item.line.utf8))
            }
            expectedLines.append(number)
        }
        append(Array(good[1].utf8))
        let input = folder.appendingPathComponent("bad.jsonl")
        try Data(bytes).write(to: input)
        let handle = try FileHandle(forReadingFrom: input)
        defer { try? handle.close() }
        let stream = StreamAnalyzer(analyzer: try analyzer().0)
        stream.batchSize = 3
        var output = ""
        var errors: [String] = []
        let outcome = try stream.run(input: handle.fileDescriptor, write: { output += $0 }, reportError: { errors.append($0) })

        XCTAssertEqual(outcome.documents, 2)
        XCTAssertEqual(outcome.errors, cases.count)
        let records = output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let errorRecords = records.filter { $0["type"] as? String == "error" }
        XCTAssertEqual(errorRecords.count, cases.count)
        for ((item, line), (record, message)) in zip(zip(cases, expectedLines), zip(errorRecords, errors)) {
            XCTAssertEqual(record["document"] as? String, "stdin:\(line)", item.reason)
            XCTAssertEqual(record["message"] as? String, message, "the error record and stderr say the same")
            XCTAssertTrue(message.hasPrefix("stdin:\(line): ") && message.contains(item.reason), "\(message) should say \(item.reason)")
        }
        // Input order: the first article's records, the errors in line order, then the last article's.
        let types = records.map { $0["type"] as! String }
        XCTAssertEqual(types.first, "document", "the first article has no statement: its document record alone")
        XCTAssertEqual(records.first?["document"] as? String, "quiet/no-statements.txt")
        XCTAssertEqual(records.last?["document"] as? String, "corpus/dev/toll-debate-1.txt")
        XCTAssertEqual(Array(types.drop { $0 != "error" }.prefix(cases.count)), Array(repeating: "error", count: cases.count))

        // Merged, the errors are failures and the documents are there.
        let part = folder.appendingPathComponent("part-bad")
        try Data(output.utf8).write(to: part)
        let merged = try merge([part], out: "merged-bad")
        XCTAssertEqual(merged.documents, 2)
        XCTAssertEqual(merged.failures.map(\.document), expectedLines.map { "stdin:\($0)" })
    }

    func testMergeRefusesPartsItCannotUseAndReportsDuplicates() throws {
        let lines = try articleLines()
        let (output, _, _) = try stream(Array(lines[0..<3]))
        let records = output.split(separator: "\n").map(String.init)
        func part(_ name: String, _ lines: [String]) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
            return url
        }
        let lexiconHash = try analyzer().0.lexicon.hash
        let firstDocument = records.firstIndex { $0.hasPrefix(#"{"type":"document""#) }!
        let bad: [(String, [String], String)] = [
            ("other-lexicon", records.map { $0.replacingOccurrences(of: lexiconHash, with: String(repeating: "0", count: 64)) },
             "made with lexicon 0000"),
            ("truncated", Array(records[..<firstDocument]), "ends inside the statements of corpus/dev/toll-debate-1.txt"),
            ("not-json", ["{\"type\":"], "not a record of the JSONL schema"),
            ("unknown-type", [#"{"type":"summary"}"#], #"unknown record type "summary""#),
            ("csv-statement-record", [#"{"type":"statement","statement_id":"s-1","document":"a","paragraph":0,"start":0,"end":1,"#
                + #""speaker":"","speaker_mention":"","kind":"direct","cue":"said","text":"x","run_id":"r","lexicon_hash":"\#(lexiconHash)","stances":[]}"#],
             "not written by `stance analyze --stdin-jsonl`"),
            // The second document's records without its first statement.
            ("wrong-count", Array(records[(firstDocument + 2)...]), "statements; "),
        ]
        for (name, lines, message) in bad {
            XCTAssertThrowsError(try merge([try part(name, lines)], out: "merged-\(name)"), name) { error in
                XCTAssertTrue("\(error)".contains(message), "\(name): \(error)")
                XCTAssertTrue("\(error)".hasPrefix(folder.appendingPathComponent(name).path), "names the part: \(error)")
            }
        }

        // The same document in two parts: the first part keeps it, the second's copy is a failure.
        let a = try part("a", records)
        let b = try part("b", Array(records[..<(firstDocument + 1)]))
        let merged = try merge([a, b], out: "merged-dup")
        XCTAssertEqual(merged.documents, 3)
        XCTAssertEqual(merged.failures.map(\.description),
                       ["\(b.path): duplicate document id \"corpus/dev/toll-debate-1.txt\" (first in \(a.path)); skipped"])
    }

    func testStreamShardKeepsOnlyItsDocuments() throws {
        let lines = Array(try articleLines().prefix(40))
        var ids: [String] = []
        for k in 1...2 {
            let (output, _, outcome) = try stream(lines + ["broken line"], shard: Shard(index: k, count: 2))
            let documents = output.split(separator: "\n").compactMap { line -> String? in
                let record = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return record["type"] as? String == "document" ? record["document"] as? String : nil
            }
            XCTAssertTrue(documents.allSatisfy { Shard(index: k, count: 2)!.contains($0) })
            XCTAssertEqual(outcome.documents + outcome.otherShards + outcome.errors, lines.count + 1)
            XCTAssertEqual(outcome.errors, Shard(index: k, count: 2)!.contains("stdin:41") ? 1 : 0, "a bad line is one shard's failure")
            ids += documents
        }
        XCTAssertEqual(ids.count, lines.count)
        XCTAssertEqual(Set(ids).count, lines.count)
    }

    // MARK: - Long runs

    func testProgressLineSaysDoneRateAndTimeLeft() {
        let cases: [(Int, Int?, Double, String)] = [
            (1200, 10_000, 10, "analysing 1,200/10,000 documents, 120.0 docs/s, 1 min 14 s left"),
            (64, 128, 2, "analysing 64/128 documents, 32.0 docs/s, 2 s left"),
            (128, 128, 4, "analysing 128/128 documents, 32.0 docs/s"),
            (0, 50, 1, "analysing 0/50 documents, 0.0 docs/s, time left unknown"),
            (1_234_567, nil, 1000, "analysing 1,234,567 documents, 1234.6 docs/s"),
            (30_000, 3_630_000, 10, "analysing 30,000/3,630,000 documents, 3000.0 docs/s, 20 min 0 s left"),
            (3000, 3_630_000, 10, "analysing 3,000/3,630,000 documents, 300.0 docs/s, 3 h 21 min left"),
        ]
        for (done, total, elapsed, expected) in cases {
            XCTAssertEqual(ProgressLine.render(label: "analysing", done: done, total: total, elapsed: elapsed), expected)
        }
    }
}

extension ShardMergeTests {
    // MARK: - The command line

    /// The `stance` binary built beside the test bundle (`swift build --build-tests`).
    func stanceBinary() throws -> URL {
        guard let binary = Fixtures.stanceBinary else {
            XCTFail("no stance binary next to the test bundle: build with `swift build --build-tests`")
            throw XCTSkip("no stance binary")
        }
        return binary
    }

    func stance(_ arguments: [String], stdin: URL? = nil, environment extra: [String: String] = [:]) throws -> StanceExit {
        try StanceProcess.run(try stanceBinary(), arguments, in: folder, stdin: stdin, environment: extra)
    }

    /// Every article as its own text file (one input entry each: batches of 64 files).
    func textCorpus() throws -> (URL, Int) {
        let corpus = folder.appendingPathComponent("text-corpus")
        let lines = try articleLines()
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let url = corpus.appendingPathComponent(object["id"] as! String)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((object["text"] as! String).utf8).write(to: url)
        }
        return (corpus, lines.count)
    }

    func testCtrlCStopsAfterTheCurrentBatchAndARerunResumes() throws {
        let (corpus, count) = try textCorpus()
        let lexicons = try lexiconFolder().path
        let db = folder.appendingPathComponent("interrupted.sqlite").path
        let arguments = ["analyze", corpus.path, "--out", folder.appendingPathComponent("out-interrupted").path, "--db", db, "--lexicons", lexicons]

        let stopped = try stance(arguments, environment: [Interruption.failpointVariable: "1"])
        XCTAssertEqual(stopped.reason, .exit, "stopped cleanly, not killed by the signal: \(stopped.stderr)")
        XCTAssertEqual(stopped.status, Interruption.exitStatus, stopped.stderr)
        XCTAssertTrue(stopped.stderr.contains("stance: interrupted: 64 documents analysed and stored; run the same command again to resume"),
                      stopped.stderr)
        XCTAssertTrue(stopped.stderr.hasSuffix("\n") && stopped.stderr.split(separator: "\n").last!.hasPrefix("analysed 64, reused 0, failed 0 documents; "),
                      "the summary line closes the output: \(stopped.stderr)")
        XCTAssertFalse(stopped.stderr.contains("\r"), "no progress line when stderr is not a terminal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out-interrupted/positions.csv").path),
                       "no report from a partial run")
        var store = try CorpusStore(path: db)
        XCTAssertEqual(try store.documentStates().count, 64, "the batch under way was finished and stored")
        XCTAssertEqual(try store.runs().filter(\.isFinished).count, 0)
        try store.close()

        let resumed = try stance(arguments)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("analysed \(count - 64), reused 64, failed 0 documents;"), resumed.stderr)
        let clean = try stance(["analyze", corpus.path, "--out", folder.appendingPathComponent("out-clean").path, "--lexicons", lexicons])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        try assertSameOutputs("out-interrupted", "out-clean")
        store = try CorpusStore(path: db)
        XCTAssertEqual(Set(try store.documentStates().map(\.analysisCount)), [1], "no document analysed twice")
        try store.close()
    }

    func testStreamAndMergeOnTheCommandLine() throws {
        let lexicons = try lexiconFolder().path
        let lines = Array(try articleLines().prefix(30))
        let input = folder.appendingPathComponent("in.jsonl")
        try Data((lines + ["{\"id\": 5}"] ).joined(separator: "\n").utf8).write(to: input)

        let streamed = try stance(["analyze", "--stdin-jsonl", "--lexicons", lexicons], stdin: input)
        XCTAssertEqual(streamed.status, 1, "a bad line: exit 1, the rest analysed")
        XCTAssertTrue(streamed.stderr.contains("stance: stdin:31: missing string field \"id\"; line not read\n"), streamed.stderr)
        XCTAssertTrue(streamed.stderr.contains("analysed 30, reused 0, failed 1 documents; "), streamed.stderr)
        XCTAssertTrue(streamed.stdout.hasSuffix(#"{"type":"error","document":"stdin:31","message":"stdin:31: missing string field \"id\"; line not read"}"#
            + "\n"), String(streamed.stdout.suffix(300)))
        XCTAssertEqual(streamed.stdout.split(separator: "\n").filter { $0.hasPrefix(#"{"type":"document""#) }.count, 30)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Reports").path), "no side effects")

        let part = folder.appendingPathComponent("part-00000")
        try Data(streamed.stdout.utf8).write(to: part)
        let merged = try stance(["merge", part.path, "--out", folder.appendingPathComponent("merged").path, "--lexicons", lexicons])
        XCTAssertEqual(merged.status, 1, "the part's error record is a failure of the corpus: \(merged.stderr)")
        XCTAssertTrue(merged.stderr.contains("merged 30 documents from 1 parts, failed 1; "), merged.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("merged/report.md").path))

        let broken = folder.appendingPathComponent("broken-part")
        try Data("{\"type\":\"statement\"}\n".utf8).write(to: broken)
        let refused = try stance(["merge", broken.path, "--out", folder.appendingPathComponent("merged-2").path, "--lexicons", lexicons])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("\(broken.path):1: not a record of the JSONL schema"), refused.stderr)

        for (arguments, message) in [(["analyze", "--shard", "0/3", "x"], "--shard 0/3: expected K/N"),
                                     (["analyze", "--shard", "2", "x"], "--shard 2: expected K/N"),
                                     (["analyze", "x", "--stdin-jsonl"], "give PATH or --stdin-jsonl, not both"),
                                     (["analyze"], "missing PATH"),
                                     (["merge"], "Missing expected argument")] {
            let exit = try stance(arguments)
            XCTAssertEqual(exit.status, 64, "\(arguments): \(exit.stderr)")
            XCTAssertTrue(exit.stderr.contains(message), exit.stderr)
        }
    }
}

/// A small deterministic generator (SplitMix64) for shuffles that are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
