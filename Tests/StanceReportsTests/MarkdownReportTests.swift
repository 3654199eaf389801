import Foundation
import StanceCore
@testable import StanceReports
import XCTest

final class MarkdownReportTests: XCTestCase {
    let report = MarkdownReport.render(SampleResult.result)

    /// The issue's example: surnames, in the order the article quotes them, on the topic's label.
    func testContrastsAreTitledAsAnAnalystWould() {
        XCTAssertTrue(report.contains("### <a id=\"russia-peace-mammadov-vs-babaoglu\"></a>Mammadov vs Babaoğlu on Russia's interest in peace\n"))
        XCTAssertTrue(report.contains("Transport Ministry vs Whitfield on the bridge toll"), "organisations keep their full name")
    }

    func testHeaderNamesCorpusDateAndLexicon() {
        XCTAssertTrue(report.contains("3 documents, 7 statements, 5 speakers"))
        XCTAssertTrue(report.contains("**Analysis date:** 2024-10-01T09:30:00Z"))
        XCTAssertTrue(report.contains(SampleResult.run.lexiconHash))
    }

    /// The words that decided a stance are bold inside the quote, cited by document and paragraph.
    func testQuotesMarkTheDecidingWords() {
        XCTAssertTrue(report.contains("“Moscow is **not interested in** the signing of a peace agreement between Baku and Yerevan”"))
        XCTAssertTrue(report.contains("`shoigu-baku-visit.txt`, paragraph 1"))
        XCTAssertTrue(report.contains("at the same time. <br> Having already"), "a line break in a quote stays inside its cell")
    }

    func testChartsAreLinkedPerTopic() {
        XCTAssertTrue(report.contains("](charts/russia-peace.svg)"))
        XCTAssertTrue(report.contains("](charts/bridge-toll.svg)"))
    }

    func testAnchorsAreUniqueAndEveryLinkLandsOnOne() throws {
        let anchors = matches(#"<a id="([^"]*)"></a>"#, in: report)
        XCTAssertEqual(anchors.count, Set(anchors).count, "anchors are unique")
        for anchor in anchors {
            XCTAssertNotNil(anchor.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), anchor)
        }
        let links = matches(#"\]\(#([^)]*)\)"#, in: report)
        XCTAssertFalse(links.isEmpty)
        for link in links {
            XCTAssertTrue(anchors.contains(link), "#\(link) has no anchor")
        }
    }

    /// Every table row has as many cells as its header: nothing from an article split a cell.
    func testTablesKeepTheirShape() {
        var columns = 0
        for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                columns = 0
                continue
            }
            let cells = cellCount(String(line))
            if columns == 0 { columns = cells } else { XCTAssertEqual(cells, columns, String(line)) }
        }
    }

    func testArticleTextCannotAddMarkup() {
        // Only escaped forms appear: a backslash before each `<` and `]` that came from an article.
        XCTAssertNil(report.range(of: #"(?<!\\)<script"#, options: .regularExpression))
        XCTAssertNil(report.range(of: #"(?<!\\)\]\(http"#, options: .regularExpression))
        XCTAssertTrue(report.contains("\\[fund maintenance\\](http\\://evil.example) \\<script\\>"))
    }

    /// Long statements are cut to the sentences that decided them.
    func testLongQuotesAreExcerpted() {
        let short = MarkdownReport.render(SampleResult.result, options: .init(maxQuoteLength: 120))
        XCTAssertTrue(short.contains("“… Having already been involved in a war in Eastern Europe, Russia **does not want a war**"))
    }

    func testEmptyResult() {
        let empty = CorpusResult(run: SampleResult.run, topics: [], documents: [], statements: [], stances: [],
                                 speakers: [], positions: [], contrasts: [], allies: [])
        let text = MarkdownReport.render(empty)
        XCTAssertTrue(text.contains("No topic was defined"))
        XCTAssertTrue(text.hasSuffix("\n"))
    }

    // MARK: A real renderer

    /// Hostile cells and paragraphs through pandoc, GitHub-flavoured and pandoc's own Markdown: the table
    /// stays one table of two rows, no element appears that the text did not ask for, and (in GFM, where
    /// quotes are not made typographic) the visible text is the input. Skipped where pandoc is missing;
    /// CI installs it.
    func testPandocRendersHostileTextLiterally() throws {
        guard let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("pandoc is not installed")
        }
        let hostile = [
            "a | b || c",
            "[click](http://evil.example) and <a href=\"x\">y</a>",
            "<script>alert(1)</script> <img src=x onerror=alert(1)>",
            "*em* _em_ **strong** ~~del~~ `code` ^sup^ ~sub~ $x^2$",
            "# heading\n- item\n1. item\n> quote\n---",
            "see https://example.com, www.example.com or a@b.org [@cite]",
            "line one\nline two\n\nparagraph \"quoted\" 'single' \\ backslash &amp; {#id}",
            "=SUM(A1) | Babaoğlu",
        ]
        let forbidden = ["<a ", "<script", "<img", "<em", "<strong", "<code", "<del", "<sup", "<sub", "<h1", "<h2", "<li",
                         "<blockquote", "<hr", "class=\"math", "class=\"citation", "<s>"]
        for text in hostile {
            let markdown = "| x | y |\n| --- | --- |\n| k | \(MarkdownText.cell(text)) |\n\n"
                + "Text: \(MarkdownText.inline(text))\n"
            for format in ["gfm", "markdown"] {
                let html = try run(pandoc, ["-f", format, "-t", "html"], input: markdown)
                XCTAssertEqual(html.components(separatedBy: "<table").count - 1, 1, "\(format): \(text)")
                XCTAssertEqual(html.components(separatedBy: "<tr").count - 1, 2, "\(format): \(text)")
                for element in forbidden {
                    XCTAssertFalse(html.contains(element), "\(format) made \(element) from \(text.debugDescription):\n\(html)")
                }
                if format == "gfm" {
                    let cell = try XCTUnwrap(matches(#"<td>(.*?)</td>"#, in: html.replacingOccurrences(of: "\n", with: " ")).last)
                    let expected = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                    XCTAssertEqual(visibleText(cell), expected, "gfm cell of \(text.debugDescription)")
                }
            }
        }
    }

    /// The whole sample report through pandoc: every table of the Markdown comes out as a table.
    func testPandocRendersTheReportsTables() throws {
        guard let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("pandoc is not installed")
        }
        let tables = report.components(separatedBy: "\n| --- |").count - 1
        for format in ["gfm", "markdown"] {
            let html = try run(pandoc, ["-f", format, "-t", "html"], input: report)
            XCTAssertEqual(html.components(separatedBy: "<table").count - 1, tables, format)
            XCTAssertFalse(html.contains("<script"), format)
            XCTAssertFalse(html.contains("href=\"http"), format)
        }
    }

    // MARK: Helpers

    func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Cells of a table line: pipes not escaped by a backslash, less the two at the ends.
    func cellCount(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count - 1
    }

    func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<br />", with: " ").replacingOccurrences(of: "<br>", with: " ")
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func run(_ executable: String, _ arguments: [String], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
