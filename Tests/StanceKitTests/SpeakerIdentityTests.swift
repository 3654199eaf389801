import XCTest
import StanceCore
import StanceKit
import StanceTestSupport

/// One row per person however each article names them; different people kept apart.
final class SpeakerIdentityTests: XCTestCase {
    let analyzer = CorpusAnalyzer(lexicon: Fixtures.shippedLexicon)

    func analyze(_ documents: [(String, String)]) -> CorpusResult {
        let analyses = documents.map { analyzer.pipeline.analyze(Document(id: $0.0, text: $0.1)) }
        return analyzer.aggregate(analyses, date: Date(timeIntervalSince1970: 0))
    }

    func speaker(of prefix: String, in result: CorpusResult) -> String? {
        result.statements.first { $0.text.hasPrefix(prefix) }?.speaker
    }

    struct Row { let reason: String; let documents: [(String, String)]; let expected: [(String, String)] }

    /// (statement prefix, expected speaker) per row.
    let rows: [Row] = [
        Row(reason: "a role noun no one was introduced with refers to the most recent speaker it fits",
            documents: [("a.txt", "Opposition MP Petr Hollan said the plan was unfair.\n\nHollan dismissed the minister's reply. The MP said the bus lines existed only on paper.")],
            expected: [("the bus lines", "Petr Hollan")]),
        Row(reason: "two people with one role: the role noun refers to the one who was just speaking",
            documents: [("a.txt", "Councillor Ana Ruiz said the budget was too small. Councillor Ben Cole said the budget was fine.\n\nThe councillor added that the vote would be close.")],
            expected: [("the budget was too small", "Ana Ruiz"), ("the budget was fine", "Ben Cole"), ("the vote would be close", "Ben Cole")]),
        Row(reason: "a role noun finds the person introduced with it even when another spoke since",
            documents: [("a.txt", "Arif Mammadov, a former ambassador to the EU, said the talks had stalled. Officials said the talks would resume.\n\nThe former ambassador said the delay helped Moscow.")],
            expected: [("the delay helped Moscow", "Arif Mammadov")]),
        Row(reason: "the same person under four forms across four articles, diacritics included, is one speaker",
            documents: [("1.txt", "Transport Minister Ilse Varga said the toll was fair."),
                        ("2.txt", "Minister Varga said the bridge was paid for."),
                        ("3.txt", "Varga said the vote would pass."),
                        ("4.txt", "Ilse Várga said the buses would come.")],
            expected: [("the toll was fair", "Ilse Varga"), ("the bridge was paid for", "Ilse Varga"),
                       ("the vote would pass", "Ilse Varga"), ("the buses would come", "Ilse Varga")]),
        Row(reason: "two people who share a surname stay apart; a bare surname that fits both is left as written",
            documents: [("1.txt", "Ilse Varga said the toll was fair."), ("2.txt", "Tamas Varga said the toll was unfair."),
                        ("3.txt", "Varga said the vote would be close.")],
            expected: [("the toll was fair", "Ilse Varga"), ("the toll was unfair", "Tamas Varga"), ("the vote would be close", "Varga")]),
        Row(reason: "a later, fuller form of a name becomes the canonical name in every article",
            documents: [("1.txt", "Shoigu said the talks covered security."), ("2.txt", "Sergey Shoigu said the West interfered.")],
            expected: [("the talks covered security", "Sergey Shoigu"), ("the West interfered", "Sergey Shoigu")]),
    ]

    func testRows() {
        for row in rows {
            let result = analyze(row.documents)
            for (prefix, expected) in row.expected {
                XCTAssertEqual(speaker(of: prefix, in: result), expected, row.reason)
            }
        }
    }

    func testCanonicalNamesAndIdsDoNotDependOnDocumentOrder() {
        let documents = rows[3].documents + rows[5].documents
        let forward = analyze(documents), backward = analyze(documents.reversed())
        XCTAssertEqual(forward.speakers.map(\.name), backward.speakers.map(\.name))
        XCTAssertEqual(forward.speakers.map(\.id), backward.speakers.map(\.id))
        XCTAssertEqual(forward.speakers.first { $0.name == "Ilse Varga" }?.documents, 4)
    }

    func testAffiliationFromTheText() {
        let result = analyze([("a.txt", """
            U.S. Assistant Secretary of State James O'Brien said his country supported the talks.

            Former deputy of the ruling New Azerbaijan Party, Hikmat Babaoğlu, said Russia was a strong player.
            """)])
        let affiliation = Dictionary(result.speakers.map { ($0.name, $0.affiliation ?? "") }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(affiliation["James O'Brien"], "U.S.")
        XCTAssertEqual(affiliation["Hikmat Babaoğlu"], "New Azerbaijan Party")
        let links = result.speakers.first { $0.name == "James O'Brien" }?.links ?? []
        XCTAssert(links.contains("James O'Brien<-name"), "\(links)")
    }
}
