@testable import StanceReports
import XCTest

/// Text from articles cannot add markup, links, HTML or table cells to the report.
final class MarkdownTextTests: XCTestCase {
    func testInline() {
        let cases: [(String, String, String)] = [
            ("plain words", "plain words", "nothing to escape"),
            ("Babaoğlu's view", "Babaoğlu's view", "apostrophes and letters stay"),
            ("a | b", "a \\| b", "a pipe would end a table cell"),
            ("*not* _so_ **bold**", "\\*not\\* \\_so\\_ \\*\\*bold\\*\\*", "emphasis"),
            ("[click](http://evil.example)", "\\[click\\](http\\://evil.example)", "a link"),
            ("![x](y.png)", "!\\[x\\](y.png)", "an image"),
            ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>", "HTML"),
            ("&amp; &#x41;", "\\&amp; \\&\\#x41;", "entities"),
            ("`code`", "\\`code\\`", "a code span"),
            ("# heading", "\\# heading", "a heading"),
            ("see http://example.com", "see http\\://example.com", "a bare URL (GitHub autolink)"),
            ("see www.example.com", "see www\\.example.com", "a www autolink"),
            ("mail a@b.org", "mail a\\@b.org", "an e-mail autolink, a pandoc citation"),
            ("$x$ ^up^ ~~del~~ {#id}", "\\$x\\$ \\^up\\^ \\~\\~del\\~\\~ \\{\\#id\\}", "math, superscript, strikethrough, attributes"),
            ("back\\slash", "back\\\\slash", "a backslash would escape what follows"),
            ("one\ntwo\r\n\r\nthree", "one two three", "line breaks become spaces"),
            ("  - item\n1. item", "- item 1. item", "no line of article text can start a block"),
            ("tab\there\u{7}", "tab here", "tabs are spaces, control characters go"),
        ]
        for (input, expected, why) in cases {
            XCTAssertEqual(MarkdownText.inline(input), expected, why)
        }
    }

    func testCell() {
        let cases: [(String, String, String)] = [
            ("a | b", "a \\| b", "pipe"),
            ("line one\nline two", "line one <br> line two", "a line break stays visible, the cell stays one line"),
            ("para one\n\npara two", "para one <br><br> para two", "a paragraph break"),
            ("ends with break\n", "ends with break", "edge white space is trimmed"),
            ("\"3+3\" format", "\"3+3\" format", "quote marks need no escape"),
        ]
        for (input, expected, why) in cases {
            XCTAssertEqual(MarkdownText.cell(input), expected, why)
            XCTAssertFalse(MarkdownText.cell(input).contains("\n"), why)
        }
    }

    func testCodeSpans() {
        let cases: [(String, Bool, String, String)] = [
            ("negation@negators.tsv:12=-0.60", false, "`negation@negators.tsv:12=-0.60`", "plain"),
            ("a|b", true, "`a\\|b`", "a pipe in a table, even inside code"),
            ("a|b", false, "`a|b`", "outside a table a pipe is fine"),
            ("uses `ticks`", false, "`` uses `ticks` ``", "a longer fence, padded because it ends with a tick"),
            ("`x", false, "`` `x ``", "begins with a tick"),
            ("two\nlines", false, "`two lines`", "no line break in a span"),
            ("", false, "", "nothing to show"),
        ]
        for (input, inTable, expected, why) in cases {
            XCTAssertEqual(MarkdownText.code(input, inTable: inTable), expected, why)
        }
    }

    func testSlugs() {
        let cases: [(String, String)] = [
            ("Hikmat Babaoğlu", "hikmat-babaoglu"),
            ("Whitfield, Dana | Motorists' Union", "whitfield-dana-motorists-union"),
            ("topic-russia-peace", "topic-russia-peace"),
            ("  --Çağrı  İnce--  ", "cagri-ince"),
            ("Məmmədov", "memmedov"),
            ("!!!", "section"),
            ("Ölçüm 2024", "olcum-2024"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(MarkdownText.slug(input), expected, input)
        }
    }

    func testAnchorsAreUniqueAndStable() {
        var anchors = AnchorSet(reserved: ["speakers"])
        let made = ["Speakers", "Jo Park", "jo park", "Jo  Park!", "Jo Park-2", "Jo Park"].map { anchors.unique($0) }
        XCTAssertEqual(made, ["speakers-2", "jo-park", "jo-park-2", "jo-park-3", "jo-park-2-2", "jo-park-4"])
        for anchor in made {
            XCTAssertTrue(anchor.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        }
    }
}
