import XCTest
import StanceCore
import StanceKit
import StanceLexicon
import StanceTestSupport

/// `stance topics suggest`: phrases ranked on hand-made statements, and drafts from the dev corpus
/// that load with the project's loader and place the corpus's statements.
final class TopicSuggesterTests: XCTestCase {
    // MARK: - Ranking on hand-made statements

    static let stopwords = ["the", "is", "will", "too", "much", "must", "are", "again", "said", "a", "of", "and", "on"]

    /// One document; each item is (speaker, text). Speakers are people unless named "the ...".
    func document(_ id: String, _ items: [(String, String)]) -> DocumentResult {
        var offset = 0
        let statements = items.map { speaker, text -> Statement in
            defer { offset += text.unicodeScalars.count + 1 }
            return Statement(documentID: id, paragraph: 1, range: TextRange(offset, offset + text.unicodeScalars.count), text: text,
                             kind: .direct, speaker: speaker, speakerMention: speaker, speakerKind: .person, cue: "said",
                             rule: "direct_quote", link: "name")
        }
        var speakers: [DocumentSpeaker] = []
        for (name, _) in items where !speakers.contains(where: { $0.name == name }) {
            let organisation = name.hasPrefix("the ")
            speakers.append(DocumentSpeaker(name: name, kind: organisation ? .organisation : .person,
                                            aliases: [name, String(name.split(separator: " ").last!)],
                                            links: [name + "<-name"]))
        }
        let summary = DocumentSummary(id: id, contentHash: id, fingerprint: "0", title: nil, date: nil, source: nil,
                                      statements: statements.count)
        return DocumentResult(summary: summary, statements: statements, speakers: speakers, stances: [], disagreements: [])
    }

    var handMade: [DocumentResult] {
        [
            document("a.txt", [
                ("Ana Reyes", "The harbour tunnel will cost too much."),
                ("Bo Lind", "The harbour tunnel is overdue, Reyes is wrong."),
                ("Cy Moss", "Fishing quotas hurt the harbour."),
                ("Ana Reyes", "Fishing quotas must stay, 400 boats depend on them."),
            ]),
            document("b.txt", [
                ("Ana Reyes", "Wind farms are ugly."),
                ("Ana Reyes", "Wind farms ruin the coast."),
                ("Ana Reyes", "Wind farms again."),
                ("the port authority", "The port authority said nothing."),
                ("Bo Lind", "The port authority and the port authority board."),
            ]),
        ]
    }

    func testRanksBySpeakersThenStatementsAndMergesPartsIntoLongerPhrases() {
        let suggester = TopicSuggester(stopwords: Self.stopwords, options: .init(maxTopics: 10))
        let result = suggester.suggest(documents: handMade)
        let ranked = result.ranked.map(\.text)
        // harbour: 3 speakers; fishing quotas and harbour tunnel: 2 speakers, 2 statements (alphabetical);
        // wind farms: 1 speaker, 3 statements.
        XCTAssertEqual(Array(ranked.prefix(4)), ["harbour", "fishing quotas", "harbour tunnel", "wind farms"], "\(ranked)")
        // "tunnel", "quotas", "fishing", "wind", "farms" only ever occur inside the longer phrase.
        for part in ["tunnel", "quotas", "fishing", "wind", "farms"] { XCTAssertFalse(ranked.contains(part), part) }
        // "harbour" occurs without "tunnel" too (2 of 3 statements have "harbour tunnel"): it stays.
        let harbour = result.ranked[0]
        XCTAssertEqual(harbour.speakers, ["Ana Reyes", "Bo Lind", "Cy Moss"])
        XCTAssertEqual(harbour.statementIDs.count, 3)
        // Speaker names (a surname, an organisation, a word found only inside one) and numbers are never phrases.
        for name in ["reyes", "port authority", "port", "authority", "port authority board", "400"] {
            XCTAssertFalse(result.ranked.contains { $0.text.lowercased() == name }, name)
        }
    }

