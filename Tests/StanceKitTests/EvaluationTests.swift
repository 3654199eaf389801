import XCTest
import StanceCore
import StanceKit
import StanceTestSupport

/// `stance evaluate`: gold files, the scorer math, the three kinds of gold, and ablation.
final class EvaluationTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-evaluate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - Gold files

    func testBadGoldFilesNameTheFileAndLine() {
        let good = #"{"document": "a.txt", "speaker": "Ann Lee", "start": 0, "end": 5}"#
        let cases: [(name: String, file: String, text: String, line: Int, says: String)] = [
            ("not JSON", "g.jsonl", good + "\n{oops\n", 2, "not a JSON object"),
            ("missing end", "g.jsonl", #"{"document": "a.txt", "speaker": "A", "start": 0}"#, 1, "missing \"end\""),
            ("empty range", "g.jsonl", good + "\n\n" + #"{"document": "a.txt", "speaker": "A", "start": 9, "end": 9}"#, 3, "not before"),
            ("negative offset", "g.jsonl", #"{"document": "a.txt", "speaker": "A", "start": -1, "end": 9}"#, 1, "whole number"),
            ("topic without stance", "g.jsonl", #"{"document": "a.txt", "speaker": "A", "start": 0, "end": 9, "topic": "t"}"#, 1, "go together"),
            ("unknown stance", "g.jsonl", #"{"document": "a.txt", "speaker": "A", "start": 0, "end": 9, "topic": "t", "stance": "MAYBE"}"#, 1, "MAYBE"),
            ("no statements", "g.jsonl", "\n\n", 1, "no gold statements"),
            ("unknown header", "g.csv", "who,what\nx,y\n", 1, "unknown gold header"),
            ("empty file", "g.csv", "", 1, "empty gold file"),
            ("bad position stance", "p.csv", "topic,speaker,stance\nt,Ann Lee,FAVOR\nt,Bob Ray,PRO\n", 3, "PRO"),
            ("duplicate position", "p.csv", "topic,speaker,stance\nt,Ann Lee,FAVOR\nt,Dr Ann Lee,AGAINST\n", 3, "already on line 2"),
            ("empty row text", "r.csv", "id,text,target,stance\nr1,,t,FAVOR\n", 2, "empty \"text\""),
            ("row after a two-line cell", "r.csv", "id,text,target,stance\nr1,\"two\nlines\",t,FAVOR\nr2,x,t,MIXED\n", 4, "MIXED"),
            ("unclosed quote", "r.csv", "id,text,target,stance\nr1,\"open,t,FAVOR\n", 2, "not closed"),
        ]
        for c in cases {
            XCTAssertThrowsError(try GoldFile.parse(c.text, file: c.file), c.name) { error in
                guard let error = error as? GoldFileError else { return XCTFail("\(c.name): \(error)") }
                XCTAssertEqual(error.file, c.file, c.name)
                XCTAssertEqual(error.line, c.line, "\(c.name): \(error)")
                XCTAssert(error.description.hasPrefix("\(c.file):\(c.line): "), "\(c.name): \(error)")
                XCTAssert(error.message.contains(c.says), "\(c.name): \(error)")
            }
        }
    }

    func testGoldKindsByExtensionAndHeader() throws {
        guard case .statements(let statements) = try GoldFile.read(path: Fixtures.url("gold/sample-statements.jsonl").path) else {
            return XCTFail("not statements")
        }
        XCTAssertEqual(statements.count, 24)
        XCTAssertEqual(statements[0].stance, .against)
        XCTAssertEqual(statements[0].line, 1)
        guard case .positions(let positions) = try GoldFile.read(path: Fixtures.url("gold/sample-positions.csv").path) else {
            return XCTFail("not positions")
        }
        XCTAssertEqual(positions.map(\.stance), [.against, .favor, .against, .favor, .against, .favor])
        guard case .rows(let rows) = try GoldFile.parse("\u{FEFF}ID,Text,Target,Stance\r\nr1,\"a, b\",t,favor\r\n", file: "r.csv") else {
            return XCTFail("not rows")
        }
        XCTAssertEqual(rows, [GoldRow(id: "r1", text: "a, b", target: "t", stance: .favor, line: 2)])
        XCTAssertThrowsError(try GoldFile.read(path: folder.appendingPathComponent("none.jsonl").path)) { error in
            XCTAssert("\(error)".hasSuffix("none.jsonl:1: no such file"), "\(error)")
        }
    }

    /// The README walk-through scores the sample with the copies in `gold/`: they must not drift
    /// from the fixtures the tests score.
    func testRepositoryGoldEqualsTheFixtures() throws {
        for file in ["sample-statements.jsonl", "sample-positions.csv"] {
            XCTAssertEqual(try Data(contentsOf: Fixtures.root.appendingPathComponent("gold/\(file)")),
                           try Data(contentsOf: Fixtures.url("gold/\(file)")), file)
        }
    }

    // MARK: - Scorer math

    func testConfusionMatrixScores() {
        let f = StanceLabel.favor, a = StanceLabel.against, n = StanceLabel.none
        let cases: [(name: String, pairs: [(StanceLabel, StanceLabel)], p: [Double], r: [Double], f1: [Double], macro: Double, accuracy: Double)] = [
            ("all right", [(f, f), (a, a), (n, n)], [1, 1, 1], [1, 1, 1], [1, 1, 1], 1, 1),
            ("one of each wrong", [(f, f), (f, a), (a, a), (a, n), (n, n), (n, f)],
             [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], 0.5, 0.5),
            ("never predicts AGAINST", [(f, f), (a, f), (a, n), (n, n)],
             [0.5, 0, 0.5], [1, 0, 1], [2.0 / 3, 0, 2.0 / 3], 4.0 / 9, 0.5),
            // NONE is neither in the gold nor predicted: macro-F1 averages FAVOR and AGAINST only.
            ("NONE unused", [(f, f), (a, a), (a, f)], [0.5, 1, 0], [1, 0.5, 0], [2.0 / 3, 2.0 / 3, 0], 2.0 / 3, 2.0 / 3),
            ("empty", [], [0, 0, 0], [0, 0, 0], [0, 0, 0], 0, 0),
        ]
        for c in cases {
            var matrix = ConfusionMatrix(labels: [f, a, n])
            for (gold, predicted) in c.pairs { matrix.add(gold: gold, predicted: predicted) }
            for (i, label) in [f, a, n].enumerated() {
                let s = matrix.scores(label)
                XCTAssertEqual(s.precision, c.p[i], accuracy: 1e-9, "\(c.name) \(label) precision")
                XCTAssertEqual(s.recall, c.r[i], accuracy: 1e-9, "\(c.name) \(label) recall")
                XCTAssertEqual(s.f1, c.f1[i], accuracy: 1e-9, "\(c.name) \(label) F1")
            }
            XCTAssertEqual(matrix.macroF1, c.macro, accuracy: 1e-9, c.name)
            XCTAssertEqual(matrix.accuracy, c.accuracy, accuracy: 1e-9, c.name)
            XCTAssertEqual(matrix.total, c.pairs.count, c.name)
        }
    }

    // MARK: - Statements gold

    func testSampleGoldGivesPerfectAttribution() throws {
        let result = try CorpusAnalyzer(lexicon: Fixtures.shippedLexicon).analyze(path: Fixtures.url("corpus/sample").path).result
        guard case .statements(let gold) = try GoldFile.read(path: Fixtures.url("gold/sample-statements.jsonl").path) else {
            return XCTFail("not statements")
        }
        let evaluation = Evaluator(gold: .statements(gold)).evaluate(result)
        XCTAssertEqual(evaluation.attribution, AttributionScores(gold: 24, found: 24, speakerRight: 24, predicted: 24, correct: 24))
        XCTAssertEqual(evaluation.attribution?.f1, 1)
        // Every found gold statement on each of the three sample topics.
        XCTAssertEqual(evaluation.stance.total, 24 * 3)
        // The 14 labelled gold statements all get their stance (as GoldTests counts them).
        XCTAssertEqual(evaluation.stance.scores(.favor).recall, 1)
        XCTAssertEqual(evaluation.stance.scores(.against).recall, 1)
        XCTAssertEqual(evaluation.stance.scores(.favor).gold + evaluation.stance.scores(.against).gold, 14)
        XCTAssert(evaluation.errors.allSatisfy { $0.kind == .stance && $0.expected == "NONE" }, "\(evaluation.errors)")
        XCTAssertEqual(evaluation.errors.count, evaluation.stance.total - Int((evaluation.stance.accuracy * 72).rounded()))
    }

    /// A hand-made prediction set with one error of every kind.
    func testWrongPredictionsGiveTheExpectedMatrixAndErrors() {
        func statement(_ start: Int, _ end: Int, _ speaker: String) -> Statement {
            Statement(documentID: "news/a.txt", paragraph: 0, range: TextRange(start, end), text: "text \(start)", kind: .indirect,
                      speaker: speaker, speakerMention: speaker, speakerKind: .person, cue: "said", rule: "reporting_cue", link: "name")
        }
        func stance(_ s: Statement, _ label: StanceLabel) -> StatementStance {
            StatementStance(statementID: s.id, topic: "t", label: label, score: label == .favor ? 1 : label == .against ? -1 : 0,
                            confidence: 1, evidence: [Evidence(rule: "predicate", location: SourceLocation(file: "stance/predicates.tsv", line: 3), contribution: 1)])
        }
        func gold(_ start: Int, _ end: Int, _ speaker: String, _ label: StanceLabel?, line: Int) -> GoldStatement {
            GoldStatement(document: "a.txt", speaker: speaker, kind: "indirect", range: TextRange(start, end), text: "gold \(start)",
                          topic: label == nil ? nil : "t", stance: label, line: line)
        }
        let goldSet: [GoldStatement] = [
            gold(0, 20, "Ann Lee", .favor, line: 1),
            gold(30, 50, "Bob Ray", .against, line: 2),
            gold(60, 80, "Cy Doe", nil, line: 3),
            gold(100, 120, "Di Fox", .favor, line: 4),    // missed
            gold(700, 720, "Ed Hu", nil, line: 5),        // covered only by a statement 620 scalars longer: missed
        ]
        let p1 = statement(0, 22, "Lee"), p2 = statement(28, 50, "Ann Lee"), p3 = statement(60, 80, "Cy Doe")
        let p4 = statement(200, 220, "Gus Ix"), p5 = statement(100, 740, "Ed Hu")
        let other = Statement(documentID: "b.txt", paragraph: 0, range: TextRange(0, 9), text: "elsewhere", kind: .direct, speaker: "Z",
                              speakerMention: "Z", speakerKind: .person, cue: "", rule: "direct_quote", link: "")
        let result = CorpusResult(run: RunInfo(runID: "r-test", lexiconHash: "h", toolVersion: "0", analysisDate: "2026-01-01T00:00:00Z"),
                                  topics: [TopicSummary(id: "t", label: "T", target: "T")], documents: [],
                                  statements: [p1, p2, p3, p4, p5, other],
                                  stances: [stance(p1, .favor), stance(p2, .favor), stance(p3, .against), stance(p4, .against)],
                                  speakers: [], positions: [], contrasts: [], allies: [])
        let evaluation = Evaluator(gold: .statements(goldSet)).evaluate(result)
        // p5 is too long for Di Fox's and Ed Hu's statements, and overlaps Di Fox's by half of the shorter: correct.
        XCTAssertEqual(evaluation.attribution, AttributionScores(gold: 5, found: 3, speakerRight: 2, predicted: 5, correct: 4))
        XCTAssertEqual(evaluation.stance.counts, [[1, 0, 0], [1, 0, 0], [0, 1, 0]])
        // In document and offset order; at one place, attribution errors before stance errors.
        XCTAssertEqual(evaluation.errors.map(\.kind), [.speaker, .stance, .stance, .missed, .falsePositive, .missed])
        XCTAssertEqual(evaluation.errors.map { $0.range?.start }, [30, 30, 60, 100, 200, 700])
        let speaker = evaluation.errors[0]
        XCTAssertEqual([speaker.expected, speaker.got, speaker.statementID], ["Bob Ray", "Ann Lee", p2.id])
        XCTAssertEqual(speaker.attribution, "reporting_cue \"said\"")
        let wrongSide = evaluation.errors[1]
        XCTAssertEqual([wrongSide.expected, wrongSide.got, wrongSide.topic], ["AGAINST", "FAVOR", "t"])
        XCTAssertEqual(wrongSide.goldLine, 2)
        XCTAssertEqual(wrongSide.evidence.map(\.formatted), ["predicate@stance/predicates.tsv:3=+1.00"])
        XCTAssertEqual([evaluation.errors[2].expected, evaluation.errors[2].got], ["NONE", "AGAINST"])
        XCTAssertEqual(evaluation.errors[4].statementID, p4.id)
        XCTAssertEqual(evaluation.errors[4].got, "statement by Gus Ix t AGAINST")
        XCTAssert(evaluation.notes.contains { $0.contains("1 analysed document has no gold statement") }, "\(evaluation.notes)")
    }

    // MARK: - Positions and stance rows

    func testPositionsGold() {
        func position(_ speaker: String, _ label: StanceLabel) -> Position {
            Position(topic: "t", speaker: speaker, label: label, score: label == .favor ? 0.5 : 0, confidence: 1, statements: 2,
                     favorStatements: 1, againstStatements: 1, strongestStatementID: nil)
        }
        let result = CorpusResult(run: RunInfo(runID: "r", lexiconHash: "h", toolVersion: "0", analysisDate: "d"),
                                  topics: [TopicSummary(id: "t", label: "T", target: "T")], documents: [], statements: [], stances: [],
                                  speakers: [], positions: [position("Ann Lee", .favor), position("Bob Ray", .mixed),
                                                            Position(topic: "t", speaker: "Cy Doe", label: .against, score: -1, confidence: 1,
                                                                     statements: 1, favorStatements: 0, againstStatements: 1,
                                                                     strongestStatementID: nil, group: "Some Outlet")],
                                  contrasts: [], allies: [])
        let gold: [GoldPosition] = [GoldPosition(topic: "t", speaker: "Dr. Ann Lee", stance: .favor, line: 2),
                                    GoldPosition(topic: "t", speaker: "Bob Ray", stance: .against, line: 3),
                                    // Only a by-source position: no overall one.
                                    GoldPosition(topic: "t", speaker: "Cy Doe", stance: .against, line: 4)]
        let evaluation = Evaluator(gold: .positions(gold)).evaluate(result)
        XCTAssertEqual(evaluation.stance.labels, [.favor, .against, .mixed, .none])
        XCTAssertEqual(evaluation.stance.counts, [[1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]])
        XCTAssertEqual(evaluation.errors.map(\.got), ["MIXED (score +0.00, 2 statements: 1 for, 1 against)", "no position"])
        XCTAssertEqual(evaluation.errors.map(\.goldLine), [3, 4])
    }

    func testSamplePositionsGoldHolds() throws {
        let result = try CorpusAnalyzer(lexicon: Fixtures.shippedLexicon).analyze(path: Fixtures.url("corpus/sample").path).result
        let gold = try GoldFile.read(path: Fixtures.url("gold/sample-positions.csv").path)
        let evaluation = Evaluator(gold: gold).evaluate(result)
        XCTAssertEqual(evaluation.errors.count, 0, "\(evaluation.errors)")
        XCTAssertEqual(evaluation.stance.macroF1, 1)
        XCTAssertEqual(evaluation.stance.total, 6)
    }

    func testStanceRowsAreScoredAsClassifyScoresThem() throws {
        let gold = try GoldFile.read(path: Fixtures.url("eval/stance-rows.csv").path)
        let outcome = EvaluationRun.rows(gold, goldFile: "stance-rows.csv", lexicon: Fixtures.shippedLexicon, options: .init())
        let evaluation = outcome.report.evaluation
        // Rows: AGAINST right, FAVOR right, NONE right, a FAVOR gold the rules read as AGAINST, an entity target.
        XCTAssertEqual(evaluation.stance.counts, [[2, 1, 0], [0, 1, 0], [0, 0, 1]])
        XCTAssertEqual(evaluation.errors.count, 1)
        let error = try XCTUnwrap(evaluation.errors.first)
        XCTAssertEqual([error.document, error.expected, error.topic], ["r4", "FAVOR", "russia-peace"])
        XCTAssertEqual(error.goldLine, 5)
        XCTAssert(error.got.hasPrefix("AGAINST"), error.got)
        let classified = Classifier(lexicon: Fixtures.shippedLexicon).classify("Russia does not want peace, he said", target: "russia-peace")
        XCTAssertEqual(error.evidence, classified.evidence)
        XCTAssert(outcome.report.json.contains("\"confusion\":[[2,1,0],[0,1,0],[0,0,1]]"), outcome.report.json)
    }

    // MARK: - Ablation

    func testLexiconWithoutOneEntry() throws {
        let lexicon = Fixtures.shippedLexicon
        let predicate = try XCTUnwrap(lexicon.list("stance/predicates").entries.first { $0.term == "interested in" })
        let object = try XCTUnwrap(lexicon.topics.first { $0.id == "russia-peace" }?.objects.first { $0.term == "peace" })
        let smaller = lexicon.removing([predicate.location, object.location])
        XCTAssertEqual(smaller.list("stance/predicates").entries.count, lexicon.list("stance/predicates").entries.count - 1)
        XCTAssertFalse(smaller.list("stance/predicates").entries.contains { $0.term == "interested in" })
        let topic = try XCTUnwrap(smaller.topics.first { $0.id == "russia-peace" })
        XCTAssertFalse(topic.objects.contains { $0.term == "peace" })
        XCTAssert(topic.objects.contains { $0.term == "peace agreement" })
        XCTAssertEqual(smaller.allEntries.count, lexicon.allEntries.count - 2)
        XCTAssertEqual(lexicon.entriesByLocation[predicate.location]?.section, "stance/predicates")
    }

    /// One article, one statement: removing the predicate that decides it leaves it NONE, removing
    /// the negator turns it around; entries that do not decide it change nothing.
    func testAblationFindsTheEntryThatDecidesAStatement() throws {
        let text = "Peace talks resumed on Monday.\n\nArif Mammadov said Moscow is not interested in the signing of a peace agreement.\n"
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: corpus.appendingPathComponent("one.txt"))
        let quote = "Moscow is not interested in the signing of a peace agreement"
        let start = text.unicodeScalars.count - text.components(separatedBy: quote)[1].unicodeScalars.count - quote.unicodeScalars.count
        let goldLine = #"{"document": "one.txt", "speaker": "Arif Mammadov", "kind": "indirect", "start": \#(start), "end": \#(start + quote.unicodeScalars.count), "topic": "russia-peace", "stance": "AGAINST"}"#
        let gold = try GoldFile.parse(goldLine + "\n", file: "one.jsonl")
        let outcome = try EvaluationRun.analyzing(path: corpus.path, gold: gold, goldFile: "one.jsonl", lexicon: Fixtures.shippedLexicon,
                                                  options: .init(ablate: true))
        let report = outcome.report
        XCTAssertEqual(report.evaluation.attribution?.found, 1)
        XCTAssertEqual(report.evaluation.errors.count, 0, "\(report.evaluation.errors)")
        let ablation = try XCTUnwrap(report.ablation)
        let byTerm = Dictionary(ablation.map { ($0.entry.entry.term, $0) }, uniquingKeysWith: { a, _ in a })
        let predicate = try XCTUnwrap(byTerm["interested in"])
        XCTAssertEqual(predicate.entry.entry.location.file, "stance/predicates.tsv")
        XCTAssertEqual(predicate.causes.map { [$0.expected, $0.got] }, [["AGAINST", "NONE"]])
        XCTAssertLessThan(predicate.delta, 0)
        XCTAssertEqual(predicate.fixes.count, 0)
        XCTAssertEqual(predicate.fired, 1)
        let negator = try XCTUnwrap(byTerm["not"])
        XCTAssertEqual(negator.causes.map { [$0.expected, $0.got] }, [["AGAINST", "FAVOR"]])
        // Sorted by impact: entries that change nothing come last.
        let firstHarmless = try XCTUnwrap(ablation.firstIndex { $0.delta == 0 })
        XCTAssert(ablation[firstHarmless...].allSatisfy { $0.delta == 0 && $0.causes.isEmpty })
        XCTAssert(ablation[..<firstHarmless].contains { $0.entry.entry.term == "interested in" })
        XCTAssert(report.text.contains("stance/predicates.tsv:"), report.text)
        XCTAssert(report.json.contains("\"term\":\"interested in\""), report.json)
    }

    /// A stance corrected with `stance correct` (evidence ending in `correction@...`) is a reader's
    /// decision: removing an entry that fired in it does not change it.
    func testAblationLeavesCorrectedStances() throws {
        let text = "Arif Mammadov said Moscow is not interested in the signing of a peace agreement.\n"
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: corpus.appendingPathComponent("one.txt"))
        let analyzer = CorpusAnalyzer(lexicon: Fixtures.shippedLexicon)
        let outcome = try analyzer.analyze(path: corpus.path)
        let result = outcome.result
        let original = try XCTUnwrap(result.stances.first { $0.topic == "russia-peace" })
        let corrected = StatementStance(statementID: original.statementID, topic: original.topic, label: .against, score: -1,
                                        confidence: 1, evidence: original.evidence
                                            + [Evidence(rule: "correction", location: SourceLocation(file: "corrections", line: 1), contribution: 0)])
        let stances = result.stances.map { $0 == original ? corrected : $0 }
        let stored = CorpusResult(run: result.run, topics: result.topics, documents: result.documents, statements: result.statements,
                                  stances: stances, speakers: result.speakers, positions: result.positions,
                                  contrasts: result.contrasts, allies: result.allies)
        let statement = try XCTUnwrap(result.statements.first)
        let gold = GoldSet.statements([GoldStatement(document: "one.txt", speaker: "Arif Mammadov", kind: "indirect", range: statement.range,
                                                     text: statement.text, topic: "russia-peace", stance: .against, line: 1)])
        let evaluator = Evaluator(gold: gold)
        let ablation = Ablation.run(evaluator: evaluator, baseline: evaluator.evaluate(stored), result: stored,
                                    analyses: outcome.analyses, lexicon: Fixtures.shippedLexicon)
        let predicate = try XCTUnwrap(ablation.first { $0.entry.entry.term == "interested in" })
        XCTAssertEqual(predicate.causes.count, 0, "\(predicate.causes)")
        XCTAssertEqual(predicate.delta, 0)
    }

    /// Ablation of stance rows: removing an entry that causes an error fixes it.
    func testRowsAblationReportsFixes() throws {
        let gold = try GoldFile.read(path: Fixtures.url("eval/stance-rows.csv").path)
        let outcome = EvaluationRun.rows(gold, goldFile: "stance-rows.csv", lexicon: Fixtures.shippedLexicon, options: .init(ablate: true))
        let negator = try XCTUnwrap(outcome.report.ablation?.first { $0.entry.entry.term == "not" && $0.entry.section == "stance/negators" })
        XCTAssertEqual(negator.fixes.map(\.document), ["r4"])
        XCTAssertEqual(negator.causes.map(\.document), ["r1"])
    }
}
