import XCTest
import Foundation
import StanceCore
import StanceKit
import StanceTestSupport

/// Bad input, one table row per case (issues 2 and 12; output contract "Exit codes and messages").
/// Every row builds its input in a fresh temporary folder, runs it through the library
/// (`CorpusAnalyzer`/`DocumentReader`) and through the real `stance analyze` binary (stdin on
/// /dev/null, a watchdog against hangs), and checks what was analysed, that every failure names its
/// file (and line for JSONL) with the expected reason, the exit code and the closing summary line.
///
/// The binary is the `stance` executable next to the test bundle: `swift test` and
/// `swift build --build-tests` build every target of the package, the executable included, into the
/// same folder as the `.xctest` bundle. The CLI checks are skipped (XCTSkip) only when it is absent.
final class BadInputTests: XCTestCase {
    // MARK: The table

    struct Failure {
        /// The file as the message names it, relative to the scratch folder (the CLI's working
        /// folder), e.g. `in/latin1.txt` or `in/articles.jsonl:2`.
        let file: String
        /// Words the reason must contain.
        let says: [String]
    }

    struct Row {
        let name: String
        let reason: String
        /// Builds the input under `in/` of the scratch folder and returns PATH relative to the scratch folder.
        let build: (URL) throws -> String
        /// Extra `stance analyze` options (the reader limits are also applied to the library run).
        var options: [String] = []
        /// Documents analysed.
        let analysed: Int
        /// Inputs refused, each with a message naming it.
        var failures: [Failure] = []
        let exit: Int32
        /// More words stderr must contain.
        var stderr: [String] = []
        /// More checks on the library's outcome.
        var check: ((CorpusAnalyzer.Outcome, URL) throws -> Void)?
        /// The library run must finish within this many seconds (debug build): a guard against hangs, generous
        /// enough for a busy machine (speed itself is measured by the benchmarks).
        var seconds: Double = 10
    }

