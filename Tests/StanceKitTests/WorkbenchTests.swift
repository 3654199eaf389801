import XCTest
import StanceCore
import StanceKit
import StanceLexicon
import StanceAnalysis
import StanceTestSupport

/// The lexicon workbench (issue 9): `lexicon check --corpus` (W003), `explain`, `kwic`, `coverage`,
/// each on the fixture corpus and the shipped lexicons.
final class WorkbenchTests: XCTestCase {
    let sample = Fixtures.url("corpus/sample")
    var sampleFile: URL { sample.appendingPathComponent("shoigu-baku-visit.txt") }
    var lexicon: Lexicon { Fixtures.shippedLexicon }
    var folder: URL?

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// A private copy of the shipped lexicons.
    func lexiconCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("stance-workbench-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: copy)
        folder = copy
        return copy
    }

    /// The 1-based line of `file` (relative to Lexicons/) whose text is exactly `line`.
    func lineNumber(_ file: String, _ line: String) throws -> Int {
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("Lexicons/" + file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        return try XCTUnwrap(lines.firstIndex(of: line), "\(line) not in \(file)") + 1
    }

    // MARK: - lexicon check --corpus (W003)

    func testW003NamesAnEntryThatCannotMatchOnTheSample() throws {
        let copy = try lexiconCopy()
        let outlets = copy.appendingPathComponent("attribution/outlets.tsv")
        var text = try String(contentsOf: outlets, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        let line = text.components(separatedBy: "\n").count  // the line the new entry lands on
        try (text + "zzyzx gazette\n").write(to: outlets, atomically: true, encoding: .utf8)
        let lexicon = Fixtures.load(copy)

        let result = try EntryUsage.check(lexicon: lexicon, corpus: sample.path)
        XCTAssertEqual(result.documents, 1)
        XCTAssert(result.failures.isEmpty)
        let unused = try XCTUnwrap(result.warnings.first { $0.message.contains("zzyzx gazette") })
        XCTAssertEqual(unused.code, .unusedEntry)
        XCTAssertEqual(unused.severity, .warning)
        XCTAssertEqual(unused.location, SourceLocation(file: "attribution/outlets.tsv", line: line, column: 1))
        XCTAssertEqual(unused.description,
                       "attribution/outlets.tsv:\(line):1: warning: [W003] \"zzyzx gazette\" never matches on the corpus (1 document)")

        let warned = Set(result.warnings.map(\.location))
        // What does occur is used: a multiword predicate, a `_` slot, a negator, a topic object phrase,
        // a wildcard object and an entry the tokenizer reads with its dots ("U.S.").
        let used: [SourceLocation] = [
            SourceLocation(file: "stance/predicates.tsv", line: try lineNumber("stance/predicates.tsv", "interested in\tinterest\t1\tafter")),
            SourceLocation(file: "stance/predicates.tsv", line: try lineNumber("stance/predicates.tsv", "within _ interests\tinterest\t1\tbefore")),
            SourceLocation(file: "stance/negators.tsv", line: try lineNumber("stance/negators.tsv", "not")),
        ]
        for location in used { XCTAssertFalse(warned.contains(location), "\(location) is used in the sample") }
        for topic in lexicon.topics {
            for entry in topic.objects + topic.holder + topic.actors.values.flatMap({ $0 })
            where ["signing of a peace agreement", "peace effort*", "u.s.", "moscow"].contains(entry.term) {
                XCTAssertFalse(warned.contains(entry.location), "\(entry.term) (\(entry.location)) is used in the sample")
            }
        }
        // Lists where "unused" means nothing are not checked.
        XCTAssertFalse(result.warnings.contains { $0.location.file.hasPrefix("grammar/") || $0.location.file.hasPrefix("cleaning/")
            || $0.location.file.hasPrefix("suggest/") || $0.location.file == "segmentation/abbreviations.tsv" })
        XCTAssert(LexiconWarnings.isUsageExempt(list: "grammar/determiners"))
        XCTAssert(LexiconWarnings.isUsageExempt(list: "cleaning/boilerplate"))
        XCTAssertFalse(LexiconWarnings.isUsageExempt(list: "stance/predicates"))

        // Merged with the loader's diagnostics, in file, line and column order.
        let merged = LexiconWarnings.merged(LexiconLoader.load(directory: copy).diagnostics, result.warnings)
        XCTAssertEqual(merged.count, LexiconLoader.load(directory: copy).diagnostics.count + result.warnings.count)
        let places = merged.map { "\($0.location.file)\u{0}\(String(format: "%08d%08d", $0.location.line, $0.location.column))" }
        XCTAssertEqual(places, places.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    func testW003CountsAnEntryEvenWhenALongerOneMatchesAtTheSamePlace() throws {
        let entries = [
            LexiconEntry(term: "peace", words: ["peace"], isWildcard: false, location: SourceLocation(file: "t.tsv", line: 2)),
            LexiconEntry(term: "peace agreement", words: ["peace", "agreement"], isWildcard: false,
                         location: SourceLocation(file: "t.tsv", line: 3)),
            LexiconEntry(term: "mr.", words: ["mr."], isWildcard: false, location: SourceLocation(file: "t.tsv", line: 4)),
            LexiconEntry(term: "peace deal", words: ["peace", "deal"], isWildcard: false, location: SourceLocation(file: "t.tsv", line: 5)),
        ]
        let small = Lexicon(lists: ["t": WordList(name: "t", file: "t.tsv", columns: ["term"], entries: entries)], topics: [],
                            speakers: [], settings: Settings(), hash: "x")
        let usage = EntryUsage(lexicon: small)
        usage.read(Document(id: "d", text: "Mr. Aliyev wants a peace agreement.\n"))
        XCTAssertEqual(usage.warnings.map(\.location.line), [5])
    }

    // MARK: - explain

    func testExplainASentenceShowsPredicateAndNegationWithTheirPlaces() throws {
        let sentence = "Moscow is not interested in the signing of a peace agreement"
        let explanation = Explainer(lexicon: lexicon).explain(text: sentence, topic: "russia-peace")
        XCTAssertEqual(explanation.statements.count, 1)
        let trail = explanation.statements[0]
        XCTAssertNil(trail.statement, "no reporting frame: the whole text is scored")
        let decision = try XCTUnwrap(trail.topics.first)
        XCTAssertEqual(decision.topicID, "russia-peace")
        XCTAssertEqual(decision.placement, .ownWords)
        XCTAssertEqual(decision.stance, .against)

        let predicateLine = try lineNumber("stance/predicates.tsv", "interested in\tinterest\t1\tafter")
        let negatorLine = try lineNumber("stance/negators.tsv", "not")
        let predicate = try XCTUnwrap(decision.rules.first { $0.evidence.rule == "predicate" })
        XCTAssertEqual(predicate.evidence.location.fileLine, "stance/predicates.tsv:\(predicateLine)")
        XCTAssertEqual(predicate.entry?.term, "interested in")
        XCTAssertGreaterThan(predicate.evidence.contribution, 0)
        let negation = try XCTUnwrap(decision.rules.first { $0.evidence.rule == "negation" })
        XCTAssertEqual(negation.evidence.location.fileLine, "stance/negators.tsv:\(negatorLine)")
        XCTAssertEqual(negation.text, "not")
        XCTAssertLessThan(negation.evidence.contribution, 0)
        // Topic terms with their places, and the same decision `stance classify` makes.
        XCTAssert(decision.terms.contains { $0.role == "holder" && $0.text == "Moscow" && $0.entry.location.file == "topics/russia-peace.yaml" })
        XCTAssert(decision.terms.contains { $0.role == "object" && $0.text == "signing of a peace agreement" })
        let classified = Classifier(lexicon: lexicon).classify(sentence, target: "russia-peace")
        XCTAssertEqual(classified.stance, decision.stance)
        XCTAssertEqual(classified.score, decision.score, accuracy: 1e-9)
        XCTAssertEqual(classified.evidence, decision.rules.map(\.evidence))

        let text = explanation.text
        XCTAssert(text.contains("predicate@stance/predicates.tsv:\(predicateLine)="), text)
        XCTAssert(text.contains("negation@stance/negators.tsv:\(negatorLine)="), text)
        XCTAssert(text.contains("sentence 0..<"), text)
        XCTAssert(text.contains("result: AGAINST"), text)

        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(explanation.json.utf8)) as? [String: Any])
        let statements = try XCTUnwrap(json["statements"] as? [[String: Any]])
        let topics = try XCTUnwrap(statements.first?["topics"] as? [[String: Any]])
        let rules = try XCTUnwrap(topics.first?["rules"] as? [[String: Any]])
        XCTAssert(rules.contains { $0["rule"] as? String == "negation" && $0["file"] as? String == "stance/negators.tsv"
            && $0["line"] as? Int == negatorLine })
        XCTAssertEqual(topics.first?["stance"] as? String, "AGAINST")
        XCTAssertNotNil((json["segmentation"] as? [String: Any])?["sentences"])
    }

    func testExplainASentenceWithAReportingFrameExplainsItsStatement() throws {
        let explanation = Explainer(lexicon: lexicon).explain(
            text: "Former ambassador Arif Mammadov believes that Moscow is not interested in the signing of a peace agreement.")
        let trail = try XCTUnwrap(explanation.statements.first)
        let statement = try XCTUnwrap(trail.statement)
        XCTAssertEqual(statement.text, "Moscow is not interested in the signing of a peace agreement")
        XCTAssertEqual(statement.speaker, "Arif Mammadov")
        XCTAssertEqual(statement.cue, "believes")
        XCTAssertEqual(trail.topics.first { $0.topicID == "russia-peace" }?.stance, .against)
        XCTAssert(explanation.text.contains("found by rule \(statement.rule), cue \"believes\""))
    }

    func testExplainAStatementOfTheSampleByID() throws {
        let result = try CorpusAnalyzer(lexicon: lexicon).analyze(path: sample.path).result
        let target = try XCTUnwrap(result.statements.first { $0.text.hasPrefix("Moscow is not interested") })
        let source = ReanalysisSource(lexicon: lexicon, path: sample.path)
        let record = try XCTUnwrap(try source.record(statementID: target.id))
        XCTAssertNil(try source.record(statementID: "s-000000000000"))

        let explainer = Explainer(lexicon: lexicon)
        let explanation = explainer.explain(record)
        XCTAssertEqual(explanation.document?.id, "shoigu-baku-visit.txt")
        XCTAssertEqual(explanation.segmentation?.paragraphs.map(\.index), [target.paragraph])
        XCTAssertFalse(explanation.segmentation?.sentences.isEmpty ?? true)
        let trail = try XCTUnwrap(explanation.statements.first)
        XCTAssertEqual(trail.statement?.id, target.id)
        XCTAssertEqual(trail.statement?.speaker, "Arif Mammadov")
        XCTAssertEqual(trail.speaker?.name, "Arif Mammadov")
        XCTAssertFalse(trail.statement?.link.isEmpty ?? true)
        // Every topic the run placed it in, with the run's own decision.
        let runStances = result.stances.filter { $0.statementID == target.id }
        XCTAssertEqual(Set(trail.topics.map(\.topicID)), Set(runStances.map(\.topic)))
        for decision in trail.topics {
            let stance = try XCTUnwrap(runStances.first { $0.topic == decision.topicID })
            XCTAssertEqual(decision.stance, stance.label)
            XCTAssertEqual(decision.rules.map(\.evidence), stance.evidence)
        }
        let peace = try XCTUnwrap(trail.topics.first { $0.topicID == "russia-peace" })
        XCTAssertEqual(Set(peace.rules.map(\.evidence.rule)).intersection(["predicate", "negation"]), ["predicate", "negation"])
        let text = explanation.text
        XCTAssert(text.contains("Speaker: Arif Mammadov"), text)
        XCTAssert(text.contains("cue \"believes\""), text)

        // The store's seam: a record without the document's analysis gives the same terms and rules.
        let stored = StatementRecord(statement: record.statement, stances: record.stances, speaker: record.speaker, analysis: nil)
        let fromStore = try XCTUnwrap(explainer.explain(stored).statements.first?.topics.first { $0.topicID == "russia-peace" })
        XCTAssertNil(explainer.explain(stored).segmentation)
        XCTAssertEqual(fromStore.rules.map(\.evidence), peace.rules.map(\.evidence))
        XCTAssertEqual(fromStore.terms.map(\.range), peace.terms.map(\.range))
        XCTAssertEqual(fromStore.terms.map(\.text), peace.terms.map(\.text))
    }

    func testExplainRejectsAnUnknownTopic() {
        XCTAssertThrowsError(try Explainer(lexicon: lexicon).checkTopic("no-such-topic"))
        XCTAssertNoThrow(try Explainer(lexicon: lexicon).checkTopic("russia-peace"))
    }

    // MARK: - kwic

    func testKwicOfAWildcardFindsTheSampleLines() throws {
        let kwic = KeywordInContext(entries: [try KeywordInContext.pattern("interest*")], lexicon: lexicon, width: 30)
        let (hits, failures) = try kwic.hits(path: sample.path)
        XCTAssert(failures.isEmpty)
        let text = try String(contentsOf: sampleFile, encoding: .utf8)
        let document = Document(id: "shoigu-baku-visit.txt", text: text)
        // Every line of the sample with a word starting "interest" has its hits, and nothing else does.
        var offset = 0
        var expected = 0
        for line in text.components(separatedBy: "\n") {
            let length = line.unicodeScalars.count
            let count = line.lowercased().components(separatedBy: "interest").count - 1
            expected += count
            XCTAssertEqual(hits.filter { $0.range.start >= offset && $0.range.end <= offset + length }.count, count, line)
            offset += length + 1
        }
        XCTAssertEqual(hits.count, expected)
        XCTAssertGreaterThan(expected, 0)
        for hit in hits {
            XCTAssertEqual(hit.keyword, document.text(in: hit.range))
            XCTAssert(hit.keyword.lowercased().hasPrefix("interest"))
            XCTAssertLessThanOrEqual(hit.pre.count, 30)
            XCTAssertLessThanOrEqual(hit.post.count, 30)
        }
        XCTAssert(hits.contains { $0.keyword == "interested" && $0.pre.hasSuffix("Moscow is not ") })

        let csv = KeywordInContext.table(hits).render(.plain)
        XCTAssert(csv.hasPrefix("document,paragraph,pre,keyword,post,start,end,entry\n"))
        XCTAssertEqual(csv.split(separator: "\n").count, hits.count + 1)
        let lines = KeywordInContext.jsonLines(hits).split(separator: "\n")
        XCTAssertEqual(lines.count, hits.count)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["document"] as? String, "shoigu-baku-visit.txt")
        XCTAssertEqual(first["keyword"] as? String, hits[0].keyword)
        XCTAssert(KeywordInContext.text(hits, width: 30).contains("[interested]"))
    }

    func testKwicOfAMultiwordPatternAndASlot() throws {
        let kwic = KeywordInContext(entries: [try KeywordInContext.pattern("peace agreement")], lexicon: lexicon)
        XCTAssertEqual(try kwic.hits(path: sample.path).hits.map(\.keyword).count, 4)
        XCTAssertThrowsError(try KeywordInContext.pattern("inter*est"))
        XCTAssertThrowsError(try KeywordInContext.pattern("  "))
    }

    func testKwicOfALexiconEntryByItsPlace() throws {
        let line = try lineNumber("stance/predicates.tsv", "within _ interests\tinterest\t1\tbefore")
        let entries = LexiconEntries(lexicon)
        let items = entries.items(file: "stance/predicates.tsv", line: line)
        XCTAssertEqual(items.map(\.entry.term), ["within _ interests"])
        XCTAssertEqual(entries.items(file: "Lexicons/stance/predicates.tsv", line: line).count, 1)
        XCTAssertEqual(items.first?.source, "stance/predicates")
        let hits = try KeywordInContext(entries: items.map(\.entry), lexicon: lexicon).hits(path: sample.path).hits
        XCTAssertEqual(hits.map(\.keyword), ["within Russia's interests"])
        XCTAssertEqual(KeywordInContext.table(hits).rows.first?.last, "stance/predicates.tsv:\(line):1 within _ interests")

        // An entry ending in "." fires on a word followed by a full stop, keyword and stop together.
        let honorific = entries.items(file: "attribution/honorifics.tsv", line: try lineNumber("attribution/honorifics.tsv", "mr.\tm"))
        let dotted = KeywordInContext(entries: honorific.map(\.entry), lexicon: lexicon)
            .hits(in: Document(id: "d", text: "Yesterday Mr. Aliyev spoke.\n"))
        XCTAssertEqual(dotted.map(\.keyword), ["Mr."])
        // A YAML flow list holds several entries on one line; the column picks one.
        let holderLine = try XCTUnwrap(lexicon.topics.first { $0.id == "russia-peace" }?.holder.first?.location)
        XCTAssertGreaterThan(entries.items(file: holderLine.file, line: holderLine.line).count, 1)
        XCTAssertEqual(entries.items(file: holderLine.file, line: holderLine.line, column: holderLine.column).count, 1)
    }

    // MARK: - coverage

    func testCoverageListsNoneStatementsAndUncoveredWords() throws {
        let result = try CorpusAnalyzer(lexicon: lexicon).analyze(path: sample.path).result
        let analyzer = CoverageAnalyzer(lexicon: lexicon)
        let coverage = analyzer.coverage(result)
        XCTAssertEqual(coverage.map(\.topicID), lexicon.topics.map(\.id))
        for topic in coverage {
            XCTAssertEqual(topic.placed, result.stances.filter { $0.topic == topic.topicID }.count)
            let none = Set(result.stances.filter { $0.topic == topic.topicID && $0.label == .none }.map(\.statementID))
            XCTAssertEqual(Set(topic.unscored.map(\.statementID)), none)
        }
        let candidates = coverage.flatMap(\.candidates)
        XCTAssertFalse(candidates.isEmpty, "the sample has words near its targets that no entry covers")
        // Candidates are content words no entry matches.
        let grammar = Set(lexicon.lists.filter { $0.key.hasPrefix("grammar/") || $0.key == "suggest/stopwords" }
            .flatMap { $0.value.entries.map { $0.words.joined(separator: " ") } })
        let indexes = lexicon.lists.filter { !$0.key.hasPrefix("grammar/") && !$0.key.hasPrefix("suggest/") && !$0.key.hasPrefix("cleaning/") }
            .map { PhraseIndex($0.value) } + lexicon.topics.map { PhraseIndex($0.holder + $0.objects + $0.opposites + $0.terms + $0.cues) }
        for candidate in candidates {
            XCTAssertFalse(grammar.contains(candidate.word), candidate.word)
            XCTAssert(indexes.allSatisfy { !$0.contains(word: candidate.word) }, "\(candidate.word) is covered")
            XCTAssertGreaterThanOrEqual(candidate.count, candidate.statements)
        }
        for topic in coverage {
            XCTAssertEqual(topic.candidates.map(\.count), topic.candidates.map(\.count).sorted(by: >))
        }
        let text = analyzer.text(coverage)
        XCTAssert(text.contains("russia-peace"))
        XCTAssert(text.contains(candidates[0].word))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(analyzer.json(coverage).utf8)) as? [String: Any])
        XCTAssertEqual((json["topics"] as? [[String: Any]])?.count, coverage.count)
    }

    func testCoverageWorksWithoutAStopwordList() throws {
        let copy = try lexiconCopy()
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("suggest"))
        let bare = Fixtures.load(copy)
        let result = try CorpusAnalyzer(lexicon: bare).analyze(path: sample.path).result
        let analyzer = CoverageAnalyzer(lexicon: bare, options: .init(window: 3, top: 5))
        XCTAssertFalse(analyzer.hasStopwords)
        let coverage = analyzer.coverage(result)
        XCTAssertFalse(coverage.flatMap(\.candidates).isEmpty)
        XCTAssert(coverage.allSatisfy { $0.candidates.count <= 5 })
        XCTAssert(analyzer.text(coverage).contains("no suggest/stopwords list"))
    }
}