    func testDraftsTheTopPhrasesWithoutOverlapOrCoveredPhrases() throws {
        let suggester = TopicSuggester(stopwords: Self.stopwords, options: .init(maxTopics: 3))
        // An existing topic already names "wind farm*" and has the id "harbour".
        let existing = try topics("""
            id: harbour
            label: Harbour
            target: t
            objects: ["wind farm*"]
            """)
        let result = suggester.suggest(documents: handMade, existingTopics: existing)
        // "harbour tunnel" overlaps "harbour"; "wind farms" is covered; the harbour id is taken.
        XCTAssertEqual(result.drafts.map(\.id), ["harbour-2", "fishing-quotas"])
        XCTAssertEqual(result.covered.map(\.text), ["wind farms"])
        let draft = result.drafts[0]
        XCTAssertEqual(draft.label, "Harbour")
        XCTAssertTrue(draft.target.hasPrefix("TODO: "))
        XCTAssertEqual(draft.objects, ["harbour"])
        XCTAssertTrue(draft.terms.contains("harbour tunnel") == false, "a term never overlaps the topic's phrase")
        XCTAssertEqual(Set(draft.examples.map(\.speaker)), ["Ana Reyes", "Bo Lind", "Cy Moss"])
    }

    func testPluralsAreVariantsOfOnePhrase() {
        let suggester = TopicSuggester(stopwords: Self.stopwords, options: .init(minStatements: 2))
        let result = suggester.suggest(documents: [document("c.txt", [
            ("Ana Reyes", "Tolls are theft."), ("Bo Lind", "A toll is fair."), ("Cy Moss", "The toll stays."),
            ("Ana Reyes", "Fuel taxes pay."), ("Bo Lind", "The fuel tax is enough."),
        ])])
        let toll = result.ranked.first { $0.key == ["toll"] }
        XCTAssertEqual(toll?.variants, ["toll", "tolls"])
        XCTAssertEqual(toll?.statementIDs.count, 3)
        XCTAssertEqual(result.ranked.first { $0.key == ["fuel", "tax"] }?.variants, ["fuel tax", "fuel taxes"])
    }

    func testQuotesColonsHashesAndLineBreaksCannotBreakTheYAML() throws {
        let text = "He said: \"the tunnel\" # is 100% fine\\n, 'tunnel' ok\u{2028}tunnel\u{7}"
        let suggester = TopicSuggester(stopwords: Self.stopwords, options: .init(minStatements: 1))
        let result = suggester.suggest(documents: [document("odd: #1 \"doc\".txt", [("Dee \"Q\" Park", text), ("Eve Stone", "The tunnel.")])])
        let draft = try XCTUnwrap(result.drafts.first { $0.id == "tunnel" })
        XCTAssertTrue(draft.yaml.contains("#   Dee \"Q\" Park: \"He said: \"the tunnel\" # is 100% fine"), draft.yaml)
        let loaded = try topics(draft.yaml)
        XCTAssertEqual(loaded.map(\.id), ["tunnel"])
        XCTAssertEqual(loaded.first?.objects.map(\.term), ["tunnel"])
    }

    // MARK: - The dev corpus (two articles about a bridge toll)

