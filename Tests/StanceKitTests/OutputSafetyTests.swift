import XCTest
import Foundation
import StanceCore
import StanceKit
import StanceReports
import StanceTestSupport

/// Output safety (issue 12): whatever the articles hold, `stance analyze` writes only inside `--out`,
/// its CSV cells cannot run as spreadsheet formulas (excel profile), and its Markdown report cannot
/// gain links, images, HTML or table cells from article text, titles, ids or sources.
final class OutputSafetyTests: XCTestCase {
    /// Statements, titles, ids and sources that try to inject formulas, markup and paths.
    static let hostileStatements = [
        "=HYPERLINK(http://evil.example/a;1) the toll is a tax on workers",
        "+1+cmd|' /C calc'!A0 the toll is a tax on workers",
        "-2+3 the toll is a tax on workers",
        "@SUM(1+1) the toll is a tax on workers",
        "The toll is a tax on workers [click](http://evil.example/b) <script>alert(1)</script>",
        "The toll is a tax on workers ![pixel](http://evil.example/c.png) <img src=x onerror=alert(1)>",
        "The toll is a tax on workers <!-- hidden --> | on | `code` &lt; <a href=http://evil.example/d>here</a>",
        "The toll is a tax on workers, see www.evil.example or http://evil.example/e and mail x@evil.example",
    ]

    /// One speaker per article against the toll, and Hollan for it in every article: each hostile
    /// statement is its speaker's strongest quote and shows in the report's contrast tables.
    static let speakers = ["Mayor Ilse Varga", "Senator Dana Whitfield", "Economist Nadia Rahimi", "Analyst Jonas Berg",
                           "Opposition MP Petr Hollan", "Foreign Minister Marta Kovacs", "Mayor Karel Dusek", "Senator Arif Mammadov"]

    static func article(_ statement: String, index: Int) -> String {
        """
        Toll report \(index)

        "\(statement)," \(speakers[index % speakers.count]) said on Monday.

        Transport minister Tomas Hollan disagreed. "We support the toll, it is fair," he said.

        """
    }

