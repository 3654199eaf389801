import XCTest
import StanceCore
@testable import StanceAnalysis
import StanceTestSupport

/// The compiled stance lists (`PhraseTrie`) must find exactly what `PhraseIndex.all` finds, list
/// by list: which entry wins at a token, how far a slot reaches, where a wildcard applies.
final class PhraseTrieTests: XCTestCase {
    /// "a _ b*" style terms: words split on spaces, a trailing `*` makes the last word a prefix.
    private func entry(_ term: String, line: Int) -> LexiconEntry {
        let isWildcard = term.hasSuffix("*")
        let words = term.dropLast(isWildcard ? 1 : 0).split(separator: " ").map(String.init)
        return LexiconEntry(term: term, words: words, isWildcard: isWildcard, location: SourceLocation(file: "test", line: line))
    }

    private func words(_ text: String) -> [String?] {
        text.split(separator: " ").map { $0 == "," ? nil : String($0) }
    }

    /// Matches as "start+length=term", per list.
    private func trieMatches(_ lists: [[String]], _ text: String) -> [[String]] {
        let indexes = lists.map { terms in PhraseIndex(terms.enumerated().map { entry($0.element, line: $0.offset + 1) }) }
        let trie = PhraseTrie(indexes)
        let w = words(text)
        let found = trie.all(trie.symbols(w)).map { $0.map { "\($0.start)+\($0.length)=\($0.entry.term)" } }
        let expected = indexes.map { $0.all(w, in: 0..<w.count).map { "\($0.start)+\($0.length)=\($0.entry.term)" } }
        XCTAssertEqual(found, expected, "trie and PhraseIndex disagree on \"\(text)\"")
        return found
    }

    func testTable() {
        let rows: [(lists: [[String]], text: String, expected: [[String]], why: String)] = [
            ([["not", "not only"]], "it is not only fair", [["2+2=not only"]], "more words first"),
            ([["not only", "not"]], "not , only", [["0+1=not"]], "punctuation stops a phrase"),
            ([["within _ interests"]], "peace is within the kremlin 's interests", [["2+5=within _ interests"]], "a slot takes up to three words"),
            ([["within _ interests"]], "within a b c d interests", [[]], "not four"),
            ([["in _ interest"]], "in russia interest interest", [["0+3=in _ interest"]], "the shortest slot that completes"),
            ([["within _ interests"]], "within the , interests", [[]], "a slot stops at punctuation"),
            ([["neg*", "negotiat*"]], "negotiations began", [["0+1=negotiat*"]], "the longer prefix"),
            ([["pea*", "peace"]], "peace now", [["0+1=peace"]], "an exact entry before a one-word wildcard"),
            ([["peace talk*"]], "peace talks resumed", [["0+2=peace talk*"]], "a phrase's last word as prefix"),
            ([["peace talk*"]], "peace talk", [["0+2=peace talk*"]], "a prefix matches itself"),
            ([["war"], ["war", "war crimes"]], "war crimes war", [["0+1=war", "2+1=war"], ["0+2=war crimes", "2+1=war"]],
             "each list its own greedy matches"),
            ([["a b", "b c"]], "a b c", [["0+2=a b"]], "no overlaps within a list"),
            ([["support for _", "support"]], "support for russia", [["0+3=support for _"]], "a final slot takes one word"),
            ([["_ said", "said"]], "he said", [["1+1=said"]], "an entry starting with a slot never matches"),
            ([["more _ than ever", "more _"]], "more money than ever", [["0+4=more _ than ever"]], "slots in the middle"),
            ([["łódź", "lodz"]], "łódź lodz", [["0+1=łódź", "1+1=lodz"]], "non-ASCII words"),
            ([["\u{212A}m"]], "Km", [["0+1=\u{212A}m"]], "canonically equal words match (a Kelvin sign is a K)"),
        ]
        for row in rows {
            XCTAssertEqual(trieMatches(row.lists, row.text), row.expected, row.why)
        }
    }

    func testEqualEntriesKeepFileOrder() {
        let first = LexiconEntry(term: "war", words: ["war"], isWildcard: false, fields: ["polarity": "-1"],
                                 location: SourceLocation(file: "test", line: 1))
        let second = LexiconEntry(term: "war", words: ["war"], isWildcard: false, fields: ["polarity": "1"],
                                  location: SourceLocation(file: "test", line: 2))
        let trie = PhraseTrie([PhraseIndex([first, second])])
        XCTAssertEqual(trie.all(trie.symbols(["war"])).first?.first?.entry.location.line, 1)
    }

    /// Every shipped stance list and fixture topic over every stance case and fixture article.
    func testShippedListsAgreeWithPhraseIndex() throws {
        let lexicon = Fixtures.shippedWithFixtureTopics
        let scorer = StanceScorer(lexicon: lexicon)
        let lists = scorer.vocabulary.viewLists + scorer.topics.flatMap(\.lists)
        var texts = Fixtures.jsonLines("cases/stance.jsonl").map { $0["text"] as! String }
        for folder in ["corpus/sample", "corpus/dev"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path) {
                texts.append(try String(contentsOf: Fixtures.url(folder + "/" + name), encoding: .utf8))
            }
        }
        var compared = 0
        for text in texts {
            let document = Document(id: "t", text: text)
            let w = StatementView.words(Tokenizer.tokenize(document.scalars, in: TextRange(0, document.scalars.count)))
            let found = scorer.matcher.all(scorer.matcher.symbols(w))
            for (k, index) in lists.enumerated() {
                let expected = index.all(w, in: 0..<w.count)
                XCTAssertEqual(found[k].map { "\($0.start)+\($0.length)@\($0.entry.location)" },
                               expected.map { "\($0.start)+\($0.length)@\($0.entry.location)" })
                compared += expected.count
            }
        }
        XCTAssertGreaterThan(compared, 500)
    }
}
