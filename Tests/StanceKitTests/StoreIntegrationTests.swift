import XCTest
import StanceCore
import StanceAnalysis
import StanceKit
import StanceReports
import StanceStore
import StanceTestSupport

/// `stance analyze` with the corpus database, on real database files: round trip, incremental runs
/// (changed, deleted and duplicated articles, stance-only lexicon changes), corrections, and the
/// command line killed while it writes.
final class StoreIntegrationTests: XCTestCase {
    static let date = Date(timeIntervalSince1970: 1_795_910_400)
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-store-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - Helpers

    /// The shipped lexicons with the fixture topics (so the toll articles have stances), in a folder
    /// a test may edit.
    func lexiconFolder(_ name: String = "lexicons") throws -> URL {
        let fm = FileManager.default
        let lexicons = folder.appendingPathComponent(name)
        try fm.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: lexicons)
        try fm.removeItem(at: lexicons.appendingPathComponent("topics"))
        try fm.copyItem(at: Fixtures.url("topics"), to: lexicons.appendingPathComponent("topics"))
        return lexicons
    }

    /// The fixture articles (two toll articles and the sample) in a folder a test may edit.
    func corpusFolder(_ name: String = "corpus") throws -> URL {
        let corpus = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for file in ["corpus/dev/toll-debate-1.txt", "corpus/dev/toll-debate-2.txt", "corpus/sample/shoigu-baku-visit.txt"] {
            try FileManager.default.copyItem(at: Fixtures.url(file), to: corpus.appendingPathComponent((file as NSString).lastPathComponent))
        }
        return corpus
    }

    /// One incremental run, with its own connection (closed after it), as the command does.
    @discardableResult
    func analyze(_ corpus: URL, db: URL, lexicons: URL,
                 maxStatementLength: Int = StatementLimit.defaultMaxLength) throws -> IncrementalAnalyzer.Outcome {
        let lexicon = Fixtures.load(lexicons)
        let store = try CorpusStore(path: db.path)
        defer { try? store.close() }
        let files = try LexiconFiles.read(directory: lexicons)
        XCTAssertEqual(LexiconFiles.hash(files), lexicon.hash, "the stored files are those the lexicon hash covers")
        return try IncrementalAnalyzer(analyzer: CorpusAnalyzer(lexicon: lexicon), store: store, lexiconFiles: files)
            .analyze(path: corpus.path, maxStatementLength: maxStatementLength, date: Self.date)
    }

    /// Each stored document's `analysis_count`, by id.
    func analysisCounts(_ db: URL) throws -> [String: Int] {
        let store = try CorpusStore(path: db.path)
        defer { try? store.close() }
        return Dictionary(uniqueKeysWithValues: try store.documentStates().map { ($0.id, $0.analysisCount) })
    }

    /// The same corpus analysed in memory, without a database.
    func fresh(_ corpus: URL, lexicons: URL) throws -> CorpusResult {
        try CorpusAnalyzer(lexicon: Fixtures.load(lexicons)).analyze(path: corpus.path, date: Self.date, keepAnalyses: false).result
    }

    func table(_ format: TableFormat, _ result: CorpusResult) -> String { format.render(result, profile: .plain) }

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    // MARK: - Round trip and incremental runs

    func testRoundTripMatchesAnAnalysisWithoutDatabaseAndASecondRunReusesEverything() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        let first = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(first.analysed.count, 3)
        XCTAssertEqual(first.reused, 0)
        let expected = try fresh(corpus, lexicons: lexicons)
        XCTAssertFalse(expected.stances.isEmpty)
        for format in TableFormat.all {
            XCTAssertEqual(table(format, try first.result), table(format, expected), "\(format.fileName) from the database")
        }

        // Read back through a new connection, as `stance report` does.
        let store = try CorpusStore(path: db.path)
        let report = try XCTUnwrap(StoredReport.load(store: store))
        try store.close()
        XCTAssertEqual(try report.markdown(), MarkdownReport.render(expected), "report.md from the database alone")
        for format in TableFormat.all {
            XCTAssertEqual(table(format, try report.result), table(format, expected), "\(format.fileName) from the database alone")
        }

        let second = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(second.analysed, [])
        XCTAssertEqual(second.reused, 3)
        XCTAssertEqual(second.rescored, [], "the previous run's stances are reused as stored")
        XCTAssertFalse(first.repeated)
        XCTAssertTrue(second.repeated, "nothing changed: the stored run stands")
        XCTAssertEqual(second.runID, first.runID)
        XCTAssertEqual(second.summary(seconds: 0.04), "analysed 0, reused 3, failed 0 documents; \(expected.statements.count) statements; 0.0 s")
        XCTAssertEqual(table(.stances, try second.result), table(.stances, expected))
        XCTAssertEqual(try analysisCounts(db), ["toll-debate-1.txt": 1, "toll-debate-2.txt": 1, "shoigu-baku-visit.txt": 1])
    }

    func testChangingOneArticleReanalysesOnlyIt() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        try analyze(corpus, db: db, lexicons: lexicons)

        let changed = corpus.appendingPathComponent("toll-debate-2.txt")
        try write(try String(contentsOf: changed, encoding: .utf8)
                    + "\nTransport Minister Ilse Varga said the toll was fair and necessary.\n", to: changed)
        // Only the modification time moves: the content hash says it is the same article.
        let touched = corpus.appendingPathComponent("shoigu-baku-visit.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: touched.path)

        let second = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(second.analysed, ["toll-debate-2.txt"])
        XCTAssertEqual(second.reused, 2)
        XCTAssertEqual(try analysisCounts(db), ["toll-debate-1.txt": 1, "toll-debate-2.txt": 2, "shoigu-baku-visit.txt": 1],
                       "the stored analysis counts show that only the changed article was analysed again")
        for format in [TableFormat.statements, .stances, .positions, .contrasts] {
            XCTAssertEqual(table(format, try second.result), table(format, try fresh(corpus, lexicons: lexicons)), format.fileName)
        }

        // The new mtime was recorded: a third run reads nothing.
        let third = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(third.analysed, [])
        let store = try CorpusStore(path: db.path)
        defer { try? store.close() }
        XCTAssertEqual(try store.documentState(id: "shoigu-baku-visit.txt")?.mtime, 1_700_000_000)
    }

    func testStanceLexiconChangeRescoresStoredStatementsWithoutSegmenting() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        let first = try analyze(corpus, db: db, lexicons: lexicons)

        // A topic cue turned around, a stance list and a stance setting changed: the stance stage only.
        let topic = lexicons.appendingPathComponent("topics/bridge-toll.yaml")
        let yaml = try String(contentsOf: topic, encoding: .utf8)
        let flipped = try flipFirstCue(yaml)
        try write(flipped, to: topic)
        let intensifiers = lexicons.appendingPathComponent("stance/intensifiers.tsv")
        try write(try String(contentsOf: intensifiers, encoding: .utf8) + "exceptionally\t1.4\n", to: intensifiers)
        let settings = lexicons.appendingPathComponent("settings.yaml")
        try write(try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "stance.context_factor: 0.6", with: "stance.context_factor: 0.5"),
                  to: settings)

        let second = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(second.lexiconChange?.stage, .stance)
        XCTAssertEqual(second.lexiconChange?.changed, ["settings.yaml:stance.context_factor", "stance/intensifiers.tsv", "topics/bridge-toll.yaml"])
        XCTAssertEqual(second.analysed, [], "no document goes through segmentation and attribution again")
        XCTAssertEqual(Set(second.rescored), ["toll-debate-1.txt", "toll-debate-2.txt", "shoigu-baku-visit.txt"])
        XCTAssertTrue(second.summary(seconds: 1).hasSuffix("; re-scored 3"))
        XCTAssertEqual(try analysisCounts(db), ["toll-debate-1.txt": 1, "toll-debate-2.txt": 1, "shoigu-baku-visit.txt": 1])
        XCTAssertNotEqual(table(.stances, try second.result), table(.stances, try first.result), "the stances follow the new lexicons")
        let expected = try fresh(corpus, lexicons: lexicons)
        for format in [TableFormat.statements, .stances, .positions, .contrasts, .allies] {
            XCTAssertEqual(table(format, try second.result), table(format, expected), "re-scored \(format.fileName) equals a fresh analysis")
        }

        // An attribution lexicon change analyses everything again.
        let verbs = lexicons.appendingPathComponent("attribution/reporting_verbs.tsv")
        try write(try String(contentsOf: verbs, encoding: .utf8) + "# a comment is a change of the file\n", to: verbs)
        let third = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(third.lexiconChange?.stage, .attribution)
        XCTAssertEqual(third.analysed.count, 3)
        XCTAssertEqual(try analysisCounts(db), ["toll-debate-1.txt": 2, "toll-debate-2.txt": 2, "shoigu-baku-visit.txt": 2])
    }

    /// The first `polarity: X` of a topic's cues with the opposite sign.
    func flipFirstCue(_ yaml: String) throws -> String {
        guard let range = yaml.range(of: #"polarity: -?[0-9.]+"#, options: .regularExpression) else {
            throw XCTSkip("the fixture topic has no cue to flip")
        }
        let value = yaml[range].dropFirst("polarity: ".count)
        let flipped = value.hasPrefix("-") ? String(value.dropFirst()) : "-" + value
        return yaml.replacingCharacters(in: range, with: "polarity: " + flipped)
    }

    func testDeletedArticleIsMarkedMissingAndLeftOut() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        try analyze(corpus, db: db, lexicons: lexicons)
        let gone = corpus.appendingPathComponent("toll-debate-1.txt")
        let saved = try Data(contentsOf: gone)
        try FileManager.default.removeItem(at: gone)

        let second = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(second.missing, ["toll-debate-1.txt"])
        XCTAssertFalse(try second.result.documents.contains { $0.id == "toll-debate-1.txt" })
        XCTAssertFalse(try second.result.statements.contains { $0.documentID == "toll-debate-1.txt" })
        XCTAssertEqual(table(.positions, try second.result), table(.positions, try fresh(corpus, lexicons: lexicons)),
                       "positions are those of the articles still there")
        var store = try CorpusStore(path: db.path)
        XCTAssertEqual(try store.documentState(id: "toll-debate-1.txt")?.missing, true, "marked, not silently kept")
        XCTAssertEqual(try store.documentCounts().missing, 1)
        try store.close()

        // Back with the same text: not analysed again, no longer missing.
        try saved.write(to: gone)
        let third = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(third.analysed, [])
        XCTAssertEqual(third.missing, [])
        XCTAssertTrue(try third.result.documents.contains { $0.id == "toll-debate-1.txt" })
        store = try CorpusStore(path: db.path)
        XCTAssertEqual(try store.documentState(id: "toll-debate-1.txt")?.missing, false)
        try store.close()
        XCTAssertEqual(try analysisCounts(db)["toll-debate-1.txt"], 1)
    }

    func testCorrectionsSurviveRerunsAndShowInReports() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        let first = try analyze(corpus, db: db, lexicons: lexicons)
        let stance = try XCTUnwrap(first.result.stances.first { $0.topic == "bridge-toll" && $0.label == .against })
        let renamed = try XCTUnwrap(first.result.statements.first { $0.documentID == "shoigu-baku-visit.txt" })
        let dropped = try XCTUnwrap(first.result.statements.last { $0.documentID == "toll-debate-2.txt" })

        var store = try CorpusStore(path: db.path)
        try store.addCorrection(statementID: stance.statementID, .stance(topic: "bridge-toll", label: .favor))
        try store.addCorrection(statementID: renamed.id, .speaker("Ilse Varga"))
        try store.addCorrection(statementID: dropped.id, .notAStatement)
        // Before any new analysis, the report applies them.
        let report = try XCTUnwrap(StoredReport.load(store: store))
        try store.close()
        try checkCorrected(try report.result, stance: stance.statementID, renamed: renamed.id, dropped: dropped.id)
        XCTAssertTrue(try report.markdown().contains("<a id=\"corrections\"></a>Corrections"))

        // A re-run (one article changed) applies them again and stores them with the run.
        let other = corpus.appendingPathComponent("toll-debate-1.txt")
        try write(try String(contentsOf: other, encoding: .utf8) + "\nMore news later.\n", to: other)
        let second = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(second.analysed, ["toll-debate-1.txt"])
        try checkCorrected(second.result, stance: stance.statementID, renamed: renamed.id, dropped: dropped.id)
        // And once more with nothing changed: the stored, corrected stances are not taken for analysis results.
        let third = try analyze(corpus, db: db, lexicons: lexicons)
        try checkCorrected(third.result, stance: stance.statementID, renamed: renamed.id, dropped: dropped.id)
        XCTAssertEqual(table(.stances, try third.result), table(.stances, try second.result))
        XCTAssertEqual(table(.positions, try third.result), table(.positions, try second.result))
        store = try CorpusStore(path: db.path)
        let reloaded = try XCTUnwrap(StoredReport.load(store: store))
        try store.close()
        XCTAssertEqual(table(.statements, try reloaded.result), table(.statements, try third.result))
    }

    func checkCorrected(_ result: CorpusResult, stance: String, renamed: String, dropped: String,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        let corrected = try XCTUnwrap(result.stances.first { $0.statementID == stance && $0.topic == "bridge-toll" }, file: file, line: line)
        XCTAssertEqual(corrected.label, .favor, file: file, line: line)
        XCTAssertEqual(corrected.evidence.last?.rule, "correction", file: file, line: line)
        XCTAssertEqual(corrected.evidence.map(\.contribution).reduce(0, +), corrected.score, accuracy: 1e-9, file: file, line: line)
        XCTAssertTrue(table(.stances, result).contains("correction@corrections:1=+"), file: file, line: line)
        let statement = try XCTUnwrap(result.statements.first { $0.id == renamed }, file: file, line: line)
        XCTAssertEqual(statement.speaker, "Ilse Varga", file: file, line: line)
        XCTAssertTrue(statement.cue.hasSuffix("[corrected: speaker]"), statement.cue, file: file, line: line)
        XCTAssertTrue(result.speakers.contains { $0.name == "Ilse Varga" && $0.documents >= 3 }, file: file, line: line)
        XCTAssertFalse(result.statements.contains { $0.id == dropped }, file: file, line: line)
        XCTAssertFalse(result.stances.contains { $0.statementID == dropped }, file: file, line: line)
        let stanceStatement = try XCTUnwrap(result.statements.first { $0.id == stance }, file: file, line: line)
        let position = try XCTUnwrap(result.positions.first { $0.topic == "bridge-toll" && $0.speaker == stanceStatement.speaker },
                                     file: file, line: line)
        XCTAssertGreaterThan(position.favorStatements, 0, "the corrected label counts in positions", file: file, line: line)
    }

    func testANearDuplicateArticleCountsOnceInPositions() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        let without = try analyze(corpus, db: db, lexicons: lexicons)
        // The same wire story under another name, one word edited.
        let original = try String(contentsOf: corpus.appendingPathComponent("toll-debate-1.txt"), encoding: .utf8)
        let copy = original.replacingOccurrences(of: "on Monday", with: "on Tuesday")
        XCTAssertNotEqual(copy, original)
        try write(copy, to: corpus.appendingPathComponent("wire/toll-debate-1-copy.txt"))

        let with = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertEqual(with.analysed, ["wire/toll-debate-1-copy.txt"])
        XCTAssertEqual(try with.result.documents.count, 4)
        XCTAssertEqual(try with.result.statements.count, try 2 * without.result.statements.count
                        - without.result.statements.filter { $0.documentID != "toll-debate-1.txt" }.count,
                       "statements.csv lists the copy's statements")
        XCTAssertEqual(table(.positions, try with.result).replacingOccurrences(of: try with.result.run.runID, with: "RUN"),
                       table(.positions, try without.result).replacingOccurrences(of: try without.result.run.runID, with: "RUN"),
                       "positions count the copy's statements once")
        let group = try XCTUnwrap(with.report.duplicates.groups.first)
        XCTAssertEqual(group.canonical, "toll-debate-1.txt")
        XCTAssertEqual(group.copies.map(\.id), ["wire/toll-debate-1-copy.txt"])
        XCTAssertLessThanOrEqual(group.copies[0].distance, NearDuplicates.maxDistance)
        XCTAssertTrue(try with.report.markdown().contains("| `wire/toll-debate-1-copy.txt` | `toll-debate-1.txt` |"))

        // An article on the same story in other words is not a copy.
        XCTAssertNil(try with.report.duplicates.group(of: "toll-debate-2.txt"))
    }

    func testARunRepeatsThePreviousOneOnlyWhenNothingChanged() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("stance.sqlite")
        let first = try analyze(corpus, db: db, lexicons: lexicons)
        let expected = table(.positions, try first.result)
        XCTAssertTrue(try analyze(corpus, db: db, lexicons: lexicons).repeated)

        // A correction made since: the result changes, so the run is computed again.
        let store = try CorpusStore(path: db.path)
        let statement = try XCTUnwrap(try first.result.stances.first { $0.label == .favor })
        _ = try store.addCorrection(statementID: statement.statementID, .stance(topic: statement.topic, label: .against))
        try store.close()
        let corrected = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertFalse(corrected.repeated, "a new correction")
        XCTAssertNotEqual(table(.positions, try corrected.result), expected)
        let again = try analyze(corpus, db: db, lexicons: lexicons)
        XCTAssertTrue(again.repeated, "the correction is in the stored run now")
        XCTAssertEqual(table(.positions, try again.result), table(.positions, try corrected.result))

        // Another statement length limit is another result.
        let limited = try analyze(corpus, db: db, lexicons: lexicons, maxStatementLength: 60)
        XCTAssertFalse(limited.repeated, "another --max-statement-length")
        XCTAssertFalse(limited.excluded.isEmpty)
        XCTAssertFalse(try analyze(corpus, db: db, lexicons: lexicons).repeated, "back to the default limit")
        XCTAssertTrue(try analyze(corpus, db: db, lexicons: lexicons).repeated)

        // A touched file with the same content still repeats; an edited one does not.
        let article = corpus.appendingPathComponent("toll-debate-1.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: article.path)
        XCTAssertTrue(try analyze(corpus, db: db, lexicons: lexicons).repeated)
        try write(try String(contentsOf: article, encoding: .utf8) + "\nPetr Hollan said the toll was unfair.\n", to: article)
        XCTAssertFalse(try analyze(corpus, db: db, lexicons: lexicons).repeated)

        // A lexicon change that only moves aggregation keeps every document but not the run.
        let settings = lexicons.appendingPathComponent("settings.yaml")
        try write(try String(contentsOf: settings, encoding: .utf8) + "\n# a comment changes the hash\n", to: settings)
        XCTAssertFalse(try analyze(corpus, db: db, lexicons: lexicons).repeated, "another lexicon hash is another run")
    }

    func testLexiconFilesMapToTheStagesTheyFeed() {
        func file(_ path: String, _ text: String) -> LexiconFile { LexiconFile(path: path, bytes: Array(text.utf8)) }
        let settings = "# why\nstance.threshold: 0.15\npositions.mixed_share: 0.6\nquote.min_words_partial: 3\n"
        let base = [file("settings.yaml", settings), file("stance/negators.tsv", "term\nnot\n"), file("suggest/stopwords.tsv", "term\na\n")]
        func stage(_ changed: [LexiconFile]) -> AnalysisStage {
            var files = Dictionary(uniqueKeysWithValues: base.map { ($0.path, $0) })
            for f in changed { files[f.path] = f }
            return LexiconChange.between(base, Array(files.values)).stage
        }
        XCTAssertEqual(stage([]), .nothing)
        XCTAssertEqual(stage([file("suggest/stopwords.tsv", "term\nthe\n")]), .nothing)
        XCTAssertEqual(stage([file("settings.yaml", "# another reason\n" + settings)]), .nothing, "comments only")
        XCTAssertEqual(stage([file("settings.yaml", settings.replacingOccurrences(of: "0.6", with: "0.5"))]), .aggregation)
        XCTAssertEqual(stage([file("settings.yaml", settings.replacingOccurrences(of: "0.15", with: "0.2"))]), .stance)
        XCTAssertEqual(stage([file("stance/negators.tsv", "term\nnot\nnever\n")]), .stance)
        XCTAssertEqual(stage([file("topics/new.yaml", "id: new\n")]), .stance)
        XCTAssertEqual(stage([file("settings.yaml", settings.replacingOccurrences(of: "3", with: "4"))]), .attribution)
        XCTAssertEqual(stage([file("grammar/determiners.tsv", "term\nthe\n")]), .attribution)
        XCTAssertEqual(stage([file("speakers/registry.yaml", "speakers: []\n")]), .attribution)
        XCTAssertEqual(stage([file("settings.yaml", "settings: {stance.threshold: 0.2}\n")]), .attribution, "a form this reader cannot follow")
    }

    func testArticlesThatOnlyLookAlikeAreNotNearDuplicates() {
        func statement(_ document: String, _ text: String, at start: Int) -> Statement {
            Statement(documentID: document, paragraph: 1, range: TextRange(start, start + text.unicodeScalars.count), text: text,
                      kind: .direct, speaker: "A", speakerMention: "A", speakerKind: .person, cue: "said", rule: "test", link: "name")
        }
        func summary(_ id: String, _ fingerprint: String, date: String? = nil) -> DocumentSummary {
            DocumentSummary(id: id, contentHash: id, fingerprint: fingerprint, title: nil, date: date, source: nil, statements: 2)
        }
        let documents = [summary("a.txt", "00000000000000ff", date: "2024-05-02"), summary("b.txt", "00000000000000fe", date: "2024-05-01"),
                         summary("c.txt", "00000000000000fc"), summary("d.txt", "ffffffffffffff00")]
        let statements = [
            statement("a.txt", "The toll is fair.", at: 0), statement("a.txt", "Drivers should pay.", at: 30),
            statement("b.txt", "“The toll is fair,”", at: 0), statement("b.txt", "Drivers should pay!", at: 30),
            // Same template and fingerprint, other words: not a copy.
            statement("c.txt", "The toll is unfair.", at: 0), statement("c.txt", "Nobody should pay.", at: 30),
            // Same words, unrelated fingerprint: not a copy.
            statement("d.txt", "The toll is fair.", at: 0), statement("d.txt", "Drivers should pay.", at: 30),
        ]
        let duplicates = NearDuplicates(documents: documents, statements: statements)
        XCTAssertEqual(duplicates.groups.map(\.canonical), ["b.txt"], "the earliest by date is the canonical copy")
        XCTAssertEqual(duplicates.groups.first?.copies.map(\.id), ["a.txt"])
        XCTAssertEqual(duplicates.uncounted, Set(statements.filter { $0.documentID == "a.txt" }.map(\.id)))
    }

    // MARK: - The command line

    /// The `stance` binary built beside the test bundle (`swift build --build-tests`).
    func stanceBinary() throws -> URL {
        guard let binary = Fixtures.stanceBinary else {
            XCTFail("no stance binary next to the test bundle: build with `swift build --build-tests`")
            throw XCTSkip("no stance binary")
        }
        return binary
    }

    func stance(_ arguments: [String], environment extra: [String: String] = [:]) throws -> StanceExit {
        try StanceProcess.run(try stanceBinary(), arguments, in: folder, environment: extra)
    }

    /// `count` short articles: named people of several outlets on the shipped topics, each saying
    /// something for or against (deterministic).
    func generateArticles(_ count: Int, into corpus: URL) throws {
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let people = [("Ilse Varga", "Transport Minister"), ("Petr Hollan", "Opposition MP"), ("Karel Dusek", "association president"),
                      ("Arif Mammadov", "Former ambassador"), ("Nadia Rahimi", "Economist"), ("Jonas Berg", "Analyst"),
                      ("Marta Kovacs", "Foreign Minister"), ("Dana Whitfield", "Senator")]
        // For and against each shipped topic; each person keeps a side per topic, so that positions
        // oppose one another (contrasts) and agree (allies).
        let views = [("Moscow is interested in a peace agreement", "Russia does not want peace in the region"),
                     ("Russia is a strategic partner for the region's security", "Russia is a threat to the security of the South Caucasus"),
                     ("Western support for the peace talks is welcome", "the West should stay out of the peace process")]
        var seed: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func view(_ person: Int) -> String {
            let topic = next(views.count)
            return (person + topic) % 2 == 0 ? views[topic].0 : views[topic].1
        }
        for index in 0..<count {
            let first = next(people.count)
            let second = (first + 1 + next(people.count - 1)) % people.count
            let (a, roleA) = people[first], (b, roleB) = people[second]
            let surnameA = a.split(separator: " ").last!
            let quoted = view(second)
            let text = """
                Talks on the region continue, report \(index)

                \(roleA) \(a) believes that \(view(first)).

                "\(quoted.prefix(1).uppercased() + quoted.dropFirst())," \(roleB) \(b) said on day \(index % 28 + 1).

                \(surnameA) added that \(view(first)), and that meeting number \(index) would go ahead.

                """
            let subfolder = "outlet-\(index % 5)"
            try write(text, to: corpus.appendingPathComponent("\(subfolder)/article-\(String(format: "%03d", index)).txt"))
        }
    }

    func testKilledWhileWritingLeavesWholeDocumentsAndARerunFinishesTheJob() throws {
        let corpus = folder.appendingPathComponent("generated")
        try generateArticles(300, into: corpus)
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path
        let killedDB = folder.appendingPathComponent("killed.sqlite")

        let killed = try stance(["analyze", corpus.path, "--out", folder.appendingPathComponent("out-killed").path,
                                 "--db", killedDB.path, "--lexicons", lexicons],
                                environment: ["STANCE_STORE_KILL_AFTER_DOCUMENTS": "100"])
        XCTAssertEqual(killed.reason, .uncaughtSignal, killed.stderr)
        XCTAssertEqual(killed.status, SIGKILL, "the failpoint kills the process right after a commit")

        var store = try CorpusStore(path: killedDB.path)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        let stored = try store.documentStates()
        XCTAssertGreaterThan(stored.count, 0)
        XCTAssertLessThan(stored.count, 300, "the run died before it stored the whole corpus")
        XCTAssertEqual(stored.count % CorpusAnalyzer.batchSize, 0, "whole batches of whole documents")
        XCTAssertEqual(try store.runs().filter(\.isFinished).count, 0)
        XCTAssertEqual(try store.runs().count, 1, "the interrupted run is listed, unfinished")
        try store.close()

        let rerun = try stance(["analyze", corpus.path, "--out", folder.appendingPathComponent("out-killed").path,
                                "--db", killedDB.path, "--lexicons", lexicons])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("analysed \(300 - stored.count), reused \(stored.count), failed 0 documents;"), rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("; re-scored \(stored.count)"), "the stored documents had no stances yet: \(rerun.stderr)")

        let clean = try stance(["analyze", corpus.path, "--out", folder.appendingPathComponent("out-clean").path,
                                "--lexicons", lexicons])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        for file in ["statements.csv", "stances.csv", "positions.csv", "contrasts.csv"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("out-killed/\(file)"))
            let b = try Data(contentsOf: folder.appendingPathComponent("out-clean/\(file)"))
            XCTAssertGreaterThan(b.count, 200, file)
            XCTAssertEqual(a, b, "\(file) after the interrupted run and its re-run equals an uninterrupted run's")
        }
        store = try CorpusStore(path: killedDB.path)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(Set(try store.documentStates().map(\.analysisCount)), [1], "no document was analysed twice")
        XCTAssertEqual(try store.runs().filter(\.isFinished).count, 1)
        try store.close()

        // Two processes writing one database at once: each waits for the other's transactions.
        let sharedDB = folder.appendingPathComponent("shared.sqlite").path
        let exits = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let exit = try? self.stance(["analyze", corpus.path, "--out", self.folder.appendingPathComponent("out-\(i)").path,
                                         "--db", sharedDB, "--lexicons", lexicons, "--busy-timeout", "30"])
            exits.append(exit)
        }
        for exit in exits.values {
            let exit = try XCTUnwrap(exit)
            XCTAssertTrue(exit.status == 0 || (exit.status == 2 && exit.stderr.contains("\(sharedDB): database is locked")), exit.stderr)
        }
        store = try CorpusStore(path: sharedDB)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(try store.documentStates().count, 300)
        try store.close()
    }

    func testAnUnchangedRerunLeavesCurrentReportsAloneAndRewritesChangedOnes() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let out = folder.appendingPathComponent("Reports")
        func run(_ extra: [String] = []) throws -> StanceExit {
            let exit = try stance(["analyze", corpus.path, "--out", out.path, "--lexicons", lexicons.path] + extra)
            XCTAssertEqual(exit.status, 0, exit.stderr)
            return exit
        }
        func stamps() throws -> [String: Date] {
            var stamps: [String: Date] = [:]
            for name in ["statements.csv", "positions.csv", "report.md", "charts/bridge-toll.svg"] {
                stamps[name] = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.modificationDate] as? Date
            }
            return stamps
        }
        let first = try run()
        XCTAssertFalse(first.stderr.contains("up to date"), first.stderr)
        let written = try stamps()
        let report = try Data(contentsOf: out.appendingPathComponent("report.md"))

        let second = try run()
        XCTAssertTrue(second.stderr.contains("nothing changed since run r-"), second.stderr)
        XCTAssertTrue(second.stderr.contains("analysed 0, reused 3, failed 0 documents;"), "the summary line still ends the run: \(second.stderr)")
        XCTAssertEqual(try stamps(), written, "current reports are not written again")

        // A report file removed or edited: everything is written again, as it was.
        try FileManager.default.removeItem(at: out.appendingPathComponent("report.md"))
        XCTAssertFalse(try run().stderr.contains("up to date"))
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("report.md")), report)
        try Data("edited".utf8).write(to: out.appendingPathComponent("positions.csv"))
        XCTAssertFalse(try run().stderr.contains("up to date"))
        XCTAssertNotEqual(try Data(contentsOf: out.appendingPathComponent("positions.csv")), Data("edited".utf8))
        XCTAssertTrue(try run().stderr.contains("up to date"))

        // Other output options, or a correction, are other reports.
        XCTAssertFalse(try run(["--csv-profile", "plain"]).stderr.contains("up to date"))
        XCTAssertFalse(try run(["--csv-profile", "plain", "--by", "source"]).stderr.contains("up to date"))
        XCTAssertTrue(try run(["--csv-profile", "plain", "--by", "source"]).stderr.contains("up to date"))
        let statementID = try XCTUnwrap(String(contentsOf: out.appendingPathComponent("stances.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().first.map { String($0.prefix { $0 != "," }) })
        XCTAssertEqual(try stance(["correct", statementID, "--not-a-statement", "--db", out.appendingPathComponent("stance.sqlite").path]).status, 0)
        let corrected = try run(["--csv-profile", "plain", "--by", "source"])
        XCTAssertFalse(corrected.stderr.contains("up to date"), corrected.stderr)
        XCTAssertFalse(try String(contentsOf: out.appendingPathComponent("stances.csv"), encoding: .utf8).contains(statementID))
    }

    /// Concurrency (issue 12): two `stance analyze` processes on one database at once, on different
    /// corpora and on the same one. Each finishes (exit 0, having waited for the other's transactions)
    /// or fails cleanly (exit 2, "database is locked"); the database passes its integrity check and
    /// holds every document once with exactly the statements a run on its own stores: nothing lost,
    /// nothing duplicated. A process that finished wrote the same tables as a run on its own.
    func testTwoAnalysesOnOneDatabaseAtOnce() throws {
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path
        let generated = folder.appendingPathComponent("generated")
        try generateArticles(150, into: generated)
        let fm = FileManager.default
        let corpusA = folder.appendingPathComponent("a"), corpusB = folder.appendingPathComponent("b")
        for (corpus, outlets) in [(corpusA, 0...2), (corpusB, 3...4)] {
            try fm.createDirectory(at: corpus, withIntermediateDirectories: true)
            for outlet in outlets {
                try fm.copyItem(at: generated.appendingPathComponent("outlet-\(outlet)"), to: corpus.appendingPathComponent("outlet-\(outlet)"))
            }
        }

        /// Statement ids by document, as a database holds them.
        func statementsByDocument(_ db: URL) throws -> [String: Set<String>] {
            let store = try CorpusStore(path: db.path)
            defer { try? store.close() }
            XCTAssertEqual(try store.integrityCheck(), "ok")
            var result: [String: Set<String>] = [:]
            // Missing ones included: a run marks stored documents outside its PATH missing (kept, left
            // out of that run), so whether corpus b's are marked depends on which process scanned last.
            for stored in try store.loadDocumentAnalyses(ids: try store.allDocumentIDs()) {
                XCTAssertNil(result[stored.state.id], "\(stored.state.id) stored twice")
                result[stored.state.id] = Set(stored.statements.map(\.id))
                XCTAssertEqual(stored.statements.count, Set(stored.statements.map(\.id)).count, "\(stored.state.id): a statement stored twice")
            }
            return result
        }
        func analyze(_ corpus: URL, out: String, db: URL, busyTimeout: String) throws -> StanceExit {
            try stance(["analyze", corpus.path, "--out", folder.appendingPathComponent(out).path, "--db", db.path,
                        "--lexicons", lexicons, "--csv-profile", "plain", "--busy-timeout", busyTimeout])
        }
        func csv(_ out: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent("\(out)/statements.csv")) }

        // Each corpus on its own: the reference.
        var expected: [String: Set<String>] = [:]
        for (name, corpus) in [("a", corpusA), ("b", corpusB)] {
            let db = folder.appendingPathComponent("alone-\(name).sqlite")
            XCTAssertEqual(try analyze(corpus, out: "alone-\(name)", db: db, busyTimeout: "10").status, 0)
            expected.merge(try statementsByDocument(db)) { a, _ in a }
        }
        XCTAssertEqual(expected.count, 150)
        XCTAssertGreaterThan(expected.values.map(\.count).reduce(0, +), 150)

        // (corpora, busy timeout): waiting long enough, both must finish; with no wait at all, one may fail cleanly.
        let cases: [(String, [(String, URL)], String)] = [
            ("different corpora", [("a", corpusA), ("b", corpusB)], "60"),
            ("the same corpus", [("a", corpusA), ("a", corpusA)], "60"),
            ("different corpora, no waiting", [("a", corpusA), ("b", corpusB)], "0"),
        ]
        for (index, (name, corpora, busyTimeout)) in cases.enumerated() {
            let db = folder.appendingPathComponent("shared-\(index).sqlite")
            let exits = ResultBox()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                exits.append(try? analyze(corpora[i].1, out: "shared-\(index)-\(i)-\(corpora[i].0)", db: db, busyTimeout: busyTimeout))
            }
            var finished: [String] = []
            for exit in exits.values {
                let exit = try XCTUnwrap(exit, name)
                if busyTimeout != "0" {
                    XCTAssertEqual(exit.status, 0, "\(name): \(exit.stderr)")
                } else {
                    XCTAssert(exit.status == 0 || (exit.status == 2 && exit.stderr.contains("\(db.path): database is locked by another process")),
                              "\(name): \(exit.status) \(exit.stderr)")
                }
                XCTAssertFalse(exit.stderr.contains("Fatal error"), exit.stderr)
            }
            for entry in try fm.contentsOfDirectory(atPath: folder.path) where entry.hasPrefix("shared-\(index)-") {
                guard fm.fileExists(atPath: folder.appendingPathComponent("\(entry)/statements.csv").path) else { continue }
                let corpus = String(entry.split(separator: "-").last!)
                XCTAssertEqual(try csv(entry), try csv("alone-\(corpus)"), "\(name): \(entry) differs from a run on its own")
                finished.append(corpus)
            }
            let stored = try statementsByDocument(db)
            for (document, statements) in stored {
                XCTAssertEqual(statements, expected[document], "\(name): \(document)'s statements")
            }
            // Corpus a holds outlets 0-2, b outlets 3-4: every document of a process that finished is stored.
            let outlets = ["a": ["outlet-0/", "outlet-1/", "outlet-2/"], "b": ["outlet-3/", "outlet-4/"]]
            let wanted = Set(expected.keys.filter { id in finished.contains { corpus in outlets[corpus]!.contains { id.hasPrefix($0) } } })
            XCTAssert(wanted.isSubset(of: Set(stored.keys)), "\(name): \(wanted.subtracting(stored.keys).count) documents lost")
            XCTAssertFalse(finished.isEmpty, "\(name): neither process finished")
            let refused = exits.values.compactMap { $0 }.filter { $0.status == 2 }.map { $0.stderr.split(separator: "\n").first ?? "" }
            print("concurrency, \(name): exits \(exits.values.map { $0?.status ?? -1 }), \(stored.count) documents stored \(refused)")
        }
    }

    func testDatabaseCommandsReadWhatAnalyzeStored() throws {
        let (corpus, lexicons) = (try corpusFolder(), try lexiconFolder())
        let db = folder.appendingPathComponent("Reports/stance.sqlite")
        let analyzed = try stance(["analyze", corpus.path, "--out", "Reports", "--lexicons", lexicons.path, "--csv-profile", "plain"])
        XCTAssertEqual(analyzed.status, 0, analyzed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: db.path), "the default database is OUT/stance.sqlite")

        // `search` finds a statement (CSV when not on a terminal); correct it from the command line.
        let found = try stance(["search", "toll", "--topic", "bridge-toll", "--stance", "AGAINST"])
        XCTAssertEqual(found.status, 0, found.stderr)
        let rows = found.stdout.split(separator: "\n").dropFirst()
        let statementID = try XCTUnwrap(rows.first.map { String($0.prefix { $0 != "," }) })
        XCTAssertTrue(found.stdout.contains("bridge-toll AGAINST"), found.stdout)
        let corrected = try stance(["correct", statementID, "--stance", "bridge-toll=FAVOR"])
        XCTAssertEqual(corrected.status, 0, corrected.stderr)
        XCTAssertEqual(try stance(["correct", statementID, "--stance", "no-such-topic=FAVOR"]).status, 2)
        XCTAssertEqual(try stance(["correct", "s-000000000000", "--not-a-statement"]).status, 2)
        XCTAssertEqual(try stance(["correct", statementID, "--speaker", "X", "--not-a-statement"]).status, 64)
        XCTAssertTrue(try stance(["search", "toll", "--topic", "bridge-toll"]).stdout.contains("bridge-toll FAVOR (corrected)"))

        // `report` writes the tables again from the database alone, with the correction.
        let report = try stance(["report", "--out", "again", "--csv-profile", "plain"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let stances = try String(contentsOf: folder.appendingPathComponent("again/stances.csv"), encoding: .utf8)
        XCTAssertTrue(stances.contains("\(statementID),bridge-toll,FAVOR,1,1,"), stances)
        XCTAssertTrue(stances.contains("correction@corrections:1="))
        let before = try String(contentsOf: folder.appendingPathComponent("Reports/statements.csv"), encoding: .utf8)
        let after = try String(contentsOf: folder.appendingPathComponent("again/statements.csv"), encoding: .utf8)
        XCTAssertEqual(after.split(separator: "\n").count, before.split(separator: "\n").count)
        XCTAssertTrue(after.contains("[corrected: stance bridge-toll]"))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("again/speakers.csv"), encoding: .utf8),
                       try String(contentsOf: folder.appendingPathComponent("Reports/speakers.csv"), encoding: .utf8))

        let runs = try stance(["runs", "--format", "csv"])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(runs.stdout.hasPrefix("run_id,started_at,tool_version,lexicon_hash,documents,statements,analysed,reused,failed,seconds,status\n"))
        XCTAssertTrue(runs.stdout.contains(",3,"), runs.stdout)
        let speakers = try stance(["speakers"])
        XCTAssertTrue(speakers.stdout.contains("Ilse Varga"), speakers.stdout)
        XCTAssertEqual(try stance(["runs", "--prune", "0"]).status, 64)
    }

    func testAForeignOrDamagedDatabaseIsRefusedAndLeftUntouched() throws {
        let corpus = try corpusFolder()
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path
        let notes = folder.appendingPathComponent("notes.sqlite")
        let bytes = Data("my notes, not a database\n".utf8)
        try bytes.write(to: notes)
        for arguments in [["analyze", corpus.path, "--out", folder.appendingPathComponent("out").path, "--db", notes.path,
                           "--lexicons", lexicons],
                          ["report", "--db", notes.path, "--out", folder.appendingPathComponent("out").path],
                          ["runs", "--db", notes.path], ["speakers", "--db", notes.path], ["search", "toll", "--db", notes.path]] {
            let exit = try stance(arguments)
            XCTAssertEqual(exit.status, 2, "\(arguments[0]): \(exit.stderr)")
            XCTAssertTrue(exit.stderr.contains("\(notes.path): not a SQLite database"), exit.stderr)
            XCTAssertEqual(try Data(contentsOf: notes), bytes, "never overwritten")
        }
        let missing = try stance(["report", "--db", folder.appendingPathComponent("none.sqlite").path, "--out", "x"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none.sqlite: no such database"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.sqlite").path), "not created by a reader")
    }
}

/// Values appended from parallel workers.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [StanceExit?] = []

    func append(_ value: StanceExit?) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [StanceExit?] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