    func makeScratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-output-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The shipped lexicons with the fixture topics (the toll articles then have stances and positions).
    func lexicons(in scratch: URL) throws -> String {
        let lexicons = scratch.appendingPathComponent("lexicons")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: lexicons)
        try FileManager.default.removeItem(at: lexicons.appendingPathComponent("topics"))
        try FileManager.default.copyItem(at: Fixtures.url("topics"), to: lexicons.appendingPathComponent("topics"))
        return lexicons.path
    }

    func hostileCorpus(in scratch: URL) throws -> URL {
        let input = scratch.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (index, statement) in Self.hostileStatements.enumerated() {
            try BadInputTests.write(Self.article(statement, index: index), to: input, "a\(index).txt")
        }
        // Speakers 0-2 (index mod 8) again: their strongest quote may then be either of their two, and
        // the report checks only the hostile statements of speakers 4-7.
        let lines = [
            ["id": "=cmd|' /C calc'!A0", "title": "[click](http://evil.example/f) <script>alert(2)</script>", "source": "@evil",
             "date": "=NOW()", "text": Self.article("The toll is a tax on workers", index: 96)],
            ["id": "../../escape.txt", "title": "# heading\n\n| a | b |\n|---|---|", "source": "-1+1",
             "text": Self.article("The toll is a tax on workers", index: 97)],
            ["id": "/etc/passwd", "title": "<!-- x --> ![i](http://evil.example/g.png)", "source": "<b>bold</b>",
             "text": Self.article("The toll is a tax on workers", index: 98)],
        ].map { object -> String in
            String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try BadInputTests.write(lines.joined(separator: "\n") + "\n", to: input, "wire.jsonl")
        return input
    }

    func testCSVCellsCannotRunAsFormulas() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        _ = try hostileCorpus(in: scratch)
        let lexicons = try lexicons(in: scratch)
        let run = try BadInputTests.run(binary, ["analyze", "in", "--out", "out", "--lexicons", lexicons, "--by", "source"], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        let out = scratch.appendingPathComponent("out")
        let csvs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertGreaterThanOrEqual(csvs.count, 8, "\(csvs)")
        var guarded = 0
        for name in csvs {
            let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent(name)))
            // The cells as a spreadsheet sees them: the raw file read without taking the guard off.
            for (line, row) in try CSVReader.rows(bytes: bytes, profile: .plain).enumerated() {
                for cell in row {
                    if cell.hasPrefix("'"), let next = cell.unicodeScalars.dropFirst().first, "=+-@".unicodeScalars.contains(next) {
                        guarded += 1
                    }
                    guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
                    XCTAssertNotNil(Double(cell), "\(name):\(line + 1): a cell a spreadsheet would run: \(cell)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(guarded, 4, "the hostile statements, ids and sources reach the CSV files guarded")
        let statements = try String(contentsOf: out.appendingPathComponent("statements.csv"), encoding: .utf8)
        XCTAssert(statements.contains("'=HYPERLINK(http://evil.example/a;1) the toll"), "the formula is kept, as text")

        // The plain profile keeps values exactly, and its reader gives back what the excel profile guarded.
        let plain = try BadInputTests.run(binary, ["analyze", "in", "--out", "plain", "--lexicons", lexicons,
                                                   "--csv-profile", "plain"], in: scratch)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let excelRows = try CSVReader.table(String(decoding: try Data(contentsOf: out.appendingPathComponent("statements.csv")), as: UTF8.self),
                                            profile: .excel)
        let plainRows = try CSVReader.table(try String(contentsOf: scratch.appendingPathComponent("plain/statements.csv"), encoding: .utf8),
                                            profile: .plain)
        XCTAssertEqual(excelRows, plainRows)
        XCTAssert(plainRows.rows.contains { $0[plainRows.column("text")!].hasPrefix("=HYPERLINK(") })
    }

    func testReportShowsArticleTextInert() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        _ = try hostileCorpus(in: scratch)
        let run = try BadInputTests.run(binary, ["analyze", "in", "--out", "out", "--lexicons", try lexicons(in: scratch)], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try String(contentsOf: scratch.appendingPathComponent("out/report.md"), encoding: .utf8)
        // The hostile text is in the report (quotes, document list), escaped.
        for shown in [#"\[click\](http\://evil.example/f)"#, #"\<script\>alert(2)\</script\>"#, "=cmd\\|' /C calc'!A0", "../../escape.txt",
                      #"\[click\](http\://evil.example/b) \<script\>alert(1)\</script\>"#, #"!\[pixel\](http\://evil.example/c.png)"#,
                      #"\<!-- hidden --\> \| on \| \`code\` \&lt; \<a href=http\://evil.example/d\>"#, #"see www\.evil.example or http\://evil.example/e"#] {
            XCTAssert(report.contains(shown), "report lacks \(shown)")
        }
        // Unescaped markup (not after a backslash) from the articles.
        for raw in [#"<script"#, #"\]\(http"#, #"<!--"#, #"<img"#, #"<a href"#, #"<b>"#, #"^# heading"#, #"\|---\|"#, #"\[click"#] {
            let regex = try NSRegularExpression(pattern: #"(?<!\\)"# + raw, options: [.anchorsMatchLines])
            XCTAssertNil(regex.firstMatch(in: report, range: NSRange(report.startIndex..., in: report)), "raw \(raw) from an article in report.md")
        }
        // Rendered, the report links only to its own anchors and shows only its own charts.
        guard let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("pandoc is not installed (.ci/run installs it): the rendered HTML is not checked")
        }
        let html = try BadInputTests.execute(URL(fileURLWithPath: pandoc), ["-f", "gfm", "-t", "html", "out/report.md"], in: scratch)
        XCTAssertEqual(html.status, 0, html.stderr)
        let text = html.stdout
        XCTAssertGreaterThan(text.count, 1000)
        func values(_ pattern: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
        }
        let links = values(#"<a [^>]*href="([^"]*)""#)
        XCTAssertFalse(links.isEmpty)
        XCTAssertEqual(links.filter { !$0.hasPrefix("#") }, [], "links out of the report")
        XCTAssertEqual(values(#"<img [^>]*src="([^"]*)""#).filter { !$0.hasPrefix("charts/") }, [], "images from articles")
        for element in ["<script", "<b>", "<!--", "<h1>heading", "<img src=x", "<a href=http"] {
            XCTAssertFalse(text.contains(element), "\(element) in the rendered report")
        }
    }

    /// Only files inside `--out` are written: links already in the folder are replaced, not followed;
    /// a `charts` link out of the folder stops the run before anything is written (exit 2).
    func testOutNeverWritesOutsideItsFolder() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        _ = try hostileCorpus(in: scratch)
        let lexicons = try lexicons(in: scratch)
        let fm = FileManager.default
        let out = scratch.appendingPathComponent("out"), outside = scratch.appendingPathComponent("outside")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try BadInputTests.write("keep", to: outside, "report.md")
        try BadInputTests.write("keep", to: outside, "statements.csv")
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("report.md").path, withDestinationPath: "../outside/report.md")
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("statements.csv").path, withDestinationPath: outside.appendingPathComponent("statements.csv").path)
        var run = try BadInputTests.run(binary, ["analyze", "in", "--out", "out", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        for name in ["report.md", "statements.csv"] {
            XCTAssertEqual(try String(contentsOf: outside.appendingPathComponent(name), encoding: .utf8), "keep", "\(name) written through a link")
            XCTAssertNil(try? fm.destinationOfSymbolicLink(atPath: out.appendingPathComponent(name).path), "\(name) is still a link")
            XCTAssertGreaterThan(try Data(contentsOf: out.appendingPathComponent(name)).count, 100)
        }
        // Document ids with `..` and `/` name no file: every file written is one of the tool's own.
        let written = try fm.subpathsOfDirectory(atPath: out.path).filter { !$0.hasPrefix("stance.sqlite") }.sorted()
        XCTAssert(written.allSatisfy { !$0.contains("..") && ($0.hasPrefix("charts/") ? $0.hasSuffix(".svg") : !$0.contains("/")) }, "\(written)")
        XCTAssertFalse(written.contains { $0.contains(".tmp-") }, "temporary files left: \(written)")
        XCTAssertFalse(fm.fileExists(atPath: scratch.appendingPathComponent("escape.txt").path))

        // charts/ as a link out of the folder.
        try fm.removeItem(at: out.appendingPathComponent("charts"))
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("charts").path, withDestinationPath: "../outside")
        try BadInputTests.write("old", to: out, "positions.csv")
        run = try BadInputTests.run(binary, ["analyze", "in", "--out", "out", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssert(run.stderr.contains("out/charts: is a symbolic link; stance writes only inside the output folder"), run.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: outside.path).sorted(), ["report.md", "statements.csv"], "a chart written outside")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("positions.csv"), encoding: .utf8), "old", "nothing written")
    }

    /// The atomic write: a temporary file of a killed run is cleaned up, one of a running process is
    /// not, a link planted at the temporary path or at the target is replaced, never followed.
    func testAtomicWritesStayInTheFolderAndCleanUpAfterKilledRuns() throws {
        let scratch = try makeScratch()
        let fm = FileManager.default
        let folder = scratch.appendingPathComponent("out"), outside = scratch.appendingPathComponent("outside.txt")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        try BadInputTests.write("keep", to: scratch, "outside.txt")
        let target = folder.appendingPathComponent("report.md")

        // A process that has ended: its PID is free (until reused, which takes a while).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = folder.appendingPathComponent(".report.md.tmp-\(ended.processIdentifier)")
        let running = folder.appendingPathComponent(".report.md.tmp-1")  // init: always running
        let other = folder.appendingPathComponent(".statements.csv.tmp-\(ended.processIdentifier)")
        for leftover in [stale, running, other] { try Data("half".utf8).write(to: leftover) }
        // A link at this process's own temporary path and at the target.
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent(".report.md.tmp-\(getpid())").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: target.path, withDestinationPath: outside.path)

        try AtomicFile.write("# Report\n", to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "# Report\n")
        XCTAssertNil(try? fm.destinationOfSymbolicLink(atPath: target.path), "the link at the target is replaced")
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep", "written through a link")
        let left = try fm.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(left, [".report.md.tmp-1", ".statements.csv.tmp-\(ended.processIdentifier)", "report.md"],
                       "the killed run's temporary report goes; a running process's stays; other files' wait for their own write")
    }

    /// `--max-statement-length`: a statement over it (an unclosed quotation running to the end of its
    /// paragraph) is left out with a warning naming document, paragraph and offset; the rest of the
    /// article is kept, the exit code stays 0, and a higher limit brings it back from the database
    /// without analysing the article again.
    func testStatementLengthLimit() throws {
        let scratch = try makeScratch()
        let input = scratch.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let runaway = "Hollan said: \"" + String(repeating: "The bridge needs money and the toll pays for it. ", count: 130)
        let text = BadInputTests.goodArticle.replacingOccurrences(of: "Transport minister", with: runaway + "\n\nTransport minister")
        try BadInputTests.write(text, to: input, "a.txt")
        let offset = text.unicodeScalars.count - (text.components(separatedBy: "Hollan said: \"")[1].unicodeScalars.count)
        let length = text.components(separatedBy: "Hollan said: \"")[1].components(separatedBy: "\n\n")[0].trimmingCharacters(in: .whitespaces).unicodeScalars.count

        // The library.
        let analyzer = CorpusAnalyzer(lexicon: Fixtures.shippedLexicon)
        let limited = try analyzer.analyze(reader: DocumentReader(path: input.path), keepAnalyses: false)
        XCTAssertEqual(limited.result.statements.map(\.paragraph), [1, 3])
        XCTAssertEqual(limited.excluded.map(\.paragraph), [2])
        XCTAssertEqual(limited.excluded.first?.start, offset)
        XCTAssertEqual(limited.excluded.first?.length, length)
        XCTAssertEqual(limited.documents.first?.summary.statements, 2)
        let unlimited = try analyzer.analyze(reader: DocumentReader(path: input.path), keepAnalyses: false, maxStatementLength: 0)
        XCTAssertEqual(unlimited.result.statements.map(\.paragraph), [1, 2, 3])
        XCTAssertEqual(unlimited.excluded, [])
        XCTAssertEqual(try analyzer.analyze(reader: DocumentReader(path: input.path), keepAnalyses: false,
                                            maxStatementLength: length).result.statements.count, 3, "the limit itself is allowed")

        // The command line: a warning, exit 0; a rerun with a higher limit reuses the stored document.
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path
        var run = try BadInputTests.run(binary, ["analyze", "in", "--out", "out", "--lexicons", lexicons, "--csv-profile", "plain"], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssert(run.stderr.contains("stance: warning: a.txt: statement s-"), run.stderr)
        XCTAssert(run.stderr.contains("at paragraph 2, offset \(offset) is \(length) characters long, over the limit of 5000 "
                                      + "(raise it with --max-statement-length); left out of the results"), run.stderr)
        BadInputTests.checkSummary(run.stderr.split(separator: "\n").last.map(String.init), analysed: 1, failed: 0, "limited")
        XCTAssert(run.stderr.contains("; 2 statements;"), run.stderr)
        run = try BadInputTests.run(binary, ["analyze", "in", "--out", "out", "--lexicons", lexicons, "--csv-profile", "plain",
                                             "--max-statement-length", "10000"], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("warning"), run.stderr)
        BadInputTests.checkSummary(run.stderr.split(separator: "\n").last.map(String.init), analysed: 0, failed: 0, reused: 1, "raised")
        XCTAssert(run.stderr.contains("; 3 statements;"), run.stderr)
        let statements = try CSVReader.table(try String(contentsOf: scratch.appendingPathComponent("out/statements.csv"), encoding: .utf8), profile: .plain)
        XCTAssertEqual(statements.rows.count, 3)

        run = try BadInputTests.run(binary, ["statements", "in", "--format", "csv", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 3, "header and two statements")
        XCTAssert(run.stderr.contains("over the limit of 5000"), run.stderr)
        XCTAssertEqual(try BadInputTests.run(binary, ["analyze", "in", "--max-statement-length", "-1"], in: scratch).status, 64)
    }
}