    static let rows: [Row] = [
        Row(name: "invalid UTF-8",
            reason: "a Latin-1 byte in an otherwise UTF-8 article: refused with the byte offset and line; the good file is analysed",
            build: { input in
                try write("Bridge toll\n\nCaf\u{E9} owners said \"no\".\n", latin1: true, to: input, "latin1.txt")
                try write(goodArticle, to: input, "good.txt")
                return "in"
            },
            analysed: 1,
            failures: [Failure(file: "in/latin1.txt", says: ["invalid UTF-8 at byte offset 16", "line 3", "0xE9"])],
            exit: 1),
        Row(name: "invalid UTF-8 after a byte-order mark",
            reason: "the offset counts from the start of the file, the BOM included (as xxd shows it)",
            build: { input in
                try writeBytes([0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xC3, 0x28] + Array(" cd\n".utf8), to: input, "bom.txt")
                return "in/bom.txt"
            },
            analysed: 0, failures: [Failure(file: "in/bom.txt", says: ["invalid UTF-8 at byte offset 5", "line 1"])], exit: 1),
        Row(name: "UTF-16LE with BOM",
            reason: "Notepad's \"Unicode\": reported as UTF-16, not analysed as binary noise",
            build: { input in
                try writeBytes([0xFF, 0xFE] + utf16(goodArticle, bigEndian: false), to: input, "notepad.txt")
                return "in"
            },
            analysed: 0, failures: [Failure(file: "in/notepad.txt", says: ["UTF-16LE", "byte-order mark", "convert the file to UTF-8"])],
            exit: 1),
        Row(name: "UTF-16BE with BOM",
            reason: "big-endian UTF-16 with its BOM: reported as UTF-16",
            build: { input in
                try writeBytes([0xFE, 0xFF] + utf16(goodArticle, bigEndian: true), to: input, "be.md")
                return "in"
            },
            analysed: 0, failures: [Failure(file: "in/be.md", says: ["UTF-16BE", "byte-order mark"])], exit: 1),
        Row(name: "UTF-16LE without BOM",
            reason: "every other byte NUL: reported as UTF-16 (not as binary), not analysed",
            build: { input in
                try writeBytes(utf16(goodArticle, bigEndian: false), to: input, "nobom.txt")
                return "in"
            },
            analysed: 0, failures: [Failure(file: "in/nobom.txt", says: ["UTF-16LE", "without a byte-order mark"])], exit: 1),
        Row(name: "UTF-16 JSONL",
            reason: "a JSONL file in UTF-16 is refused as a whole, not line by line",
            build: { input in
                try writeBytes([0xFF, 0xFE] + utf16("{\"id\":\"a\",\"text\":\"Hello.\"}\n", bigEndian: false), to: input, "u16.jsonl")
                return "in"
            },
            analysed: 0, failures: [Failure(file: "in/u16.jsonl", says: ["UTF-16LE"])], exit: 1),
        Row(name: "NUL bytes",
            reason: "a NUL byte in UTF-8 text: a binary file, refused with the offset",
            build: { input in
                try writeBytes(Array("Some text".utf8) + [0] + Array(" and more text.\n".utf8), to: input, "blob.txt")
                try write(goodArticle, to: input, "good.txt")
                return "in"
            },
            analysed: 1, failures: [Failure(file: "in/blob.txt", says: ["binary", "NUL byte at byte offset 9"])], exit: 1),
        Row(name: "empty file",
            reason: "0 bytes: named, nothing to analyse, counted as failed",
            build: { input in try writeBytes([], to: input, "empty.txt"); return "in" },
            analysed: 0, failures: [Failure(file: "in/empty.txt", says: ["empty file"])], exit: 1),
        Row(name: "whitespace-only file",
            reason: "spaces, tabs, line ends and a non-breaking space only: named, counted as failed",
            build: { input in try write(" \t\n\r\n\u{00A0}\n", to: input, "blank.md"); return "in" },
            analysed: 0, failures: [Failure(file: "in/blank.md", says: ["blank file"])], exit: 1),
        Row(name: "CRLF line ends",
            reason: "analysed; paragraphs split at blank CRLF lines; offsets are scalar offsets with every CR counted",
            build: { input in try write(goodArticle.replacingOccurrences(of: "\n", with: "\r\n"), to: input, "crlf.txt"); return "in" },
            analysed: 1, exit: 0,
            check: { outcome, scratch in try checkGoodArticle(outcome, file: scratch.appendingPathComponent("in/crlf.txt")) }),
        Row(name: "lone CR line ends",
            reason: "old Mac line ends: analysed, paragraphs split right, offsets into the text as read",
            build: { input in try write(goodArticle.replacingOccurrences(of: "\n", with: "\r"), to: input, "cr.txt"); return "in" },
            analysed: 1, exit: 0,
            check: { outcome, scratch in try checkGoodArticle(outcome, file: scratch.appendingPathComponent("in/cr.txt")) }),
        Row(name: "over --max-file-size",
            reason: "a 2,000-byte file with a 1,000-byte limit: refused before it is read, the limit and the option named",
            build: { input in
                try write(String(repeating: "word ", count: 400), to: input, "big.txt")
                try write(goodArticle, to: input, "small.txt")
                return "in"
            },
            options: ["--max-file-size", "1000"],
            analysed: 1,
            failures: [Failure(file: "in/big.txt", says: ["2000 bytes", "over the limit of 1000 bytes", "--max-file-size"])],
            exit: 1),
        Row(name: "5 MB single line",
            reason: "no newline at all: one 5 MB paragraph is over the paragraph limit (analysis grows faster than linearly "
                + "with a paragraph's length): refused at once with the limit named; no hang",
            build: { input in
                let sentence = "The minister said on Tuesday that the \"plan\" was good for everyone, and he left the room. "
                let line = String(repeating: sentence, count: 5 * 1024 * 1024 / sentence.utf8.count + 1)
                try write(line, to: input, "oneline.txt")
                return "in"
            },
            analysed: 0,
            failures: [Failure(file: "in/oneline.txt", says: ["paragraph at line 1", "over the limit of 100000", "--max-paragraph-length"])],
            exit: 1, seconds: 5),
        Row(name: "50 MB single line",
            reason: "a 50 MB file (under the 64 MiB file limit) that is one line: read, measured in one pass and refused at once "
                + "with the paragraph limit named; no hang, no analysis attempted",
            build: { input in
                let sentence = "Officials said the \"plan\" would cost more, and \u{201C}critics\u{201D} called it a tax on every driver. "
                let line = String(repeating: sentence, count: 50 * 1024 * 1024 / sentence.utf8.count + 1)
                try write(line, to: input, "fifty.txt")
                try write(goodArticle, to: input, "good.txt")
                return "in"
            },
            analysed: 1,
            failures: [Failure(file: "in/fifty.txt", says: ["paragraph at line 1", "over the limit of 100000", "--max-paragraph-length"])],
            exit: 1, seconds: 60),
        Row(name: "statement over --max-statement-length",
            reason: "an opening quote never closed runs to the end of a 6,000-character paragraph: that statement is left out with "
                + "a warning naming document, paragraph and offset; the article's other statements are kept; exit 0",
            build: { input in
                let runaway = "Hollan said: \"" + String(repeating: "The bridge needs money and the toll pays for it. ", count: 120)
                try write(goodArticle.replacingOccurrences(of: "Transport minister", with: runaway + "\n\nTransport minister"), to: input, "runaway.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            stderr: ["stance: warning: runaway.txt: statement s-", "at paragraph 2, offset ", "characters long, over the limit of 5000",
                     "(raise it with --max-statement-length); left out of the results"],
            check: { outcome, _ in
                XCTAssertEqual(outcome.result.statements.map(\.paragraph), [1, 3])
                XCTAssertEqual(outcome.excluded.map(\.paragraph), [2])
            }),
        Row(name: "very long JSONL id, title and source",
            reason: "a 20,000-character id with `../` and `/`, a 50,000-character title: analysed, the id kept whole in the tables, "
                + "no file named after it",
            build: { input in
                let id = String(repeating: "../a/", count: 4_000)
                let object: [String: Any] = ["id": id, "title": String(repeating: "Title ", count: 8_334), "source": String(repeating: "s", count: 10_000),
                                             "text": goodArticle]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                try writeBytes([UInt8](data) + [0x0A], to: input, "long-ids.jsonl")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, _ in XCTAssertEqual(outcome.documents.first?.summary.id.count, 20_000) }),
        Row(name: "long single line under the limit",
            reason: "a 40,000-character article on one line (as JSONL scrapes have): analysed as one paragraph",
            build: { input in
                let sentence = "Ilse Varga, the mayor, said that the toll was a tax on workers who cross the bridge every day. "
                try write(String(repeating: sentence, count: 40_000 / sentence.count), to: input, "long.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, _ in XCTAssertEqual(outcome.analyses.first?.paragraphs.count, 1) }),
        Row(name: "10,000 unbalanced straight quotes",
            reason: "quote marks that never pair up must not swallow the article or hang",
            build: { input in
                try write("He said " + String(repeating: "\"word ", count: 10_000) + "end.\n\n" + goodArticle, to: input, "quotes.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, scratch in try checkOffsets(outcome, file: scratch.appendingPathComponent("in/quotes.txt")) }),
        Row(name: "10,000 nested opening quotes",
            reason: "10,000 “ « „ opening marks, never closed: no hang, no crash, the rest of the article still read",
            build: { input in
                let opens = String(repeating: "“«„", count: 3_334)
                try write("Bridge toll\n\n" + opens + " never closed.\n\n" + goodArticle, to: input, "nested.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, scratch in
                try checkOffsets(outcome, file: scratch.appendingPathComponent("in/nested.txt"))
                XCTAssertGreaterThanOrEqual(outcome.result.statements.count, 1, "the quotations after the unbalanced marks are lost")
            }),
        Row(name: "zero-width and bidi controls",
            reason: "ZWSP, ZWJ, BOM, RLM, RLO/PDF and isolates inside words and quotes: analysed, offsets are scalar offsets",
            build: { input in
                let text = goodArticle
                    .replacingOccurrences(of: "toll is", with: "toll\u{200B} is")
                    .replacingOccurrences(of: "tax", with: "\u{202E}tax\u{202C}")
                    .replacingOccurrences(of: "Without the", with: "Without\u{200D} the\u{FEFF}")
                    .replacingOccurrences(of: "maintained", with: "main\u{200F}tained")
                    .replacingOccurrences(of: "Transport", with: "\u{2067}Transport\u{2069}")
                try write(text, to: input, "invisible.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, scratch in
                try checkOffsets(outcome, file: scratch.appendingPathComponent("in/invisible.txt"))
                XCTAssertGreaterThanOrEqual(outcome.result.statements.count, 1)
            }),
        Row(name: "very long file name",
            reason: "a 250-byte name (near NAME_MAX) with non-ASCII letters: analysed, the id is the name",
            build: { input in
                try write(goodArticle, to: input, String(repeating: "é", count: 123) + ".txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, _ in
                XCTAssertEqual(outcome.documents.first?.summary.id, String(repeating: "é", count: 123) + ".txt")
            }),
        Row(name: "empty folder",
            reason: "nothing analysed but nothing failed: exit 0, and stderr says there were no articles",
            build: { input in "in" },
            analysed: 0, exit: 0, stderr: ["no articles"]),
        Row(name: "folder without articles",
            reason: "only other extensions and hidden files: like an empty folder",
            build: { input in
                try write("a,b\n", to: input, "data.csv")
                try write(goodArticle, to: input, ".hidden.txt")
                return "in"
            },
            analysed: 0, exit: 0, stderr: ["no articles"]),
        Row(name: "dangling symlink",
            reason: "a link with an article's name whose target is gone: named, the rest analysed",
            build: { input in
                try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("gone.txt").path, withDestinationPath: "missing.txt")
                try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("gone-data.csv").path, withDestinationPath: "missing.csv")
                try write(goodArticle, to: input, "good.txt")
                return "in"
            },
            analysed: 1, failures: [Failure(file: "in/gone.txt", says: ["dangling symbolic link"])], exit: 1),
        Row(name: "symlink to an article",
            reason: "a link to a regular file elsewhere is followed and analysed under the link's name",
            build: { input in
                let elsewhere = input.deletingLastPathComponent().appendingPathComponent("elsewhere")
                try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
                try write(goodArticle, to: elsewhere, "real.txt")
                try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("link.txt").path,
                                                           withDestinationPath: "../elsewhere/real.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, _ in XCTAssertEqual(outcome.documents.map(\.summary.id), ["link.txt"]) }),
        Row(name: "FIFO in the folder",
            reason: "a named pipe with an article's name is never opened (nothing writes to it: reading would block): named, not read",
            build: { input in
                try makeFIFO(input.appendingPathComponent("pipe.txt"))
                try write(goodArticle, to: input, "good.txt")
                return "in"
            },
            analysed: 1, failures: [Failure(file: "in/pipe.txt", says: ["named pipe", "not a regular file"])], exit: 1),
        Row(name: "FIFO as PATH",
            reason: "a named pipe given as PATH: refused without opening it",
            build: { input in try makeFIFO(input.appendingPathComponent("pipe.md")); return "in/pipe.md" },
            analysed: 0, failures: [Failure(file: "in/pipe.md", says: ["named pipe"])], exit: 1),
        Row(name: "folder named like an article",
            reason: "`x.txt/` is a folder: walked, its articles analysed, never read as a file",
            build: { input in
                let folder = input.appendingPathComponent("x.txt")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try write(goodArticle, to: folder, "inner.txt")
                try FileManager.default.createDirectory(at: input.appendingPathComponent("empty.md"), withIntermediateDirectories: true)
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, _ in XCTAssertEqual(outcome.documents.map(\.summary.id), ["x.txt/inner.txt"]) }),
        Row(name: "symlink loop through a folder",
            reason: "`sub/up -> ..` and `self -> .`: each folder walked once, its article analysed once, no endless walk",
            build: { input in
                let sub = input.appendingPathComponent("sub")
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("up").path, withDestinationPath: "..")
                try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("self").path, withDestinationPath: ".")
                try write(goodArticle, to: input, "a.txt")
                return "in"
            },
            analysed: 1, exit: 0,
            check: { outcome, _ in XCTAssertEqual(outcome.documents.map(\.summary.id), ["a.txt"]) }),
        Row(name: "symlink loop of files",
            reason: "`a.txt -> b.txt -> a.txt`: both named as link loops, the rest analysed",
            build: { input in
                try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("a.txt").path, withDestinationPath: "b.txt")
                try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("b.txt").path, withDestinationPath: "a.txt")
                try write(goodArticle, to: input, "good.txt")
                return "in"
            },
            analysed: 1,
            failures: [Failure(file: "in/a.txt", says: ["symbolic link loop"]), Failure(file: "in/b.txt", says: ["symbolic link loop"])],
            exit: 1),
        Row(name: "JSONL with one bad line",
            reason: "CRLF lines, a blank line and one line that is not JSON: the good articles analysed, the bad line named file:line",
            build: { input in
                let lines = [jsonLine("a", goodArticle), "{\"id\": \"b\", \"text\": \"unterminated", "", jsonLine("c", goodArticle)]
                try write(lines.joined(separator: "\r\n") + "\r\n", to: input, "articles.jsonl")
                return "in"
            },
            analysed: 2, failures: [Failure(file: "in/articles.jsonl:2", says: ["not valid JSON"])], exit: 1,
            check: { outcome, _ in XCTAssertEqual(outcome.documents.map(\.summary.id), ["a", "c"]) }),
        Row(name: "JSONL lines with bad bytes and missing fields",
            reason: "invalid UTF-8, a NUL byte, a missing text, an empty text, an array and a paragraph over --max-paragraph-length, "
                + "each on its own line: each named file:line, the good line analysed",
            build: { input in
                var bytes: [UInt8] = Array((jsonLine("ok", goodArticle) + "\n").utf8)
                bytes += Array("{\"id\":\"x\",\"text\":\"caf".utf8) + [0xE9] + Array("\"}\n".utf8)
                bytes += Array("{\"id\":\"y\",\"text\":\"a".utf8) + [0] + Array("\"}\n".utf8)
                bytes += Array("{\"id\":\"z\"}\n{\"id\":\"w\",\"text\":\"  \"}\n[1,2]\n".utf8)
                bytes += Array((jsonLine("long", "Title\n\n" + String(repeating: "A sentence. ", count: 100)) + "\n").utf8)
                try writeBytes(bytes, to: input, "mixed.jsonl")
                return "in"
            },
            options: ["--max-paragraph-length", "1000"],
            analysed: 1,
            failures: [Failure(file: "in/mixed.jsonl:2", says: ["invalid UTF-8"]), Failure(file: "in/mixed.jsonl:3", says: ["NUL byte"]),
                       Failure(file: "in/mixed.jsonl:4", says: ["missing string field \"text\""]),
                       Failure(file: "in/mixed.jsonl:5", says: ["empty text"]), Failure(file: "in/mixed.jsonl:6", says: ["not a JSON object"]),
                       Failure(file: "in/mixed.jsonl:7", says: ["article long: paragraph at line 3 of its text is 1200 characters long",
                                                                "over the limit of 1000"])],
            exit: 1),
        Row(name: "output folder and database inside PATH",
            reason: "the reader skips --out (and the database in it) when it lies inside PATH: report.md is never read back as an article",
            build: { input in
                try write(goodArticle, to: input, "a.txt")
                let reports = input.appendingPathComponent("Reports")
                try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
                try write("# Report\n\nOld \"report\" text, the mayor said.\n", to: reports, "report.md")
                try write("# Notes\n\nThe mayor said \"this is not an article\".\n", to: reports, "notes.md")
                return "in"
            },
            options: ["--out", "in/Reports"],
            analysed: 1, exit: 0,
            check: { outcome, _ in XCTAssertEqual(outcome.documents.map(\.summary.id), ["a.txt"]) }),
    ]

    // MARK: Running the table

    func testBadInputTable() throws {
        // 1. Each row's input, checked through the library.
        var prepared: [(row: Row, scratch: URL, path: String, seconds: Double)] = []
        for row in Self.rows {
            let scratch = try makeScratch()
            let input = scratch.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            let path = try row.build(input)
            let started = Date()
            var skip: [URL] = []
            if let index = row.options.firstIndex(of: "--out") {
                let out = scratch.appendingPathComponent(row.options[index + 1])
                skip = [out, out.appendingPathComponent("stance.sqlite")]
            }
            let reader = DocumentReader(path: scratch.appendingPathComponent(path).path, skip: skip,
                                        maxFileBytes: Self.option("--max-file-size", row.options) ?? DocumentReader.defaultMaxFileBytes,
                                        maxParagraphLength: Self.option("--max-paragraph-length", row.options) ?? DocumentReader.defaultMaxParagraphLength)
            let outcome = try CorpusAnalyzer(lexicon: Fixtures.shippedLexicon).analyze(reader: reader)
            let seconds = Date().timeIntervalSince(started)
            let context = "[\(row.name)] \(row.reason)"
            XCTAssertLessThan(seconds, row.seconds, "\(context): took \(seconds) s")
            XCTAssertEqual(outcome.documents.count, row.analysed, "\(context): analysed \(outcome.documents.map(\.summary.id))")
            XCTAssertEqual(outcome.failures.count, row.failures.count, "\(context): failures \(outcome.failures.map(\.description))")
            for expected in row.failures {
                let named = outcome.failures.filter { $0.description.contains(expected.file + ": ") }
                XCTAssertEqual(named.count, 1, "\(context): no failure names \(expected.file): \(outcome.failures.map(\.description))")
                for words in expected.says {
                    XCTAssert(named.contains { $0.reason.contains(words) }, "\(context): \(named.map(\.description)) lacks \"\(words)\"")
                }
            }
            try row.check?(outcome, scratch)
            prepared.append((row, scratch, path, seconds))
        }

        // 2. The same inputs through the binary, several processes at a time (each waits mostly on
        // SQLite and the file system).
        guard let binary = Fixtures.stanceBinary else {
            throw XCTSkip("the stance executable is not built next to the test bundle; CLI rows not run")
        }
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path
        let runs = Self.runAll(prepared.map { item in
            var arguments = ["analyze", item.path, "--lexicons", lexicons] + item.row.options
            if !item.row.options.contains("--out") { arguments += ["--out", "out"] }
            return (binary, arguments, item.scratch)
        })
        var table: [String] = []
        for (item, result) in zip(prepared, runs) {
            let row = item.row
            let context = "[\(row.name)] \(row.reason)"
            let run: Run
            switch result {
            case .success(let finished): run = finished
            case .failure(let error):
                XCTFail("\(context): \(error)")
                continue
            }
            XCTAssertFalse(run.timedOut, "\(context): stance hung; killed")
            XCTAssertEqual(run.status, row.exit, "\(context): exit code; stderr:\n\(run.stderr)")
            let lines = run.stderr.split(separator: "\n").map(String.init)
            for expected in row.failures {
                let named = lines.filter { $0.hasPrefix("stance: \(expected.file): ") }
                XCTAssertEqual(named.count, 1, "\(context): stderr does not name \(expected.file) once:\n\(run.stderr)")
                for words in expected.says { XCTAssert(named.contains { $0.contains(words) }, "\(context): stderr lacks \"\(words)\"") }
            }
            for words in row.stderr { XCTAssert(run.stderr.contains(words), "\(context): stderr lacks \"\(words)\":\n\(run.stderr)") }
            Self.checkSummary(lines.last, analysed: row.analysed, failed: row.failures.count, context)
            if run.status != 2 {
                let out = item.scratch.appendingPathComponent(row.options.contains("--out") ? "in/Reports" : "out")
                XCTAssert(FileManager.default.fileExists(atPath: out.appendingPathComponent("statements.csv").path), "\(context): no statements.csv")
            }
            table.append("| \(row.name) | \(row.analysed) analysed, \(row.failures.count) refused | \(run.status) | \(String(format: "%.2f", item.seconds)) s |")
        }
        print((["| case | outcome | exit | library time |", "| --- | --- | --- | --- |"] + table).joined(separator: "\n"))
    }

    /// PATH and the other arguments that stop `stance analyze` before any input is read.
    func testUnusableRunsExitTwoOrSixtyFour() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        let input = scratch.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Self.write(Self.goodArticle, to: input, "a.txt")
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path

        // A path that does not exist: the library throws, the CLI exits 2 naming it.
        XCTAssertThrowsError(try CorpusAnalyzer(lexicon: Fixtures.shippedLexicon).analyze(path: scratch.appendingPathComponent("nowhere").path))
        var run = try Self.run(binary, ["analyze", "nowhere", "--out", "out", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssert(run.stderr.contains("stance: nowhere: no such file or folder"), run.stderr)
        Self.checkSummary(run.stderr.split(separator: "\n").last.map(String.init), analysed: 0, failed: 0, "missing PATH")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out").path), "out created for nothing")

        // A dangling link as PATH.
        try FileManager.default.createSymbolicLink(atPath: scratch.appendingPathComponent("dangling").path, withDestinationPath: "missing")
        run = try Self.run(binary, ["analyze", "dangling", "--out", "out", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssert(run.stderr.contains("stance: dangling: dangling symbolic link"), run.stderr)

        // --out pointing at an existing regular file, or below one: exit 2 before anything is read.
        try Self.write("keep me", to: scratch, "file")
        for out in ["file", "file/sub"] {
            run = try Self.run(binary, ["analyze", "in", "--out", out, "--lexicons", lexicons], in: scratch)
            XCTAssertEqual(run.status, 2, "--out \(out): \(run.stderr)")
            XCTAssert(run.stderr.contains("stance: --out \(out):"), run.stderr)
            XCTAssert(run.stderr.contains("is not a folder"), run.stderr)
            Self.checkSummary(run.stderr.split(separator: "\n").last.map(String.init), analysed: 0, failed: 0, "--out \(out)")
        }
        XCTAssertEqual(try String(contentsOf: scratch.appendingPathComponent("file"), encoding: .utf8), "keep me")

        // An invalid lexicon folder: exit 2, every error as file:line:col: error: [CODE] message.
        let broken = scratch.appendingPathComponent("lexicons")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: broken)
        let absence = broken.appendingPathComponent("stance/absence.tsv")
        let original = try String(contentsOf: absence, encoding: .utf8)
        try (original + (original.hasSuffix("\n") ? "" : "\n") + "without\n").write(to: absence, atomically: true, encoding: .utf8)
        run = try Self.run(binary, ["analyze", "in", "--out", "out", "--lexicons", "lexicons"], in: scratch)
        XCTAssertEqual(run.status, 2, run.stderr)
        let diagnostic = try NSRegularExpression(pattern: #"^stance/absence\.tsv:\d+:\d+: error: \[L\d{3}\] .+"#, options: [.anchorsMatchLines])
        XCTAssertNotNil(diagnostic.firstMatch(in: run.stderr, range: NSRange(run.stderr.startIndex..., in: run.stderr)), run.stderr)
        Self.checkSummary(run.stderr.split(separator: "\n").last.map(String.init), analysed: 0, failed: 0, "bad lexicons")

        // Usage errors: 64 (swift-argument-parser), nothing written.
        for arguments in [["analyze"], ["analyze", "in", "--max-file-size", "0"], ["analyze", "in", "--max-paragraph-length", "-1"],
                          ["analyze", "in", "--no-such-option"], ["analyze", "in", "--csv-profile", "lotus"], ["no-such-command"]] {
            run = try Self.run(binary, arguments + ["--out", "usage-out"], in: scratch)
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.stderr)")
            XCTAssertFalse(run.stderr.isEmpty, "\(arguments): no message")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("usage-out").path))
    }

    /// `--out` inside PATH, or PATH itself: a second run reads the same articles, never its own report.
    func testOutputFolderInsidePathIsNotReadBack() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        let input = scratch.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Self.write(Self.goodArticle, to: input, "a.txt")
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path
        for out in ["in/Reports", "in", "./in/"] {
            // A fresh folder each time: an old report folder that is not --out is just a folder.
            try? FileManager.default.removeItem(at: input)
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            try Self.write(Self.goodArticle, to: input, "a.txt")
            for attempt in 1...2 {
                let run = try Self.run(binary, ["analyze", "in", "--out", out, "--lexicons", lexicons], in: scratch)
                XCTAssertEqual(run.status, 0, "--out \(out), run \(attempt): \(run.stderr)")
                // The second run reuses the stored document (incremental analysis): one document either way.
                Self.checkSummary(run.stderr.split(separator: "\n").last.map(String.init), analysed: attempt == 1 ? 1 : 0, failed: 0,
                                  reused: attempt == 1 ? 0 : 1, "--out \(out), run \(attempt)")
            }
            XCTAssert(FileManager.default.fileExists(atPath: scratch.appendingPathComponent(out).appendingPathComponent("report.md").path))
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: input.path).contains { $0.contains(".stance-write-test") })
    }

    /// `stance statements PATH --format csv|jsonl|table`: the shape of stdout.
    func testStatementsFormats() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        let input = scratch.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Self.write(Self.goodArticle, to: input, "a.txt")
        try Self.write(Self.goodArticle.replacingOccurrences(of: "Monday", with: "Tuesday"), to: input, "b.md")
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path

        // CSV: the contract's header, then one RFC 4180 row per statement (plain profile: LF, no BOM).
        var run = try Self.run(binary, ["statements", "in", "--format", "csv", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        let csvLines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(csvLines.first, "statement_id,document,paragraph,start,end,speaker,speaker_mention,kind,cue,text,run_id,lexicon_hash")
        XCTAssertEqual(csvLines.last, "", "the CSV ends with a line end")
        let rows = csvLines.dropFirst().dropLast()
        XCTAssertEqual(rows.count, 4, run.stdout)
        for row in rows {
            XCTAssert(row.hasPrefix("s-"), row)
            XCTAssert(row.contains(",a.txt,") || row.contains(",b.md,"), row)
        }
        XCTAssertFalse(run.stdout.hasPrefix("\u{FEFF}"))
        XCTAssertFalse(run.stdout.contains("\r\n"))

        // JSONL: per document its statements, then its document record; objects with a type.
        run = try Self.run(binary, ["statements", "in", "--format", "jsonl", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        var records = try Self.jsonRecords(run.stdout)
        XCTAssertEqual(records.map { $0["type"] as? String }, ["statement", "statement", "document", "statement", "statement", "document"])
        let first = try XCTUnwrap(records.first)
        for key in ["statement_id", "document", "paragraph", "start", "end", "speaker", "speaker_mention", "kind", "cue", "text",
                    "run_id", "lexicon_hash", "stances"] {
            XCTAssertNotNil(first[key], "statement record lacks \(key): \(first)")
        }
        XCTAssertEqual(records[2]["document"] as? String, "a.txt")
        XCTAssertEqual(records[2]["statements"] as? Int, 2)

        // Table: a header, one line per statement, the count.
        run = try Self.run(binary, ["statements", "in", "--format", "table", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        let tableLines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssert(tableLines.first?.hasPrefix("DOCUMENT") == true, run.stdout)
        XCTAssertEqual(tableLines.count, 6, run.stdout)
        XCTAssertEqual(tableLines.last, "4 statements")

        // A refused file: named on stderr, an error record in the JSONL stream, exit 1.
        try Self.writeBytes([0xFF, 0xFE, 0x41, 0x00], to: input, "c.txt")
        run = try Self.run(binary, ["statements", "in", "--format", "jsonl", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssert(run.stderr.contains("stance: in/c.txt: UTF-16LE"), run.stderr)
        records = try Self.jsonRecords(run.stdout)
        let errors = records.filter { $0["type"] as? String == "error" }
        XCTAssertEqual(errors.count, 1, run.stdout)
        XCTAssertEqual(errors.first?["document"] as? String, "c.txt")
        XCTAssert((errors.first?["message"] as? String)?.contains("in/c.txt: UTF-16LE") == true, "\(errors)")
        XCTAssertEqual(records.filter { $0["type"] as? String == "statement" }.count, 4)
    }

    func testVersionAndHelp() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let scratch = try makeScratch()
        var run = try Self.run(binary, ["--version"], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines), stanceVersion)
        run = try Self.run(binary, ["analyze", "--help"], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        for words in ["USAGE:", "stance analyze", "--out", "--max-file-size", "--max-paragraph-length", "--max-statement-length", "--lexicons"] {
            XCTAssert(run.stdout.contains(words), "help lacks \(words):\n\(run.stdout)")
        }
    }

    /// The paragraph measure follows the contract's paragraphs (blocks between blank lines, else lines).
    func testParagraphLimitCountsContractParagraphs() throws {
        let scratch = try makeScratch()
        let lines = String(repeating: "0123456789\n", count: 30)  // 30 lines of 10: blocks of 329 scalars
        try Self.write("Title\n\n" + lines + "\n" + "short\n", to: scratch, "blocks.txt")
        try Self.write(lines, to: scratch, "lines.txt")  // no blank line: paragraphs are lines of 10
        try Self.write("a\r\n\r\n" + String(repeating: "x", count: 400) + "\r\n", to: scratch, "crlf.txt")
        let reader = DocumentReader(path: scratch.path, maxParagraphLength: 300)
        let outcome = try CorpusAnalyzer(lexicon: Fixtures.shippedLexicon).analyze(reader: reader)
        XCTAssertEqual(outcome.documents.map(\.summary.id), ["lines.txt"])
        XCTAssertEqual(outcome.failures.count, 2, "\(outcome.failures)")
        XCTAssert(outcome.failures.contains { $0.description.hasSuffix("blocks.txt: paragraph at line 3 is 329 characters long, over the limit of 300 (raise it with --max-paragraph-length); not analysed") },
                  "\(outcome.failures)")
        XCTAssert(outcome.failures.contains { $0.description.contains("crlf.txt: paragraph at line 3 is 400 characters") }, "\(outcome.failures)")
        let unlimited = DocumentReader(path: scratch.path, maxParagraphLength: 0)
        XCTAssertEqual(try CorpusAnalyzer(lexicon: Fixtures.shippedLexicon).analyze(reader: unlimited).documents.count, 3)
    }

    /// The decoder on its own: messages and offsets.
    func testDecoderReasons() {
        func reason(_ bytes: [UInt8]) -> String {
            switch TextDecoder.decode(bytes) {
            case .success: "ok"
            case .failure(let problem): problem.description
            }
        }
        XCTAssertEqual(reason(Array("ok\r\n".utf8)), "ok")
        XCTAssert(reason([0xEF, 0xBB, 0xBF] + Array("x".utf8) + [0xFF]).hasPrefix("invalid UTF-8 at byte offset 4 (line 1, byte 0xFF)"))
        XCTAssert(reason(Array("a\nb\nc".utf8) + [0xC3]).hasPrefix("invalid UTF-8 at byte offset 5 (line 3"), reason(Array("a\nb\nc".utf8) + [0xC3]))
        XCTAssert(reason(Array("ab".utf8) + [0, 0x63, 0x64]).hasPrefix("binary file (NUL byte at byte offset 2)"))
        XCTAssert(reason([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0]).hasPrefix("UTF-32LE"))
        XCTAssert(reason(Self.utf16("Hello there, world.", bigEndian: true)).hasPrefix("looks like UTF-16BE"))
        XCTAssertEqual(reason([]), TextDecoder.DecodeProblem.empty.description)
        XCTAssertEqual(reason(Array(" \u{2003}\u{3000}\n".utf8)), TextDecoder.DecodeProblem.blank.description)
        if case .success(let text) = TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc".utf8)) {
            XCTAssertEqual(Array(text.unicodeScalars).count, 6, "BOM removed, every CR and LF kept")
        } else {
            XCTFail("BOM + CRLF/CR text refused")
        }
    }

    // MARK: Inputs

    /// Two paragraphs after a title, each with one attributed quotation.
    static let goodArticle = """
        Bridge toll debate

        "The toll is a tax on workers," Mayor Ilse Varga said on Monday.

        Transport minister Tomas Hollan disagreed. "Without the toll, the bridge cannot be maintained," he said.

        """

    /// The good article's statements, found at the right paragraphs and offsets whatever the line ends.
    static func checkGoodArticle(_ outcome: CorpusAnalyzer.Outcome, file: URL) throws {
        try checkOffsets(outcome, file: file)
        let analysis = try XCTUnwrap(outcome.analyses.first)
        XCTAssertEqual(analysis.paragraphs.count, 3, "title and two paragraphs")
        let statements = analysis.statements.sorted { $0.range.start < $1.range.start }
        XCTAssertEqual(statements.map(\.paragraph), [1, 2])
        XCTAssertEqual(statements.map(\.text), ["The toll is a tax on workers,", "Without the toll, the bridge cannot be maintained,"])
        // Python: open(path, encoding='utf-8-sig', newline='').read().find(...)
        let scalars = Array(try fileText(file).unicodeScalars)
        for statement in statements {
            let expected = firstIndex(of: Array(statement.text.unicodeScalars), in: scalars)
            XCTAssertEqual(statement.range.start, expected, "\(file.lastPathComponent): \(statement.text)")
        }
    }

    /// Every statement's offsets, applied to the file's text as Python reads it, give its text.
    static func checkOffsets(_ outcome: CorpusAnalyzer.Outcome, file: URL) throws {
        let scalars = Array(try fileText(file).unicodeScalars)
        for statement in outcome.result.statements {
            XCTAssertLessThanOrEqual(statement.range.end, scalars.count)
            guard statement.range.end <= scalars.count else { continue }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[statement.range.start..<statement.range.end])
            XCTAssertEqual(String(view), statement.text, "\(file.lastPathComponent) \(statement.range.start)..<\(statement.range.end)")
        }
    }

    /// The text as `open(path, encoding='utf-8-sig', newline='').read()` gives it.
    static func fileText(_ file: URL) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: file))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func firstIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static func jsonLine(_ id: String, _ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["id": id, "text": text], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }

    static func write(_ text: String, latin1: Bool = false, to folder: URL, _ name: String) throws {
        let bytes = latin1 ? text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } : Array(text.utf8)
        try writeBytes(bytes, to: folder, name)
    }

    static func writeBytes(_ bytes: [UInt8], to folder: URL, _ name: String) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    static func makeFIFO(_ url: URL) throws {
        guard mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    static func option(_ name: String, _ options: [String]) -> Int? {
        guard let index = options.firstIndex(of: name), index + 1 < options.count else { return nil }
        return Int(options[index + 1])
    }

    func makeScratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-badinput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    // MARK: The binary (`Fixtures.stanceBinary`)

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Still running after the timeout: killed.
        var timedOut = false
    }

    /// Runs several commands at once (at most `width`), results in the order given.
    static func runAll(_ commands: [(URL, [String], URL)], width: Int = 6) -> [Result<Run, Error>] {
        final class Slots: @unchecked Sendable {
            var values: [Result<Run, Error>?]
            let lock = NSLock()
            init(_ count: Int) { values = Array(repeating: nil, count: count) }
        }
        let slots = Slots(commands.count)
        let group = DispatchGroup()
        let gate = DispatchSemaphore(value: width)
        for (index, command) in commands.enumerated() {
            gate.wait()
            group.enter()
            DispatchQueue.global().async {
                let result = Result { try execute(command.0, command.1, in: command.2) }
                slots.lock.lock()
                slots.values[index] = result
                slots.lock.unlock()
                gate.signal()
                group.leave()
            }
        }
        group.wait()
        return slots.values.map { $0! }
    }

    /// Runs the binary in `folder` with stdin on /dev/null; a run over `timeout` seconds is a hang:
    /// killed and reported as a failure.
    static func run(_ binary: URL, _ arguments: [String], in folder: URL, timeout: TimeInterval = 30) throws -> Run {
        let run = try execute(binary, arguments, in: folder, timeout: timeout)
        XCTAssertFalse(run.timedOut, "stance \(arguments.joined(separator: " ")) hung for \(timeout) s; killed")
        return run
    }

    /// `run` without assertions (safe off the main thread).
    static func execute(_ binary: URL, _ arguments: [String], in folder: URL, timeout: TimeInterval = 30) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("stance-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout"), errURL = capture.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let run = Run(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), timedOut: timedOut)
        return run
    }

    static func jsonRecords(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    /// The last stderr line is the contract's summary with these counts (more may follow `s`,
    /// e.g. `; re-scored 2`).
    static func checkSummary(_ line: String?, analysed: Int, failed: Int, reused: Int = 0, _ context: String) {
        let pattern = #"^analysed (\d+), reused (\d+), failed (\d+) documents; \d+ statements; \d+\.\d s(; .+)?$"#
        guard let line, let match = try? NSRegularExpression(pattern: pattern).firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
              let a = Range(match.range(at: 1), in: line), let r = Range(match.range(at: 2), in: line),
              let f = Range(match.range(at: 3), in: line) else {
            XCTFail("\(context): the last stderr line is not the summary: \(line ?? "(none)")")
            return
        }
        XCTAssertEqual(Int(line[a]), analysed, "\(context): \(line)")
        XCTAssertEqual(Int(line[r]), reused, "\(context): \(line)")
        XCTAssertEqual(Int(line[f]), failed, "\(context): \(line)")
    }
}