    func testDevCorpusDraftsLoadAndPlaceTheirStatements() throws {
        let lexicon = Fixtures.shippedLexicon
        let suggester = try XCTUnwrap(TopicSuggester(lexicon: lexicon), "the shipped lexicons have suggest/stopwords.tsv")
        let dev = Fixtures.url("corpus/dev").path
        let outcome = try CorpusAnalyzer(lexicon: lexicon).analyze(path: dev)
        let suggestions = suggester.suggest(outcome.analyses, existingTopics: lexicon.topics)
        XCTAssertEqual(suggestions.drafts.count, 5)
        XCTAssertEqual(suggestions.statementCount, outcome.result.statements.count)

        // (a) A toll or bridge topic, used by both sides.
        let toll = try XCTUnwrap(suggestions.drafts.first { $0.objects.contains("toll") || $0.objects.contains("bridge") },
                                 "\(suggestions.drafts.map(\.id))")
        XCTAssertEqual(suggestions.drafts.first?.id, "toll", "the toll is what most speakers talk about")
        XCTAssertTrue(toll.objects.contains("tolls"))
        for side in ["Ilse Varga", "Petr Hollan", "Karel Dusek", "Nadia Rahimi"] { XCTAssertTrue(toll.phrase.speakers.contains(side), side) }
        XCTAssertTrue((3...8).contains(toll.terms.count), "\(toll.terms)")
        XCTAssertEqual(toll.examples.count, 3)
        XCTAssertTrue(toll.yaml.contains("(toll-debate-1.txt, paragraph "), toll.yaml)
        // Ids are kebab-case and unique.
        XCTAssertEqual(Set(suggestions.drafts.map(\.id)).count, suggestions.drafts.count)
        for draft in suggestions.drafts {
            XCTAssertTrue(draft.id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        }

        // (b) The shipped lexicons with their topics replaced by the drafts load without errors.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-suggest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: folder)
        let topicsFolder = folder.appendingPathComponent("topics")
        try FileManager.default.removeItem(at: topicsFolder)
        for draft in suggestions.drafts {
            try AtomicFile.write(draft.yaml, to: topicsFolder.appendingPathComponent(draft.fileName))
        }
        let loaded = LexiconLoader.load(directory: folder)
        XCTAssertEqual(loaded.errors.map(\.description), [])
        let drafted = try XCTUnwrap(loaded.lexicon)
        XCTAssertEqual(drafted.topics.map(\.id).sorted(), suggestions.drafts.map(\.id).sorted())
        let tollTopic = try XCTUnwrap(drafted.topics.first { $0.id == toll.id })
        XCTAssertEqual(tollTopic.target, toll.target)
        XCTAssertEqual(tollTopic.objects.map(\.term), toll.objects)
        XCTAssertEqual(tollTopic.terms.map(\.term), toll.terms)

        // (c) Analysing the dev corpus with the drafts places every statement the phrase was counted in.
        let result = try CorpusAnalyzer(lexicon: drafted).analyze(path: dev).result
        for draft in suggestions.drafts {
            let placed = Set(result.stances.filter { $0.topic == draft.id }.map(\.statementID))
            XCTAssertTrue(Set(draft.phrase.statementIDs).isSubset(of: placed), "\(draft.id): \(draft.phrase.statementIDs) vs \(placed)")
        }
        XCTAssertGreaterThanOrEqual(result.stances.filter { $0.topic == toll.id }.count, 10)
    }

    func testAnExistingTopicIsNotDraftedAgain() throws {
        let lexicon = Fixtures.shippedWithFixtureTopics
        let suggester = try XCTUnwrap(TopicSuggester(lexicon: lexicon))
        let outcome = try CorpusAnalyzer(lexicon: lexicon).analyze(path: Fixtures.url("corpus/dev").path)
        let suggestions = suggester.suggest(outcome.analyses, existingTopics: lexicon.topics)
        // The fixture bridge-toll topic names toll, bridge, commuters: none is drafted again.
        XCTAssertFalse(suggestions.drafts.contains { ["toll", "bridge", "commuters"].contains($0.phrase.text) },
                       "\(suggestions.drafts.map(\.id))")
        XCTAssertTrue(suggestions.covered.contains { $0.text == "toll" })
    }

    // MARK: - Helpers

    /// Topics read by the project's loader from one YAML text (in an otherwise empty lexicon folder).
    func topics(_ yaml: String) throws -> [Topic] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-suggest-topic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.write(yaml, to: folder.appendingPathComponent("topics/draft.yaml"))
        let loaded = LexiconLoader.load(directory: folder)
        XCTAssertEqual(loaded.errors.map(\.description), [], yaml)
        return try XCTUnwrap(loaded.lexicon).topics
    }
}
